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

std::string_view unit_test_tail(std::string_view language) {
  using namespace std::string_view_literals;
  if (language == "python"sv) return " && python -m pytest)"sv;
  if (language == "javascript"sv || language == "typescript"sv) return " && npm install && npm test)"sv;
  if (language == "java"sv) return " && mvn -q test)"sv;
  if (language == "go"sv) return " && go test ./...)"sv;
  return {};
}

namespace {
constexpr std::string_view kEnvironmentHead =
    "## Environment variables\n\nEach function reaches the targets of its connections through these "
    "variables:\n\n| function | variable | target | holds |\n|---|---|---|---|\n";
}  // namespace

EnvironmentSection::EnvironmentSection(const Architecture& arch, const NodesById& ids) {
  using namespace std::string_view_literals;
  // An edge leaving a function that has a variable is a wire. What the
  // variable is called and holds depends on its target alone. The ids come
  // from ids, not from the nodes: the edges are read in order, nothing else.
  std::vector<std::uint32_t> var_of;  // by node index: 1 + index in vars_, 0 = not yet
  for (const Edge& e : arch.edges()) {
    if (arch.kind_at(e.from_index).key != "fn"sv) continue;
    const std::string_view holds = env_value_kind(arch, e);
    if (holds.empty()) continue;  // no variable (an alarm, an on-failure edge)
    if (var_of.empty()) var_of.assign(arch.node_count(), 0);
    std::uint32_t& v = var_of[e.to_index];
    const std::string_view to = ids.id_of(e.to_index);
    if (v == 0) {
      vars_.push_back(Var{env_var_for(arch, e, to), std::string(holds)});
      v = static_cast<std::uint32_t>(vars_.size());
    }
    const Var& var = vars_[v - 1];
    rows_.push_back(Row{static_cast<std::uint32_t>(e.from_index), static_cast<std::uint32_t>(e.to_index), v - 1});
    size_ += ids.id_of(e.from_index).size() + var.name.size() + to.size() + var.holds.size() + 16;
  }
  if (rows_.empty()) return;
  size_ += kEnvironmentHead.size() + 1;
  // The rows of each function together, in edge order: a counting sort on
  // the function's index.
  first_.assign(arch.node_count() + 1, 0);
  for (const Row& r : rows_) ++first_[r.from + 1];
  for (std::size_t i = 1; i < first_.size(); ++i) first_[i] += first_[i - 1];
  by_function_.resize(rows_.size());
  std::vector<std::uint32_t> next(first_.begin(), first_.end() - 1);
  for (std::size_t i = 0; i < rows_.size(); ++i) by_function_[next[rows_[i].from]++] = static_cast<std::uint32_t>(i);
}

void EnvironmentSection::write(YamlBuffer& o, const NodesById& nodes) const {
  using namespace std::string_view_literals;
  if (rows_.empty()) return;
  o += kEnvironmentHead;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const std::size_t fn = nodes.index(i);  // (only functions have rows)
    for (std::uint32_t k = first_[fn]; k < first_[fn + 1]; ++k) {
      const Row& r = rows_[by_function_[k]];
      const Var& v = vars_[r.var];
      o += "| "sv;
      o += nodes.id(i);
      o += " | `"sv;
      o += v.name;
      o += "` | "sv;
      o += nodes.id_of(r.to);
      o += " | "sv;
      o += v.holds;
      o += " |\n"sv;
    }
  }
  o += "\n"sv;
}

void write_readme_head(YamlBuffer& o, const AppSettings& settings, std::string_view generated) {
  o += std::string_view("# ");
  o += settings.name;
  o += std::string_view("\n\n");
  if (!settings.description.empty()) {
    o += settings.description;
    o += std::string_view("\n\n");
  }
  o += generated;
}

}  // namespace sbd::detail
