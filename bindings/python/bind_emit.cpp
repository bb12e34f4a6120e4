// The engines: sbd.emit and sbd.engines. Emitting releases the GIL.
#include "bindings.hpp"

#include <pybind11/stl.h>

#include <string>

namespace sbd_py {

void bind_emit(py::module_& m) {
  m.def(
      "emit",
      [](const PyArch& a, const std::string& engine, py::handle runtime) {
        sbd::EmitOptions options;
        options.runtime = optional_str_arg(runtime, "runtime");
        sbd::FileSet files = read_without_gil(a, [&](const sbd::Architecture& arch) {
          return sbd::emit(arch, engine, options);
        });
        py::dict out;
        for (const auto& [path, content] : files) out[text(path)] = text(content);
        return out;
      },
      py::arg("arch"), py::arg("engine") = "sam", py::kw_only(), py::arg("runtime") = py::none(),
      R"doc(
Generates the application with an engine ("sam", ...; see sbd.engines()):
a dict of relative path to file content, in sorted order. runtime overrides
the app's default runtime. Raises sbd.NotFoundError for an unknown engine
(naming the known ones). Releases the GIL while generating.

Example::

    files = sbd.emit(arch, "sam")
    print(files["template.yaml"])
)doc");

  m.def("engines", &sbd::engines, "The names of the engines built into the library, sorted.");
}

}  // namespace sbd_py
