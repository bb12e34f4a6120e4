// Conversion between Python objects and sbd::Value (properties, overrides,
// extensions, dict documents), and sbd.Tagged for YAML-tagged values such as
// CloudFormation's !Ref.
#include "bindings.hpp"

#include <string>

namespace sbd_py {
namespace {

/// A YAML-tagged value: Tagged("!Ref", "Photos") is `!Ref Photos`.
struct Tagged {
  std::string tag;
  py::object value;
};

sbd::Error argument_error(const std::string& message) {
  return sbd::Error(sbd::ErrorCode::argument, message);
}

}  // namespace

std::string str_arg(py::handle obj, const std::string& what) {
  if (!PyUnicode_Check(obj.ptr()))
    throw py::type_error(what + " must be a str, not " + Py_TYPE(obj.ptr())->tp_name);
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(obj.ptr(), &size);
  if (data == nullptr) throw py::error_already_set();  // UnicodeEncodeError, a ValueError
  return std::string(data, static_cast<std::size_t>(size));
}

std::string optional_str_arg(py::handle obj, const std::string& what) {
  return obj.is_none() ? std::string() : str_arg(obj, what);
}

std::string path_arg(const py::handle& obj) {
  if (obj.is_none()) throw py::type_error("expected a path (str or os.PathLike), got None");
  py::object encoded = py::module_::import("os").attr("fsencode")(obj);
  return std::string(py::reinterpret_borrow<py::bytes>(encoded));
}

sbd::Value value_from_py(py::handle obj, const What& what, int depth) {
  if (depth > max_value_depth)
    throw argument_error(what.str() + ": nested deeper than " + std::to_string(max_value_depth) +
                         " levels (or contains itself)");
  PyObject* o = obj.ptr();
  if (o == Py_None) return sbd::Value();
  if (PyBool_Check(o)) return sbd::Value(o == Py_True);
  if (PyFloat_Check(o)) return sbd::Value(PyFloat_AS_DOUBLE(o));
  if (PyLong_Check(o) || (PyIndex_Check(o) && !PyUnicode_Check(o))) {
    py::object index = py::reinterpret_steal<py::object>(PyNumber_Index(o));
    if (!index) throw py::error_already_set();
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
    if (overflow != 0)
      throw argument_error(what.str() + ": integer " + py::str(index).cast<std::string>().substr(0, 40) +
                           " does not fit in 64 bits");
    if (v == -1 && PyErr_Occurred()) throw py::error_already_set();
    return sbd::Value(v);
  }
  if (PyUnicode_Check(o)) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(o, &size);
    if (data == nullptr) throw py::error_already_set();  // UnicodeEncodeError, a ValueError
    return sbd::Value(std::string(data, static_cast<std::size_t>(size)));
  }
  if (py::isinstance<Tagged>(obj)) {
    const auto& t = obj.cast<const Tagged&>();
    return sbd::Value::tagged(t.tag, value_from_py(t.value, what, depth + 1));
  }
  if (PyList_Check(o) || PyTuple_Check(o)) {
    py::sequence seq = py::reinterpret_borrow<py::sequence>(obj);
    sbd::Value out = sbd::Value::list();
    const std::size_t n = seq.size();
    for (std::size_t i = 0; i < n; ++i)
      out.push_back(value_from_py(seq[i], what, depth + 1));
    return out;
  }
  if (PyDict_Check(o) || py::isinstance(obj, py::module_::import("collections.abc").attr("Mapping"))) {
    sbd::Value out = sbd::Value::map();
    py::object items = obj.attr("items")();
    for (py::handle item : items) {
      py::tuple kv = py::reinterpret_borrow<py::tuple>(item);
      if (!PyUnicode_Check(kv[0].ptr()))
        throw py::type_error(what.str() + ": mapping keys must be str, not " +
                             std::string(Py_TYPE(kv[0].ptr())->tp_name));
      Py_ssize_t size = 0;
      const char* data = PyUnicode_AsUTF8AndSize(kv[0].ptr(), &size);
      if (data == nullptr) throw py::error_already_set();  // UnicodeEncodeError, a ValueError
      std::string key(data, static_cast<std::size_t>(size));
      out.set(key, value_from_py(kv[1], what, depth + 1));
    }
    return out;
  }
  throw py::type_error(what.str() + ": cannot store a value of type " +
                       std::string(Py_TYPE(o)->tp_name) +
                       " (expected None, bool, int, float, str, list, tuple, dict or sbd.Tagged)");
}

py::object value_to_py(const sbd::Value& v) {
  py::object out;
  switch (v.type()) {
    case sbd::Value::Type::null: out = py::none(); break;
    case sbd::Value::Type::boolean: out = py::bool_(v.as_bool()); break;
    case sbd::Value::Type::integer: out = py::int_(v.as_int()); break;
    case sbd::Value::Type::number: out = py::float_(v.as_number()); break;
    case sbd::Value::Type::string: out = text(v.as_string()); break;
    case sbd::Value::Type::list: {
      py::list l(v.size());
      for (std::size_t i = 0; i < v.size(); ++i) l[i] = value_to_py(v[i]);
      out = std::move(l);
      break;
    }
    case sbd::Value::Type::map: {
      py::dict d;
      for (std::size_t i = 0; i < v.size(); ++i) d[text(v.keys()[i])] = value_to_py(v.value_at(i));
      out = std::move(d);
      break;
    }
  }
  if (!v.tag().empty()) return py::cast(Tagged{v.tag(), out});
  return out;
}

void bind_value(py::module_& m) {
  py::class_<Tagged>(m, "Tagged", R"doc(
A YAML-tagged value, such as CloudFormation's short intrinsic functions.

YAML writes it in short form (``!Ref Photos``), JSON in long form
(``{"Ref": "Photos"}``). Used in node ``overrides``.

Example::

    arch.nodes["Resize"].overrides = {"Role": sbd.Tagged("!GetAtt", "MyRole.Arn")}
)doc")
      .def(py::init([](std::string tag, py::object value) {
             if (tag.size() < 2 || tag[0] != '!')
               throw argument_error("a tag starts with '!' and has a name, as in '!Ref'; got '" +
                                    tag.substr(0, 64) + "'");
             return Tagged{std::move(tag), std::move(value)};
           }),
           py::arg("tag"), py::arg("value"))
      .def_readonly("tag", &Tagged::tag, "The tag, such as ``'!Ref'``.")
      .def_readonly("value", &Tagged::value, "The tagged value.")
      .def("__repr__",
           [](const Tagged& t) {
             return "Tagged(" + py::repr(py::str(t.tag)).cast<std::string>() + ", " +
                    py::repr(t.value).cast<std::string>() + ")";
           })
      .def("__eq__",
           [](const Tagged& a, py::object b) -> py::object {
             if (!py::isinstance<Tagged>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             const auto& t = b.cast<const Tagged&>();
             return py::bool_(a.tag == t.tag && a.value.equal(t.value));
           },
           py::arg("other"))
      .attr("__hash__") = py::none();
}

}  // namespace sbd_py
