#include "emit/common/wiring.hpp"

#include <algorithm>
#include <cstdint>

namespace sbd::detail {

namespace {

// Splits an id into words at lower->upper and letter<->digit boundaries, and
// before the last capital of a run of capitals followed by a lower-case letter
// ("MyAPIKey" -> My API Key).
// The words of an id (runs of letters and digits, split where a lower-case
// letter or a digit meets an upper-case one, and before the last capital of
// an acronym: "HTTPServer2Go" -> HTTP, Server2, Go), joined with sep, in
// upper or lower case. Straight into the result: this runs for every wiring
// variable and every kebab-case name.
// (ASCII tests of our own: the <cctype> functions are calls into the C
// library, made for every character of every id.)
constexpr bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

std::string join_words(std::string_view id, char sep, bool upper) {
  std::string out;
  out.reserve(id.size() + 4);
  bool in_word = false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(id[i]);
    if (!is_upper(c) && !is_lower(c) && !is_digit(c)) {
      in_word = false;
      continue;
    }
    if (in_word) {
      const unsigned char p = static_cast<unsigned char>(id[i - 1]);
      const bool next_lower = i + 1 < id.size() && is_lower(static_cast<unsigned char>(id[i + 1]));
      if (is_upper(c) && (is_lower(p) || is_digit(p) || (is_upper(p) && next_lower))) in_word = false;
    }
    if (!in_word) {
      if (!out.empty()) out.push_back(sep);
      in_word = true;
    }
    const char lower = static_cast<char>(is_upper(c) ? c + ('a' - 'A') : c);
    const char upper_c = static_cast<char>(is_lower(c) ? c - ('a' - 'A') : c);
    out.push_back(upper ? upper_c : lower);
  }
  return out;
}

struct Suffix {
  std::string_view kind;
  std::string_view suffix;
  const char* value_kind;
};
constexpr Suffix kSuffixes[] = {
    {"table", "TABLE", "name"},
    {"bucket", "BUCKET", "name"},
    {"queue", "QUEUE_URL", "url"},
    {"topic", "TOPIC_ARN", "arn"},
    {"stream", "STREAM", "name"},
    {"deliveryStream", "DELIVERY_STREAM", "name"},
    {"eventBus", "EVENT_BUS", "name"},
    {"fn", "FUNCTION", "name"},
    {"stepFn", "STATE_MACHINE_ARN", "arn"},
    {"api", "API_URL", "url"},
    {"httpApi", "API_URL", "url"},
    {"secret", "SECRET_ARN", "arn"},
    {"parameter", "PARAMETER", "name"},
};

const Suffix* suffix_for(const Architecture& arch, const Edge& edge) {
  using namespace std::string_view_literals;
  if (std::string_view(edge.action) == "on-failure"sv) return nullptr;
  if (std::string_view(arch.kind_at(edge.from_index).key) != "fn"sv) return nullptr;
  const std::string_view to = arch.kind_at(edge.to_index).key;
  for (const auto& s : kSuffixes)
    if (to == s.kind) return &s;
  return nullptr;
}

}  // namespace

std::string upper_snake(std::string_view id) { return join_words(id, '_', true); }
std::string lower_snake(std::string_view id) { return join_words(id, '_', false); }
std::string kebab(std::string_view id) { return join_words(id, '-', false); }

namespace {

// The variable for an edge whose target has suffix s (see env_var_for).
std::string env_var_with(const Architecture& arch, const Edge& edge, const Suffix& s) {
  std::string base = upper_snake(arch.node_at(edge.to_index).id);
  const std::string_view suffix = s.suffix;
  // Do not repeat the suffix, nor its first word (OrdersQueue -> ORDERS_QUEUE_URL).
  const std::string_view first_word = suffix.substr(0, suffix.find('_'));
  const auto ends_with_word = [&base](std::string_view w) {
    if (base.size() == w.size()) return base == w;
    return base.size() > w.size() && base[base.size() - w.size() - 1] == '_' &&
           base.compare(base.size() - w.size(), w.size(), w) == 0;
  };
  if (ends_with_word(suffix)) return base;
  if (ends_with_word(first_word)) {
    base.append(suffix.substr(first_word.size()));
    return base;
  }
  base.push_back('_');
  base.append(suffix);
  return base;
}

}  // namespace

std::string env_var_for(const Architecture& arch, const Edge& edge) {
  const Suffix* s = suffix_for(arch, edge);
  return s ? env_var_with(arch, edge, *s) : std::string();
}

std::string env_value_kind(const Architecture& arch, const Edge& edge) {
  const Suffix* s = suffix_for(arch, edge);
  return s ? s->value_kind : "";
}

std::vector<Wire> wires_of(const Architecture& arch, const Node& fn) {
  std::vector<Wire> out;
  for (std::size_t e : arch.out_edge_indexes(fn.index)) {
    const Edge& edge = arch.edge_at(e);
    const Suffix* s = suffix_for(arch, edge);
    if (!s) continue;
    out.push_back(Wire{&edge, &arch.node_at(edge.to_index), env_var_with(arch, edge, *s), s->value_kind});
  }
  return out;
}

namespace {

struct Keyed {
  std::uint64_t high, low;
  const Node* node;
  std::size_t index;  // node->index, kept here: read after the sort without touching the node
};

std::vector<Keyed> keyed_by_id(const Architecture& arch);

}  // namespace

std::vector<const Node*> nodes_by_id(const Architecture& arch) {
  const std::vector<Keyed> keyed = keyed_by_id(arch);
  std::vector<const Node*> out;
  out.reserve(keyed.size());
  for (const Keyed& k : keyed) out.push_back(k.node);
  return out;
}

std::vector<std::size_t> node_indexes_by_id(const Architecture& arch) {
  const std::vector<Keyed> keyed = keyed_by_id(arch);
  std::vector<std::size_t> out;
  out.reserve(keyed.size());
  for (const Keyed& k : keyed) out.push_back(k.index);
  return out;
}

namespace {

std::vector<Keyed> keyed_by_id(const Architecture& arch) {
  // Sorted on the first sixteen bytes as two big-endian numbers (the ids'
  // own order: bytes compare unsigned, a shorter id pads with zeros), the
  // whole ids only where those are equal: most comparisons are integers'.
  const auto word = [](const std::string& id, std::size_t from) {
    std::uint64_t k = 0;
    for (std::size_t i = from; i < from + 8; ++i) k = (k << 8) | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
    return k;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(arch.node_count());
  for (const Node& n : arch.nodes()) keyed.push_back(Keyed{word(n.id, 0), word(n.id, 8), &n, n.index});
  // (One 128-bit comparison: no branch on which half differs.)
  __extension__ using Key = unsigned __int128;
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    const Key ka = (Key{a.high} << 64) | a.low, kb = (Key{b.high} << 64) | b.low;
    if (ka != kb) return ka < kb;
    return a.node->id < b.node->id;
  });
  return keyed;
}

}  // namespace

std::vector<const Edge*> triggers_of(const Architecture& arch, const Node& fn) {
  std::vector<const Edge*> out;
  for (std::size_t e : arch.in_edge_indexes(fn.index)) {
    const Edge& edge = arch.edge_at(e);
    const ConnectionSpec* c = arch.connection_of(edge);
    if (c && c->invocation != Invocation::none) out.push_back(&edge);
  }
  return out;
}

std::string runtime_of(const Architecture& arch, const Node& fn) {
  const Value* r = arch.property(fn, "runtime");
  return r && r->is_string() && !r->as_string().empty() ? r->as_string() : arch.runtime();
}

std::string language_of(const Architecture& arch, const Node& fn) {
  const Value* lang = fn.properties.find("language");
  return language_for(runtime_of(arch, fn), lang && lang->is_string() ? lang->as_string() : std::string());
}

std::string language_for(std::string_view runtime, std::string_view explicit_lang) {
  auto starts = [&](const char* p) { return runtime.rfind(p, 0) == 0; };
  if (starts("python")) return explicit_lang.empty() || explicit_lang == "python" ? "python" : "";
  if (starts("nodejs")) {
    if (explicit_lang == "typescript") return "typescript";
    return explicit_lang.empty() || explicit_lang == "javascript" ? "javascript" : "";
  }
  if (starts("java")) return explicit_lang.empty() || explicit_lang == "java" ? "java" : "";
  if (runtime == "provided.al2023" || runtime == "provided.al2")
    return explicit_lang.empty() || explicit_lang == "go" ? "go" : "";
  return "";
}

}  // namespace sbd::detail
