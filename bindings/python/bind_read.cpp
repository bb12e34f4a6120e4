// Reading and writing models: sbd.load, sbd.loads, Architecture.to_yaml,
// to_json, dumps, to_dict and from_dict. Reading releases the GIL.
#include "bindings.hpp"

#include <string>
#include <utility>

namespace sbd_py {
namespace {

sbd::ReadOptions read_options(const std::string& format, const py::handle& catalog) {
  sbd::ReadOptions options;
  options.format = sbd::parse_format(format);
  options.catalog = catalog_arg(catalog);
  return options;
}

std::string text_arg(const py::handle& obj) {
  if (PyBytes_Check(obj.ptr())) return std::string(py::reinterpret_borrow<py::bytes>(obj));
  if (PyByteArray_Check(obj.ptr()))
    return std::string(PyByteArray_AS_STRING(obj.ptr()),
                       static_cast<std::size_t>(PyByteArray_GET_SIZE(obj.ptr())));
  if (PyUnicode_Check(obj.ptr())) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(obj.ptr(), &size);
    if (data == nullptr) throw py::error_already_set();
    return std::string(data, static_cast<std::size_t>(size));
  }
  throw py::type_error(std::string("text must be str or bytes, not ") + Py_TYPE(obj.ptr())->tp_name);
}

}  // namespace

void bind_read(py::module_& m) {
  m.def(
      "load",
      [](py::handle path, const std::string& format, py::handle catalog) {
        const std::string p = path_arg(path);
        const sbd::ReadOptions options = read_options(format, catalog);
        py::gil_scoped_release release;
        std::vector<sbd::ReadNote> notes;
        auto a = std::make_shared<PyArch>(sbd::read_file(p, options, &notes));
        a->notes = std::move(notes);
        return a;
      },
      py::arg("path"), py::kw_only(), py::arg("format") = "detect", py::arg("catalog") = py::none(),
      R"doc(
Reads a model file: ``sbd: 1`` YAML or JSON, or the Serverless by Design
browser tool's JSON export (format "detect" decides from the content; else
"yaml", "json" or "sbd-json"). Releases the GIL while reading.

Raises sbd.ParseError (also a ValueError) with path, line and column on
anything unreadable, sbd.IOError when the file cannot be opened.

Example::

    arch = sbd.load("app.yaml")
    print(arch.notes)        # e.g. ids renamed on import
)doc");

  m.def(
      "loads",
      [](py::handle text, const std::string& format, const std::string& source_name,
         py::handle catalog) {
        std::string t = text_arg(text);
        const sbd::ReadOptions options = read_options(format, catalog);
        py::gil_scoped_release release;
        std::vector<sbd::ReadNote> notes;
        auto a = std::make_shared<PyArch>(sbd::read_string(t, source_name, options, &notes));
        a->notes = std::move(notes);
        return a;
      },
      py::arg("text"), py::kw_only(), py::arg("format") = "detect",
      py::arg("source_name") = "<string>", py::arg("catalog") = py::none(),
      R"doc(
Reads a model from a str or bytes, as load() reads a file; source_name is the
name errors give. Releases the GIL while reading.

Example::

    arch = sbd.loads(arch.to_json(), format="json")
)doc");

  auto cls = py::reinterpret_borrow<py::class_<PyArch, ArchPtr>>(m.attr("Architecture"));
  cls.def(
         "dumps",
         [](const PyArch& a, const std::string& format) {
           const sbd::Format f = sbd::parse_format(format);
           if (f == sbd::Format::detect)
             throw sbd::Error(sbd::ErrorCode::argument,
                              "dumps() needs a format: 'yaml', 'json' or 'sbd-json'");
           return read_without_gil(a, [f](const sbd::Architecture& arch) {
             return sbd::write_string(arch, f);
           });
         },
         py::arg("format") = "yaml",
         "The model as text: 'yaml', 'json' (both canonical: the same model gives the same "
         "bytes) or 'sbd-json' (the browser tool's export).")
      .def(
          "to_yaml",
          [](const PyArch& a) {
            return read_without_gil(a, [](const sbd::Architecture& arch) {
              return sbd::write_string(arch, sbd::Format::yaml);
            });
          },
          "The model as canonical ``sbd: 1`` YAML. ``sbd.loads(arch.to_yaml()) == arch``.")
      .def(
          "to_json",
          [](const PyArch& a) {
            return read_without_gil(a, [](const sbd::Architecture& arch) {
              return sbd::write_string(arch, sbd::Format::json);
            });
          },
          "The model as canonical ``sbd: 1`` JSON.")
      .def(
          "to_dict", [](const PyArch& a) { return value_to_py(sbd::to_value(a.arch)); },
          "The model as the dict a YAML or JSON model file holds.")
      .def_static(
          "from_dict",
          [](py::handle doc, const std::string& source_name, py::handle catalog) {
            if (!PyDict_Check(doc.ptr())) throw py::type_error("from_dict() needs a dict");
            sbd::Value v = value_from_py(doc, "model");
            auto cat = catalog_arg(catalog);
            py::gil_scoped_release release;
            return std::make_shared<PyArch>(sbd::from_value(v, source_name, cat));
          },
          py::arg("doc"), py::kw_only(), py::arg("source_name") = "<dict>",
          py::arg("catalog") = py::none(),
          "Builds an architecture from a model dict (the shape of a model file); raises "
          "sbd.ParseError as loads() does.");
}

}  // namespace sbd_py
