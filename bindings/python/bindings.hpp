// Private header of the Python extension sbd._core: what the bind_<area>.cpp
// files share. Nothing here is API; the public Python API is python/sbd/.
#pragma once

#include <pybind11/pybind11.h>

#include <sbd/sbd.hpp>

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sbd_py {

namespace py = pybind11;

// --- values (bind_value.cpp) ----------------------------------------------

/// The deepest nesting of lists and dicts accepted from Python (the readers
/// use the same bound).
inline constexpr int max_value_depth = 256;

/// Converts a Python object (None, bool, int, float, str, list, tuple, dict
/// with str keys, sbd.Tagged) to a Value. Raises TypeError for other types
/// and sbd.ArgumentError for integers out of range or too deep nesting.
/// what names the value in messages ("property memory").
/// What a converted value is, for messages; built into a string only when
/// there is an error ("property memory"), so that the common path does not
/// allocate.
struct What {
  const char* prefix;
  const std::string* name = nullptr;
  What(const char* p) : prefix(p) {}  // NOLINT: implicit on purpose
  What(const char* p, const std::string& n) : prefix(p), name(&n) {}
  std::string str() const { return name ? prefix + *name : std::string(prefix); }
};
sbd::Value value_from_py(py::handle obj, const What& what, int depth = 0);
/// Converts a Value to plain Python objects (tags become sbd.Tagged).
py::object value_to_py(const sbd::Value& v);
/// A Python str of UTF-8 text that never fails (invalid bytes become U+FFFD).
py::str text(std::string_view s);
/// A str argument as UTF-8; TypeError for another type (what names it).
std::string str_arg(py::handle obj, const std::string& what);
/// The same, with None as "".
std::string optional_str_arg(py::handle obj, const std::string& what);
/// A path argument: str, bytes or os.PathLike.
std::string path_arg(const py::handle& obj);

// --- architectures (bind_architecture.cpp) ----------------------------------

/// What a Python sbd.Architecture holds: the model and a reader/writer lock.
/// Methods that mutate take the lock exclusively (with the GIL held);
/// validate, emit and the writers take it shared with the GIL released, so
/// that several threads can work at once and a mutation from another thread
/// waits instead of racing.
struct PyArch {
  sbd::Architecture arch;
  mutable std::shared_mutex mutex;
  std::vector<sbd::ReadNote> notes;  ///< what the reader noticed (renames)

  PyArch() = default;
  explicit PyArch(sbd::Architecture a) : arch(std::move(a)) {}
};
using ArchPtr = std::shared_ptr<PyArch>;

/// Runs f() on a const architecture without the GIL, holding its shared lock.
template <class F>
auto read_without_gil(const PyArch& a, F&& f) {
  py::gil_scoped_release release;
  std::shared_lock<std::shared_mutex> lock(a.mutex);
  return f(static_cast<const sbd::Architecture&>(a.arch));
}

/// The catalog a Python catalog argument designates (None: the built-in one).
std::shared_ptr<const sbd::Catalog> catalog_arg(const py::handle& obj);
/// Wraps a catalog for Python (shared, immutable).
py::object wrap_catalog(std::shared_ptr<const sbd::Catalog> catalog);

// --- errors (bind_error.cpp) ------------------------------------------------

/// Raises the Python exception class of e's code (sbd.ParseError, ...) with
/// code, message, path, line and column set.
void raise_error(const sbd::Error& e);
/// The Python enum member sbd.ErrorCode.<name> of code.
py::object error_code_object(sbd::ErrorCode code);

// --- one binder per area ------------------------------------------------------

void bind_error(py::module_& m);
void bind_value(py::module_& m);
void bind_catalog(py::module_& m);
void bind_architecture(py::module_& m);
void bind_read(py::module_& m);
void bind_validate(py::module_& m);
void bind_emit(py::module_& m);
void bind_diagram(py::module_& m);

}  // namespace sbd_py
