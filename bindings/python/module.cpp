// sbd._core: the compiled half of the Python package sbd. Private: import
// sbd, whose python/sbd/__init__.py re-exports this with types and docs.
#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  namespace py = pybind11;
  m.doc() = "The compiled core of the sbd package (private: use `import sbd`).";
  m.attr("__version__") = sbd::version();
  m.attr("__header_version__") = SBD_VERSION_STRING;
  sbd_py::bind_error(m);
  sbd_py::bind_value(m);
  sbd_py::bind_catalog(m);
  sbd_py::bind_architecture(m);
  sbd_py::bind_read(m);
  sbd_py::bind_validate(m);
  sbd_py::bind_emit(m);
  sbd_py::bind_diagram(m);
}
