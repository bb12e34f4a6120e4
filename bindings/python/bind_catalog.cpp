// sbd.Catalog and its entries (read-only): the kinds of node, their
// properties, the allowed connections and the Lambda runtimes.
#include "bindings.hpp"

#include <pybind11/stl.h>

#include <string>

namespace sbd_py {
namespace {

/// What a Python sbd.Catalog holds: a shared, immutable catalog.
struct PyCatalog {
  std::shared_ptr<const sbd::Catalog> ptr;
};

std::shared_ptr<const sbd::Catalog> builtin_ptr() {
  static const std::shared_ptr<const sbd::Catalog> builtin(&sbd::Catalog::builtin(),
                                                           [](const sbd::Catalog*) {});
  return builtin;
}

py::object optional_number(const std::optional<double>& d) {
  return d ? py::object(py::float_(*d)) : py::object(py::none());
}

py::dict property_dict(const std::vector<sbd::PropertySpec>& specs) {
  py::dict d;
  for (const auto& p : specs) d[text(p.name)] = py::cast(p);
  return d;
}

std::string list_repr(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", '" : "'") + items[i] + "'";
  return out + "]";
}

}  // namespace

std::shared_ptr<const sbd::Catalog> catalog_arg(const py::handle& obj) {
  if (obj.is_none()) return nullptr;
  if (!py::isinstance<PyCatalog>(obj))
    throw py::type_error(std::string("catalog must be an sbd.Catalog or None, not ") +
                         Py_TYPE(obj.ptr())->tp_name);
  return obj.cast<const PyCatalog&>().ptr;
}

py::object wrap_catalog(std::shared_ptr<const sbd::Catalog> catalog) {
  return py::cast(PyCatalog{catalog ? std::move(catalog) : builtin_ptr()});
}

void bind_catalog(py::module_& m) {
  py::class_<sbd::PropertySpec>(m, "PropertySpec",
                                "A property of a kind of node or of a connection (read-only).")
      .def_readonly("name", &sbd::PropertySpec::name, "The snake_case key, such as ``'memory'``.")
      .def_property_readonly(
          "type", [](const sbd::PropertySpec& p) { return sbd::property_type_name(p.type); },
          "``'string'``, ``'integer'``, ``'number'``, ``'boolean'``, ``'list'``, ``'map'`` or "
          "``'any'``.")
      .def_property_readonly(
          "default", [](const sbd::PropertySpec& p) { return value_to_py(p.default_value); },
          "The default value, or None.")
      .def_property_readonly(
          "min", [](const sbd::PropertySpec& p) { return optional_number(p.min); },
          "The smallest allowed number, or None.")
      .def_property_readonly(
          "max", [](const sbd::PropertySpec& p) { return optional_number(p.max); },
          "The largest allowed number, or None.")
      .def_readonly("choices", &sbd::PropertySpec::choices,
                    "The allowed strings when restricted, else an empty list.")
      .def_readonly("description", &sbd::PropertySpec::description, "What the property means.")
      .def("accepts", [](const sbd::PropertySpec& p, py::handle v) {
             return p.accepts_type(value_from_py(v, "value"));
           }, py::arg("value"),
           "Whether value has this property's type (an int is also a number).")
      .def("__repr__", [](const sbd::PropertySpec& p) {
        std::string out = "PropertySpec('" + p.name + "', type='" +
                          sbd::property_type_name(p.type) + "'";
        if (!p.default_value.is_null())
          out += ", default=" + py::repr(value_to_py(p.default_value)).cast<std::string>();
        return out + ")";
      });

  py::class_<sbd::KindSpec>(m, "KindSpec", R"doc(
A kind of node from the catalog (read-only).

Example::

    >>> fn = sbd.catalog().kinds["fn"]
    >>> fn.name, fn.properties["memory"].default
    ('Lambda function', 128)
)doc")
      .def_readonly("key", &sbd::KindSpec::key, "The kind key used in models, such as ``'fn'``.")
      .def_readonly("name", &sbd::KindSpec::name, "A readable name, such as ``'Lambda function'``.")
      .def_readonly("category", &sbd::KindSpec::category,
                    "compute, storage, messaging, streaming, api, identity, orchestration, schedule, monitoring or configuration.")
      .def_readonly("sam_type", &sbd::KindSpec::sam_type,
                    "The main CloudFormation/SAM resource type the SAM engine emits.")
      .def_readonly("description", &sbd::KindSpec::description, "What the kind is, in one sentence.")
      .def_property_readonly(
          "properties", [](const sbd::KindSpec& k) { return property_dict(k.properties); },
          "The kind's properties by name (dict of PropertySpec).")
      .def("__repr__", [](const sbd::KindSpec& k) {
        return "KindSpec('" + k.key + "', name='" + k.name + "', sam_type='" + k.sam_type + "')";
      });

  py::class_<sbd::ConnectionSpec>(m, "ConnectionSpec",
                                  "An allowed connection between two kinds (read-only).")
      .def_readonly("source", &sbd::ConnectionSpec::from, "The kind key of the source.")
      .def_readonly("target", &sbd::ConnectionSpec::to, "The kind key of the target.")
      .def_readonly("actions", &sbd::ConnectionSpec::actions, "The allowed actions, default first.")
      .def_property_readonly(
          "default_action",
          [](const sbd::ConnectionSpec& c) {
            return c.actions.empty() ? std::string() : c.actions.front();
          },
          "The action an edge gets when it names none.")
      .def_property_readonly(
          "invocation",
          [](const sbd::ConnectionSpec& c) -> py::object {
            if (c.invocation == sbd::Invocation::none) return py::none();
            return py::str(sbd::invocation_name(c.invocation));
          },
          "``'sync'``, ``'async'``, ``'stream'``, ``'poll'``, or None.")
      .def_property_readonly(
          "properties", [](const sbd::ConnectionSpec& c) { return property_dict(c.properties); },
          "The edge properties by name (dict of PropertySpec).")
      .def_readonly("sam", &sbd::ConnectionSpec::sam, "What the SAM engine produces for it.")
      .def("__repr__", [](const sbd::ConnectionSpec& c) {
        return "ConnectionSpec('" + c.from + "', '" + c.to + "', actions=" + list_repr(c.actions) +
               ")";
      });

  py::class_<sbd::RuntimeSpec>(m, "RuntimeSpec",
                               "A Lambda runtime and its life cycle (dates 'YYYY-MM-DD' or '').")
      .def_readonly("name", &sbd::RuntimeSpec::name, "Such as 'python3.13'.")
      .def_readonly("family", &sbd::RuntimeSpec::family, "python, nodejs, java, provided, dotnet or ruby.")
      .def_readonly("deprecated", &sbd::RuntimeSpec::deprecated, "The date AWS Lambda deprecated it (or will), or ''.")
      .def_readonly("block_create", &sbd::RuntimeSpec::block_create, "The date creating functions is blocked, or ''.")
      .def_readonly("block_update", &sbd::RuntimeSpec::block_update, "The date updating functions is blocked, or ''.")
      .def_readonly("successor", &sbd::RuntimeSpec::successor, "The runtime AWS advises moving to, or ''.")
      .def_readonly("starter_code", &sbd::RuntimeSpec::starter_code, "Whether libsbd writes starter code for it.")
      .def("__repr__", [](const sbd::RuntimeSpec& r) {
        std::string out = "RuntimeSpec('" + r.name + "'";
        if (!r.deprecated.empty()) out += ", deprecated='" + r.deprecated + "'";
        return out + ")";
      });

  py::class_<PyCatalog>(m, "Catalog", R"doc(
The catalog of kinds, connections and runtimes (immutable).

Get the built-in one with ``sbd.catalog()``, or the built-in one extended by a
file of your own with ``sbd.catalog("my-kinds.yaml")``.

Example::

    >>> cat = sbd.catalog()
    >>> cat.connection("queue", "fn").actions
    ['trigger']
)doc")
      .def_property_readonly(
          "kinds",
          [](const PyCatalog& c) {
            py::dict d;
            for (const auto& k : c.ptr->kinds()) d[text(k.key)] = py::cast(k);
            return d;
          },
          "Every kind by key (dict of KindSpec), in catalog order.")
      .def_property_readonly(
          "connections",
          [](const PyCatalog& c) {
            py::list l;
            for (const auto& k : c.ptr->connections()) l.append(py::cast(k));
            return l;
          },
          "Every allowed connection (list of ConnectionSpec), in catalog order.")
      .def_property_readonly(
          "runtimes",
          [](const PyCatalog& c) {
            py::dict d;
            for (const auto& r : c.ptr->runtimes()) d[text(r.name)] = py::cast(r);
            return d;
          },
          "Every known Lambda runtime by name (dict of RuntimeSpec).")
      .def(
          "kind",
          [](const PyCatalog& c, const std::string& key) {
            const sbd::KindSpec* k = c.ptr->kind(key);
            if (k == nullptr) {
              std::string names;
              for (const auto& s : c.ptr->kinds()) names += (names.empty() ? "" : ", ") + s.key;
              throw sbd::Error(sbd::ErrorCode::not_found,
                               "unknown kind '" + key.substr(0, 128) + "'; the kinds are: " + names);
            }
            return *k;
          },
          py::arg("key"), "The kind of that key; raises sbd.NotFoundError listing the kinds.")
      .def(
          "connection",
          [](const PyCatalog& c, const std::string& source, const std::string& target) -> py::object {
            const sbd::ConnectionSpec* s = c.ptr->connection(source, target);
            return s ? py::cast(*s) : py::object(py::none());
          },
          py::arg("source"), py::arg("target"),
          "The allowed connection from kind source to kind target, or None.")
      .def(
          "connections_from",
          [](const PyCatalog& c, const std::string& source) {
            py::list l;
            for (const auto* s : c.ptr->connections_from(source)) l.append(py::cast(*s));
            return l;
          },
          py::arg("source"), "Every connection that starts at kind source.")
      .def(
          "runtime",
          [](const PyCatalog& c, const std::string& name) -> py::object {
            const sbd::RuntimeSpec* r = c.ptr->runtime(name);
            return r ? py::cast(*r) : py::object(py::none());
          },
          py::arg("name"), "The runtime of that name, or None.")
      .def(
          "extended",
          [](const PyCatalog& c, const PyCatalog& other) {
            auto copy = std::make_shared<sbd::Catalog>(*c.ptr);
            copy->extend(*other.ptr);
            return PyCatalog{std::move(copy)};
          },
          py::arg("other"), "A copy of this catalog extended by other's kinds and connections.")
      .def_static(
          "parse",
          [](const std::string& text, const std::string& source_name) {
            py::gil_scoped_release release;
            return PyCatalog{std::make_shared<sbd::Catalog>(sbd::Catalog::parse(text, source_name))};
          },
          py::arg("text"), py::arg("source_name") = "<catalog>",
          "Parses a catalog file's text (the format of the built-in catalog.yaml) on its own, "
          "without the built-in kinds; raises sbd.ParseError.")
      .def("to_json", [](const PyCatalog& c) { return c.ptr->to_json(); },
           "The catalog as JSON (the output of ``sbd catalog --format json``).")
      .def("to_text", [](const PyCatalog& c) { return c.ptr->to_text(); },
           "The catalog as text (the output of ``sbd catalog``).")
      .def("__contains__", [](const PyCatalog& c, const std::string& key) {
             return c.ptr->kind(key) != nullptr;
           }, py::arg("key"))
      .def("__eq__", [](const PyCatalog& a, py::object b) -> py::object {
             if (!py::isinstance<PyCatalog>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             return py::bool_(a.ptr == b.cast<const PyCatalog&>().ptr);
           }, py::arg("other"))
      .def("__hash__", [](const PyCatalog& c) { return std::hash<const void*>()(c.ptr.get()); })
      .def("__repr__", [](const PyCatalog& c) {
        return "<Catalog: " + std::to_string(c.ptr->kinds().size()) + " kinds, " +
               std::to_string(c.ptr->connections().size()) + " connections, " +
               std::to_string(c.ptr->runtimes().size()) + " runtimes>";
      });

  m.def(
      "catalog",
      [](py::object path) {
        if (path.is_none()) return wrap_catalog(nullptr);
        std::string p = path_arg(path);
        std::shared_ptr<const sbd::Catalog> extended;
        {
          py::gil_scoped_release release;
          extended = std::make_shared<sbd::Catalog>(sbd::Catalog::builtin_extended_by(p));
        }
        return wrap_catalog(std::move(extended));
      },
      py::arg("path") = py::none(), R"doc(
The built-in catalog, or the built-in catalog extended by the catalog file at path.

Example::

    >>> sorted(sbd.catalog().kinds["fn"].properties)[:3]
    ['architecture', 'environment', 'handler']
)doc");
}

}  // namespace sbd_py
