#include "emit/common/wiring.hpp"

#include "model/build.hpp"

#include <algorithm>
#include <array>
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

// The variable for an edge whose target, of id target_id, has suffix s (see
// env_var_for).
std::string env_var_with(std::string_view target_id, const Suffix& s) {
  std::string base = upper_snake(target_id);
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

std::string env_var_for(const Architecture& arch, const Edge& edge, std::string_view target_id) {
  const Suffix* s = suffix_for(arch, edge);
  return s ? env_var_with(target_id, *s) : std::string();
}

std::string_view env_value_kind(const Architecture& arch, const Edge& edge) {
  const Suffix* s = suffix_for(arch, edge);
  return s ? s->value_kind : std::string_view();
}

std::string_view env_var_and_kind(const Architecture& arch, const Edge& edge, std::string& name) {
  name.clear();
  const Suffix* s = suffix_for(arch, edge);
  if (!s) return {};
  name = env_var_with(node_id(arch, edge.to_index), *s);
  return s->value_kind;
}

std::vector<Wire> wires_of(const Architecture& arch, const Node& fn) {
  std::vector<Wire> out;
  for (std::size_t e : arch.out_edge_indexes(fn.index)) {
    const Edge& edge = arch.edge_at(e);
    const Suffix* s = suffix_for(arch, edge);
    if (!s) continue;
    const Node& target = arch.node_at(edge.to_index);
    out.push_back(Wire{&edge, &target, env_var_with(target.id, *s), s->value_kind});
  }
  return out;
}

namespace {

// Sorts the nodes' keys into keyed (cleared first; spare is scratch): by the
// first sixteen bytes of the ids as two big-endian numbers (the ids' own
// order: bytes compare unsigned, a shorter id pads with zeros), then, among
// ids that share those sixteen bytes, by the whole ids. Ids are distinct, so
// that order is total and any sort gives the same result.
//
// A big model's keys are sorted by radix, a byte at a time from the last
// (stable, so each pass keeps the order of the bytes after it), skipping a
// byte that every key has alike (the zero padding of short ids, a common
// first letter): linear, where the comparison sort was a third of the
// template's id work at 70,000 nodes. A key is 24 bytes and holds the node
// index, not the node: the passes move less and read no node. The ids come
// from the Architecture's block of ids (detail::node_id), read in order,
// not from the nodes (27 MB at 70,000 nodes, against 0.6 MB).
void sort_by_id(const Architecture& arch, std::vector<IdOrder::Keyed>& keyed, std::vector<IdOrder::Keyed>& spare) {
  using Keyed = IdOrder::Keyed;
  const auto word = [](std::string_view id, std::size_t from) {
    std::uint64_t k = 0;
    for (std::size_t i = from; i < from + 8; ++i) k = (k << 8) | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
    return k;
  };
  const std::size_t n = arch.node_count();
  keyed.clear();
  keyed.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view id = node_id(arch, i);
    keyed.push_back(Keyed{word(id, 0), word(id, 8), i});
  }
  const auto by_id = [&arch](const Keyed& a, const Keyed& b) {
    if (a.high != b.high) return a.high < b.high;
    if (a.low != b.low) return a.low < b.low;
    return node_id(arch, a.index) < node_id(arch, b.index);
  };
  if (n < 512) {  // (small: a comparison sort costs less than 16 counts of 256)
    std::sort(keyed.begin(), keyed.end(), by_id);
    return;
  }
  // Byte b of a key, 0 the most significant of high, 15 the least of low.
  const auto byte_of = [](const Keyed& k, int b) {
    return b < 8 ? static_cast<unsigned>((k.high >> (56 - 8 * b)) & 0xff)
                 : static_cast<unsigned>((k.low >> (56 - 8 * (b - 8))) & 0xff);
  };
  std::vector<std::array<std::size_t, 256>> counts(16);
  for (auto& c : counts) c.fill(0);
  for (const Keyed& k : keyed) {
    for (int b = 0; b < 8; ++b) ++counts[b][(k.high >> (56 - 8 * b)) & 0xff];
    for (int b = 0; b < 8; ++b) ++counts[8 + b][(k.low >> (56 - 8 * b)) & 0xff];
  }
  spare.resize(n);
  for (int b = 15; b >= 0; --b) {
    std::array<std::size_t, 256>& count = counts[b];
    if (count[byte_of(keyed.front(), b)] == n) continue;  // the same in every key
    std::size_t at = 0;
    for (std::size_t& c : count) {
      const std::size_t here = c;
      c = at;
      at += here;
    }
    for (const Keyed& k : keyed) spare[count[byte_of(k, b)]++] = k;
    keyed.swap(spare);
  }
  // Ids that share their first sixteen bytes: by the whole ids.
  for (std::size_t first = 0; first < n;) {
    std::size_t last = first + 1;
    while (last < n && keyed[last].high == keyed[first].high && keyed[last].low == keyed[first].low) ++last;
    if (last - first > 1) std::sort(keyed.begin() + static_cast<std::ptrdiff_t>(first), keyed.begin() + static_cast<std::ptrdiff_t>(last), by_id);
    first = last;
  }
}

}  // namespace

NodesById::NodesById(const Architecture& arch) : arch_(arch) {
  std::vector<IdOrder::Keyed> keyed, spare;
  sort_by_id(arch, keyed, spare);
  order_.reserve(keyed.size());
  for (const IdOrder::Keyed& k : keyed) order_.push_back(k.index);
}

std::string_view NodesById::id_of(std::size_t node_index) const noexcept { return node_id(arch_, node_index); }

const std::vector<std::size_t>& IdOrder::of(const Architecture& arch) {
  sort_by_id(arch, keyed_, spare_);
  order_.clear();
  order_.reserve(keyed_.size());
  for (const Keyed& k : keyed_) order_.push_back(k.index);
  return order_;
}

std::size_t IdOrder::bytes() const noexcept {
  return (keyed_.capacity() + spare_.capacity()) * sizeof(Keyed) + order_.capacity() * sizeof(std::size_t);
}

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
