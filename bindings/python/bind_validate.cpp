// The validator: sbd.validate, sbd.rules, Report, Diagnostic, RuleInfo.
// Validation releases the GIL.
#include "bindings.hpp"

#include <pybind11/stl.h>

#include <string>
#include <utility>

namespace sbd_py {
namespace {

py::object maybe_int(int i) { return i > 0 ? py::object(py::int_(i)) : py::object(py::none()); }

std::string diagnostic_repr(const sbd::Diagnostic& d) {
  std::string out = "Diagnostic('" + d.code + "', severity='" + sbd::severity_name(d.severity) +
                    "', message=" + py::repr(text(d.message)).cast<std::string>();
  if (!d.nodes.empty()) {
    out += ", nodes=[";
    for (std::size_t i = 0; i < d.nodes.size(); ++i) out += (i ? ", '" : "'") + d.nodes[i] + "'";
    out += "]";
  }
  return out + ")";
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

void bind_validate(py::module_& m) {
  py::class_<sbd::Diagnostic>(m, "Diagnostic", R"doc(
A finding of the validator about an architecture (read-only).

Example::

    for d in sbd.validate(arch):
        print(d.severity, d.code, d.message, d.nodes, d.hint)
)doc")
      .def_readonly("code", &sbd::Diagnostic::code, "The stable rule code, such as 'SBD0301'.")
      .def_readonly("rule", &sbd::Diagnostic::rule, "The rule's kebab-case name.")
      .def_property_readonly(
          "severity", [](const sbd::Diagnostic& d) { return sbd::severity_name(d.severity); },
          "'error', 'warning' or 'info'.")
      .def_property_readonly("message", [](const sbd::Diagnostic& d) { return text(d.message); },
                             "What is wrong, in one sentence.")
      .def_readonly("nodes", &sbd::Diagnostic::nodes, "The node ids involved, possibly none.")
      .def_property_readonly(
          "hint",
          [](const sbd::Diagnostic& d) -> py::object {
            return d.hint.empty() ? py::object(py::none()) : py::object(text(d.hint));
          },
          "How to fix it, or None.")
      .def_property_readonly(
          "path",
          [](const sbd::Diagnostic& d) -> py::object {
            return d.location.file.empty() ? py::object(py::none()) : py::object(text(d.location.file));
          },
          "The model file, where known.")
      .def_property_readonly("line", [](const sbd::Diagnostic& d) { return maybe_int(d.location.line); },
                             "The line in the model file, where known.")
      .def_property_readonly("column",
                             [](const sbd::Diagnostic& d) { return maybe_int(d.location.column); },
                             "The column in the model file, where known.")
      .def("__repr__", &diagnostic_repr);

  py::class_<sbd::Report>(m, "Report", R"doc(
The findings of one validation run, in a deterministic order: a sequence of
Diagnostic.

Example::

    report = sbd.validate(arch)
    if not report.ok:
        print(report.to_text())
)doc")
      .def_property_readonly(
          "diagnostics", [](const sbd::Report& r) { return r.diagnostics; }, "Every finding (a list).")
      .def_property_readonly("errors", &sbd::Report::errors, "The number of errors.")
      .def_property_readonly("warnings", &sbd::Report::warnings, "The number of warnings.")
      .def_property_readonly("infos", &sbd::Report::infos, "The number of infos.")
      .def_property_readonly("ok", &sbd::Report::ok, "True when there is no error.")
      .def("to_json", &sbd::Report::to_json, "The JSON of ``sbd validate --format json``.")
      .def("to_sarif", &sbd::Report::to_sarif, py::arg("artifact_uri") = "", "SARIF 2.1.0.")
      .def("to_text", &sbd::Report::to_text, py::arg("file") = "",
           "One line per finding: FILE:LINE:COL: severity CODE message [nodes].")
      .def("__len__", [](const sbd::Report& r) { return r.diagnostics.size(); })
      .def("__getitem__",
           [](const sbd::Report& r, long long i) {
             const long long n = static_cast<long long>(r.diagnostics.size());
             if (i < 0) i += n;
             if (i < 0 || i >= n) throw py::index_error("diagnostic index out of range");
             return r.diagnostics[static_cast<std::size_t>(i)];
           },
           py::arg("index"))
      .def("__iter__", [](const sbd::Report& r) { return py::iter(py::cast(r.diagnostics)); })
      .def("__repr__", [](const sbd::Report& r) {
        return "<Report: " + plural(r.errors(), "error") + ", " + plural(r.warnings(), "warning") +
               ", " + plural(r.infos(), "info") + ">";
      });

  py::class_<sbd::RuleInfo>(m, "RuleInfo", "A validator rule's fixed metadata (read-only).")
      .def_readonly("code", &sbd::RuleInfo::code, "Such as 'SBD0301'; stable, never reused.")
      .def_readonly("name", &sbd::RuleInfo::name, "Such as 'queue-visibility-timeout'.")
      .def_property_readonly("severity",
                             [](const sbd::RuleInfo& r) { return sbd::severity_name(r.severity); },
                             "The default severity.")
      .def_readonly("summary", &sbd::RuleInfo::summary, "What the rule checks, in one line.")
      .def_readonly("doc", &sbd::RuleInfo::doc, "The rule's documentation page.")
      .def("__repr__", [](const sbd::RuleInfo& r) {
        return "RuleInfo('" + r.code + "', name='" + r.name + "', severity='" +
               sbd::severity_name(r.severity) + "')";
      });

  m.def(
      "validate",
      [](const PyArch& a, const std::vector<std::string>& disable,
         const std::map<std::string, std::string>& severities, py::handle today) {
        sbd::ValidateOptions options;
        options.disabled.insert(disable.begin(), disable.end());
        for (const auto& [code, severity] : severities)
          options.severities[code] = sbd::parse_severity(severity);
        options.today = optional_str_arg(today, "today");
        return read_without_gil(a, [&options](const sbd::Architecture& arch) {
          return sbd::validate(arch, options);
        });
      },
      py::arg("arch"), py::kw_only(), py::arg("disable") = std::vector<std::string>{},
      py::arg("severities") = std::map<std::string, std::string>{}, py::arg("today") = py::none(),
      R"doc(
Runs every rule on arch and returns all the findings (a Report, iterable).
disable lists rule codes or names to skip; severities overrides a rule's
severity ({"SBD0301": "warning"}); today ("YYYY-MM-DD") fixes the date that
date-based rules use. Releases the GIL while validating.

Example::

    for d in sbd.validate(arch, disable=["SBD0101"]):
        print(d.severity, d.code, d.message, d.nodes)
)doc");

  m.def("rules", &sbd::rules, "Every rule of the validator (RuleInfo), sorted by code.");
}

}  // namespace sbd_py
