// README and configuration helpers shared by the engines. See readme.hpp.
#include "emit/common/readme.hpp"

#include "emit/common/wiring.hpp"

namespace sbd::detail {

std::string md_cell(std::string s) {
  for (char& c : s)
    if (c == '|' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string quoted_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (static_cast<unsigned char>(c) >= 0x20) out.push_back(c);
  }
  return out + "\"";
}

std::string unit_test_command(const std::string& language, const std::string& dir) {
  if (language == "python") return "(cd " + dir + " && python -m pytest)";
  if (language == "javascript" || language == "typescript") return "(cd " + dir + " && npm install && npm test)";
  if (language == "java") return "(cd " + dir + " && mvn -q test)";
  if (language == "go") return "(cd " + dir + " && go test ./...)";
  return "";
}

std::vector<const Node*> functions_by_id(const Architecture& arch) {
  std::vector<const Node*> fns;
  for (const std::string& id : arch.sorted_ids())
    if (arch.node(id).kind == "fn") fns.push_back(&arch.node(id));
  return fns;
}

void write_environment_section(std::ostream& o, const Architecture& arch, const std::vector<const Node*>& fns) {
  bool any_wire = false;
  for (const Node* fn : fns)
    if (!wires_of(arch, *fn).empty()) any_wire = true;
  if (!any_wire) return;
  o << "## Environment variables\n\nEach function reaches the targets of its connections through these "
       "variables:\n\n| function | variable | target | holds |\n|---|---|---|---|\n";
  for (const Node* fn : fns)
    for (const Wire& w : wires_of(arch, *fn))
      o << "| " << fn->id << " | `" << w.env_var << "` | " << w.target->id << " | " << w.value_kind << " |\n";
  o << "\n";
}

}  // namespace sbd::detail
