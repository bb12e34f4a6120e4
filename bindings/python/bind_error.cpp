// sbd.Error and its subclasses, generated from the one error-code table
// (sbd::ErrorCode, include/sbd/error.hpp), and the translation of C++
// exceptions: no C++ exception reaches Python untranslated.
#include "bindings.hpp"

#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace sbd_py {
namespace {

struct ErrorTable {
  PyObject* code_enum = nullptr;               // sbd.ErrorCode
  PyObject* base = nullptr;                    // sbd.Error
  std::map<int, PyObject*> classes;            // code -> sbd.<Name>Error
  std::map<int, PyObject*> members;            // code -> sbd.ErrorCode.<name>
};
// Lives as long as the process: Python may still raise these while the
// interpreter shuts down, so the references are never dropped.
ErrorTable* table = nullptr;

/// Every code of the table, in order. error_code_name() answers a name it has
/// already given for a value outside the table, which ends the walk.
std::vector<sbd::ErrorCode> all_codes() {
  std::vector<sbd::ErrorCode> codes;
  std::set<std::string> seen;
  for (int i = 1; i < 64; ++i) {
    const auto code = static_cast<sbd::ErrorCode>(i);
    if (!seen.insert(sbd::error_code_name(code)).second) break;
    codes.push_back(code);
  }
  return codes;
}

/// "not_found" -> "NotFoundError", "io" -> "IOError".
std::string class_name(const std::string& code) {
  std::string out;
  std::size_t start = 0;
  while (start <= code.size()) {
    std::size_t end = code.find('_', start);
    if (end == std::string::npos) end = code.size();
    std::string part = code.substr(start, end - start);
    if (part.size() <= 2) {
      for (char& c : part) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!part.empty()) {
      part[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(part[0])));
    }
    out += part;
    start = end + 1;
  }
  return out + "Error";
}

/// The built-in Python exception each code also is, so that plain Python
/// handlers work: `except ValueError` catches a parse error.
PyObject* builtin_base(const std::string& code) {
  if (code == "parse" || code == "invalid" || code == "argument") return PyExc_ValueError;
  if (code == "not_found") return PyExc_KeyError;
  if (code == "io") return PyExc_OSError;
  if (code == "internal") return PyExc_RuntimeError;
  return nullptr;
}

std::string class_doc(const std::string& code) {
  if (code == "parse")
    return "The input cannot be read: bad YAML or JSON, a wrong type, a missing or duplicate "
           "key. Also a ValueError; path, line and column say where.";
  if (code == "invalid")
    return "The request is well-formed but the model forbids it (an invalid id, a duplicate "
           "node or edge, a property the kind does not have). Also a ValueError.";
  if (code == "not_found")
    return "A node, kind, engine or file that does not exist; the message names the ones "
           "that do. Also a KeyError (with a readable message).";
  if (code == "argument")
    return "A bad argument (an unknown format or severity, a value out of range). Also a "
           "ValueError.";
  if (code == "io") return "Reading or writing a file failed. Also an OSError.";
  if (code == "internal") return "A bug in libsbd; please report it. Also a RuntimeError.";
  return "An sbd error with code " + code + ".";
}

PyObject* new_class(const std::string& name, const std::string& doc, PyObject* bases,
                    PyObject* dict) {
  const std::string qualified = "sbd." + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc.c_str(), bases, dict);
  if (cls == nullptr) throw py::error_already_set();
  return cls;
}

}  // namespace

py::str text(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

py::object error_code_object(sbd::ErrorCode code) {
  auto it = table->members.find(static_cast<int>(code));
  if (it == table->members.end()) it = table->members.find(static_cast<int>(sbd::ErrorCode::internal));
  return py::reinterpret_borrow<py::object>(it->second);
}

void raise_error(const sbd::Error& e) {
  auto it = table->classes.find(static_cast<int>(e.code()));
  PyObject* cls = it != table->classes.end() ? it->second : table->base;
  py::object exc = py::reinterpret_borrow<py::object>(cls)(text(e.what()));
  exc.attr("code") = error_code_object(e.code());
  exc.attr("message") = text(e.message());
  const sbd::SourceLocation& where = e.location();
  exc.attr("path") = where.file.empty() ? py::object(py::none()) : py::object(text(where.file));
  exc.attr("line") = where.line > 0 ? py::object(py::int_(where.line)) : py::object(py::none());
  exc.attr("column") =
      where.column > 0 ? py::object(py::int_(where.column)) : py::object(py::none());
  PyErr_SetObject(cls, exc.ptr());
}

void bind_error(py::module_& m) {
  table = new ErrorTable();
  const std::vector<sbd::ErrorCode> codes = all_codes();

  // sbd.ErrorCode: an IntEnum made from the table, numbers as in C and C++.
  py::list members;
  for (sbd::ErrorCode code : codes)
    members.append(py::make_tuple(sbd::error_code_name(code), static_cast<int>(code)));
  py::object int_enum = py::module_::import("enum").attr("IntEnum");
  py::object code_enum = int_enum("ErrorCode", members, py::arg("module") = "sbd");
  code_enum.attr("__doc__") =
      "The error codes of libsbd (sbd::ErrorCode): the numbers are stable and shared with "
      "the C API's sbd_status.";
  table->code_enum = code_enum.inc_ref().ptr();
  for (sbd::ErrorCode code : codes)
    table->members[static_cast<int>(code)] =
        py::object(code_enum.attr(sbd::error_code_name(code))).release().ptr();
  m.attr("ErrorCode") = code_enum;

  // sbd.Error: the base of every error libsbd raises.
  py::dict base_dict;
  base_dict["code"] = error_code_object(sbd::ErrorCode::internal);
  base_dict["message"] = py::str("");
  base_dict["path"] = py::none();
  base_dict["line"] = py::none();
  base_dict["column"] = py::none();
  // A plain message also for the KeyError subclass (KeyError quotes it).
  base_dict["__str__"] = py::reinterpret_borrow<py::object>(PyExc_BaseException).attr("__str__");
  table->base = new_class(
      "Error",
      "The base class of every error libsbd raises.\n\n"
      "Attributes: code (sbd.ErrorCode), message (without the location), path, line and "
      "column (None where unknown).\n\n"
      "Example::\n\n    try:\n        sbd.loads('nodes: [')\n    except sbd.Error as e:\n"
      "        print(e.code.name, e.line, e.message)\n",
      PyExc_Exception, base_dict.ptr());
  m.attr("Error") = py::reinterpret_borrow<py::object>(table->base);

  for (sbd::ErrorCode code : codes) {
    const std::string name = sbd::error_code_name(code);
    PyObject* extra = builtin_base(name);
    // Built as plain py::tuple on both branches: newer pybind11 gives each
    // make_tuple its own typed tuple class.
    py::tuple bases = extra != nullptr ? py::tuple(py::make_tuple(py::handle(table->base), py::handle(extra)))
                                       : py::tuple(py::make_tuple(py::handle(table->base)));
    py::dict dict;
    dict["code"] = error_code_object(code);
    PyObject* cls = new_class(class_name(name), class_doc(name), bases.ptr(), dict.ptr());
    table->classes[static_cast<int>(code)] = cls;
    m.attr(class_name(name).c_str()) = py::reinterpret_borrow<py::object>(cls);
  }

  // The C++ exceptions. Translators run newest first: this one handles
  // sbd::Error and any other std::exception (as sbd.InternalError), and
  // leaves pybind11's own exceptions to pybind11.
  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    try {
      std::rethrow_exception(p);
    } catch (const sbd::Error& e) {
      raise_error(e);
    } catch (py::error_already_set&) {
      throw;
    } catch (const py::builtin_exception&) {
      throw;
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& e) {
      raise_error(sbd::Error(sbd::ErrorCode::internal, std::string("internal error: ") + e.what()));
    }
  });
}

}  // namespace sbd_py
