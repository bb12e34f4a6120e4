// Helpers shared by the rules: effective properties, data-flow predicates,
// and the small parsers of the syntax rules (schedule expressions, IoT SQL,
// API routes).
#include "validate/analysis.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstring>
#include <limits>
#include <utility>
#include <string>
#include <vector>

namespace sbd::detail {

namespace {
long long int_of(const Value* v, long long fallback) noexcept;
}  // namespace

long long int_property(const Architecture& arch, const Node& node, std::string_view key,
                       long long fallback) {
  return int_of(arch.property(node, key), fallback);
}

bool bool_property(const Architecture& arch, const Node& node, std::string_view key, bool fallback) {
  const Value* v = arch.property(node, key);
  return v && v->is_bool() ? v->as_bool() : fallback;
}

std::string string_property(const Architecture& arch, const Node& node, std::string_view key,
                            const std::string& fallback) {
  const Value* v = arch.property(node, key);
  return v && v->is_string() ? v->as_string() : fallback;
}

std::string string_property(const Architecture& arch, const Edge& edge, std::string_view key) {
  const Value* v = arch.property(edge, key);
  return v && v->is_string() ? v->as_string() : std::string();
}

std::string label(const Architecture& arch, const Node& node) {
  return arch.kind_of(node).name + " " + node.id;
}

SourceLocation property_location(const Node& node, std::string_view key) {
  SourceLocation where = node.location;
  if (const Value* v = node.properties.find(key); v && v->line() > 0) {
    where.line = v->line();
    where.column = v->column();
  }
  return where;
}

SourceLocation property_location(const Edge& edge, std::string_view key) {
  SourceLocation where = edge.location;
  if (const Value* v = edge.properties.find(key); v && v->line() > 0) {
    where.line = v->line();
    where.column = v->column();
  }
  return where;
}

std::vector<RuntimeUse> runtime_uses(const Architecture& arch) {
  std::vector<RuntimeUse> out;
  RuntimeUse inherited{arch.runtime(), {}, true};
  for (const Node& n : arch.nodes()) {
    if (n.kind != "fn") continue;
    const Value* own = n.properties.find("runtime");
    if (own && own->is_string()) out.push_back(RuntimeUse{own->as_string(), {n.id}, false});
    else inherited.functions.push_back(n.id);
  }
  if (!inherited.functions.empty()) out.insert(out.begin(), std::move(inherited));
  return out;
}

std::string runtime_successor(const Catalog& catalog, const RuntimeSpec& runtime) {
  if (!runtime.successor.empty()) return runtime.successor;
  const RuntimeSpec* best = nullptr;
  for (const RuntimeSpec& r : catalog.runtimes()) {
    if (r.family != runtime.family || r.name == runtime.name) continue;
    // An empty date means no deprecation announced: the longest support.
    auto later = [](const std::string& a, const std::string& b) {
      return a.empty() ? !b.empty() : !b.empty() && a > b;
    };
    if (!later(r.deprecated, runtime.deprecated)) continue;
    if (!best || later(r.deprecated, best->deprecated)) best = &r;
  }
  return best ? best->name : std::string();
}

long long function_timeout(const Architecture& arch, const Node& fn) {
  // Bounded so that the rules' sums and multiples cannot overflow (a hostile
  // 'timeout: 9223372036854775807'); SBD0204 reports the value as written.
  return std::clamp(int_property(arch, fn, "timeout", 3), -1000000000LL, 1000000000LL);
}

std::string function_runtime(const Architecture& arch, const Node& fn) {
  return string_property(arch, fn, "runtime", arch.runtime());
}

bool is_write_action(std::string_view action) noexcept {
  return action == "write" || action == "read/write" || action == "put" || action == "send" ||
         action == "notification";
}

bool writes_data(const Architecture& arch, const Node& fn) {
  for (std::size_t e : arch.out_edge_indexes(fn.index))
    if (is_write_action(arch.edge_at(e).action)) return true;
  return false;
}

std::vector<char> data_writers(const Architecture& arch) {
  std::vector<char> out(arch.node_count(), 0);
  for (const Edge& e : arch.edges())
    if (is_write_action(e.action)) out[e.from_index] = 1;
  return out;
}

bool has_on_failure(const Architecture& arch, const Node& fn) {
  for (std::size_t e : arch.out_edge_indexes(fn.index))
    if (arch.edge_at(e).action == "on-failure") return true;
  return false;
}

std::vector<std::vector<std::size_t>> out_adjacency(const Architecture& arch) {
  std::vector<std::vector<std::size_t>> out(arch.node_count());
  for (const Edge& e : arch.edges()) out[e.from_index].push_back(e.index);
  return out;
}

Invocation invocation_of(const Architecture& arch, const Edge& edge) noexcept {
  const ConnectionSpec* c = arch.connection_of(edge);
  return c ? c->invocation : Invocation::none;
}

// ---- the shared analysis ---------------------------------------------------

Kind kind_code(std::string_view k) noexcept {
  static constexpr std::pair<std::string_view, Kind> names[] = {
      {"fn", Kind::fn},
      {"api", Kind::api},
      {"httpApi", Kind::httpApi},
      {"queue", Kind::queue},
      {"bucket", Kind::bucket},
      {"table", Kind::table},
      {"stream", Kind::stream},
      {"topic", Kind::topic},
      {"eventBus", Kind::eventBus},
      {"schedule", Kind::schedule},
      {"iotRule", Kind::iotRule},
      {"deliveryStream", Kind::deliveryStream},
      {"analyticsStream", Kind::analyticsStream},
      {"userPool", Kind::userPool},
      {"cognitoIdentity", Kind::cognitoIdentity},
      {"alarm", Kind::alarm},
      {"stepFn", Kind::stepFn},
  };
  for (const auto& [name, code] : names)
    if (name == k) return code;
  return Kind::other;
}

Action action_code(std::string_view a) noexcept {
  static constexpr std::pair<std::string_view, Action> names[] = {
      {"read", Action::read},
      {"write", Action::write},
      {"read/write", Action::read_write},
      {"put", Action::put},
      {"send", Action::send},
      {"notification", Action::notification},
      {"on-failure", Action::on_failure},
      {"invoke", Action::invoke},
      {"trigger", Action::trigger},
      {"dead-letter", Action::dead_letter},
      {"integration", Action::integration},
      {"authorize", Action::authorize},
      {"destination", Action::destination},
      {"transform", Action::transform},
      {"input", Action::input},
      {"metric", Action::metric},
  };
  for (const auto& [name, code] : names)
    if (name == a) return code;
  return Action::other;
}

namespace {
bool is_write(Action a) noexcept {
  return a == Action::write || a == Action::read_write || a == Action::put || a == Action::send ||
         a == Action::notification;
}
}  // namespace

Analysis::Analysis(const Architecture& arch) : arch_(arch), ids_(id_facts(arch)) {
  const std::size_t n = arch.node_count();
  const std::size_t m = arch.edge_count();
  if (n >= std::numeric_limits<Index>::max() || m >= std::numeric_limits<Index>::max())
    throw Error(ErrorCode::argument, "the validator takes at most 4,294,967,294 nodes and as many edges");
  nodes_.reserve(n);
  kinds_.reserve(n);
  node_props_.reserve(n);
  node_overrides_.reserve(n);
  // Kinds and ids come from the architecture's own tables (kind_at,
  // detail::id_facts), not from the nodes: a node's kind and id are fixed
  // once added. Of a node itself two cache lines are read (properties;
  // location and overrides), asked for a few nodes ahead, as a big model's
  // nodes come from memory.
  const StableVector<Node>& all_nodes = arch.nodes();
  const KindSpec* last_spec = nullptr;
  Kind last_kind = Kind::other;
  for (std::size_t i = 0; i < n; ++i) {
    if (i + 6 < n) {
      const char* ahead = reinterpret_cast<const char*>(&all_nodes[i + 6]);
      __builtin_prefetch(ahead + 64);
      __builtin_prefetch(ahead + 128);
    }
    const Node& node = all_nodes[i];
    const KindSpec* spec = &arch.kind_at(i);
    if (spec != last_spec) {
      last_spec = spec;
      last_kind = kind_code(spec->key);
    }
    const Kind k = last_kind;
    nodes_.push_back(&node);
    kinds_.push_back(k);
    node_props_.push_back(!node.properties.keys().empty());
    node_overrides_.push_back(!node.overrides.is_null());
    any_role_ = any_role_ || ids_[i].ends_role;
    any_stage_ = any_stage_ || ids_[i].ends_stage;
    any_location_ = any_location_ || node.location.known();
    by_kind_[static_cast<std::size_t>(k)].push_back(static_cast<Index>(i));
  }
  for (std::size_t k = 1; k < kind_specs_.size(); ++k)
    if (!by_kind_[k].empty()) kind_specs_[k] = &arch.kind_at(by_kind_[k].front());

  edges_.reserve(m);
  actions_.reserve(m);
  connections_.reserve(m);
  from_.reserve(m);
  to_.reserve(m);
  edge_props_.reserve(m);
  allowed_.reserve(m);
  out_start_.assign(n + 1, 0);
  in_start_.assign(n + 1, 0);
  writes_.assign(n, 0);
  on_failure_.assign(n, 0);
  // The connection depends on the two kinds only: looked up once per pair
  // of known kinds.
  constexpr std::size_t kinds = static_cast<std::size_t>(Kind::count_);
  std::array<const ConnectionSpec*, kinds * kinds> pairs{};
  std::array<bool, kinds * kinds> paired{};
  const StableVector<Edge>& all_edges = arch.edges();
  for (std::size_t i = 0; i < m; ++i) {
    if (i + 8 < m) {  // (two lines of each edge: indexes and action, properties)
      const char* ahead = reinterpret_cast<const char*>(&all_edges[i + 8]);
      __builtin_prefetch(ahead);
      __builtin_prefetch(ahead + 64);
    }
    const Edge& e = all_edges[i];
    const Action a = action_code(e.action);
    edges_.push_back(&e);
    actions_.push_back(a);
    const Kind fk = kinds_[e.from_index];
    const Kind tk = kinds_[e.to_index];
    if (fk != Kind::other && tk != Kind::other) {
      const std::size_t slot = static_cast<std::size_t>(fk) * kinds + static_cast<std::size_t>(tk);
      if (!paired[slot]) {
        pairs[slot] = arch.connection_of(e);
        paired[slot] = true;
      }
      connections_.push_back(pairs[slot]);
    } else {
      connections_.push_back(arch.connection_of(e));
    }
    from_.push_back(static_cast<Index>(e.from_index));
    to_.push_back(static_cast<Index>(e.to_index));
    edge_props_.push_back(!e.properties.keys().empty());
    allowed_.push_back(!connections_.back() || connections_.back()->allows(e.action));
    ++out_start_[e.from_index + 1];
    ++in_start_[e.to_index + 1];
    if (is_write(a)) writes_[e.from_index] = 1;
    if (a == Action::on_failure) on_failure_[e.from_index] = 1;
  }
  for (std::size_t i = 0; i < n; ++i) {
    out_start_[i + 1] += out_start_[i];
    in_start_[i + 1] += in_start_[i];
  }
  out_edges_.resize(m);
  in_edges_.resize(m);
  std::vector<Index> out_fill(out_start_.begin(), out_start_.end() - 1);
  std::vector<Index> in_fill(in_start_.begin(), in_start_.end() - 1);
  for (std::size_t i = 0; i < m; ++i) {
    out_edges_[out_fill[from_[i]]++] = static_cast<Index>(i);
    in_edges_[in_fill[to_[i]]++] = static_cast<Index>(i);
  }
}

const KindSpec* Analysis::kind_spec(std::size_t node) const noexcept {
  const Kind k = kinds_[node];
  if (k != Kind::other) return kind_specs_[static_cast<std::size_t>(k)];
  return &arch_.kind_at(node);
}

const Value* Analysis::property(std::size_t node, std::string_view key) const noexcept {
  const Node& n = *nodes_[node];
  if (node_props_[node])
    if (const Value* v = n.properties.find(key)) return v;
  if (kinds_[node] == Kind::fn && key == "runtime") return arch_.property(n, key);
  return kind_default(node, key);
}

const Value* Analysis::kind_default(std::size_t node, std::string_view key) const noexcept {
  const Kind k = kinds_[node];
  auto& cache = defaults_[static_cast<std::size_t>(k)];
  if (k != Kind::other)
    for (const Default& d : cache)
      if (d.key == key) return d.value;
  const KindSpec* spec = kind_spec(node);
  const PropertySpec* p = spec ? spec->property(key) : nullptr;
  const Value* value = p && !p->default_value.is_null() ? &p->default_value : nullptr;
  if (k != Kind::other) {
    try {
      cache.push_back(Default{std::string(key), value});
    } catch (...) {
      // (a cache: without memory, the next call looks the default up again)
    }
  }
  return value;
}

namespace {
long long int_of(const Value* v, long long fallback) noexcept {
  if (!v) return fallback;
  if (v->is_int()) return v->as_int();
  if (v->is_number()) {
    // Saturate: casting a double beyond long long's range is undefined.
    const double d = v->as_number();
    if (d >= 9.2e18) return std::numeric_limits<long long>::max();
    if (d <= -9.2e18) return std::numeric_limits<long long>::min();
    return static_cast<long long>(d);
  }
  return fallback;
}
}  // namespace

long long Analysis::int_property(std::size_t node, std::string_view key, long long fallback) const noexcept {
  return int_of(property(node, key), fallback);
}

bool Analysis::bool_property(std::size_t node, std::string_view key, bool fallback) const noexcept {
  const Value* v = property(node, key);
  return v && v->is_bool() ? v->as_bool() : fallback;
}

std::string Analysis::string_property(std::size_t node, std::string_view key, const std::string& fallback) const {
  const Value* v = property(node, key);
  return v && v->is_string() ? v->as_string() : fallback;
}

const Value* Analysis::edge_property(std::size_t edge, std::string_view key) const noexcept {
  if (edge_props_[edge])
    if (const Value* v = edges_[edge]->properties.find(key)) return v;
  const ConnectionSpec* c = connections_[edge];
  if (!c) return nullptr;
  const PropertySpec* p = c->property(key);
  return p && !p->default_value.is_null() ? &p->default_value : nullptr;
}

std::string Analysis::edge_string_property(std::size_t edge, std::string_view key) const {
  const Value* v = edge_property(edge, key);
  return v && v->is_string() ? v->as_string() : std::string();
}

long long Analysis::timeout(std::size_t node) const noexcept {
  if (timeouts_.empty()) {
    try {
      timeouts_.assign(nodes_.size(), LLONG_MIN);
    } catch (...) {
      return std::clamp(int_property(node, "timeout", 3), -1000000000LL, 1000000000LL);
    }
  }
  long long& t = timeouts_[node];
  if (t == LLONG_MIN) t = std::clamp(int_property(node, "timeout", 3), -1000000000LL, 1000000000LL);
  return t;
}

std::vector<std::string> Analysis::ids(const std::vector<std::size_t>& nodes) const {
  std::vector<std::string> out;
  out.reserve(nodes.size());
  for (std::size_t i : nodes) out.push_back(nodes_[i]->id);
  return out;
}

std::string Analysis::label(std::size_t node) const {
  const KindSpec* spec = kind_spec(node);
  if (!spec) return arch_.kind_of(*nodes_[node]).name + " " + nodes_[node]->id;  // throws as label() does
  std::string out;
  out.reserve(spec->name.size() + 1 + nodes_[node]->id.size());
  out += spec->name;
  out += ' ';
  out += nodes_[node]->id;
  return out;
}

const std::vector<Analysis::RuntimeGroup>& Analysis::runtime_uses() const {
  if (!runtime_uses_) {
    std::vector<RuntimeGroup> out;
    RuntimeGroup inherited{&arch_.runtime(), {}, true};
    for (std::size_t i : nodes_of(Kind::fn)) {
      const Value* own = node_props_[i] ? nodes_[i]->properties.find("runtime") : nullptr;
      if (own && own->is_string()) out.push_back(RuntimeGroup{&own->as_string(), {i}, false});
      else inherited.functions.push_back(i);
    }
    if (!inherited.functions.empty()) out.insert(out.begin(), std::move(inherited));
    runtime_uses_ = std::move(out);
  }
  return *runtime_uses_;
}

std::string cat(std::initializer_list<std::string_view> pieces) {
  std::size_t size = 0;
  for (std::string_view p : pieces) size += p.size();
  std::string out(size, '\0');
  char* at = out.data();
  for (std::string_view p : pieces) {
    if (p.empty()) continue;
    std::memcpy(at, p.data(), p.size());
    at += p.size();
  }
  return out;
}

namespace {
std::string join(const std::string* first, const std::string* last, std::string_view final_sep) {
  const std::size_t n = static_cast<std::size_t>(last - first);
  std::size_t size = 0;
  for (const std::string* i = first; i != last; ++i) size += i->size() + final_sep.size();
  std::string out;
  out.reserve(size);
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += i + 1 == n ? final_sep : std::string_view(", ");
    out += first[i];
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const char* last) {
  return join(items.data(), items.data() + items.size(), last);
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= 9 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

std::string join_or(const std::vector<std::string>& items) { return join(items, " or "); }
std::string join_and(const std::vector<std::string>& items) { return join(items, " and "); }
std::string join_and(const std::string* first, const std::string* last) { return join(first, last, " and "); }

// ---- MQTT topic filters ---------------------------------------------------

bool mqtt_matches(std::string_view filter, std::string_view topic) {
  const auto f = split(filter, '/');
  const auto t = split(topic, '/');
  std::size_t i = 0;
  for (; i < f.size(); ++i) {
    if (f[i] == "#") return true;
    if (i >= t.size()) return false;
    if (f[i] != "+" && f[i] != t[i]) return false;
  }
  return i == t.size();
}

namespace {
// Finds a keyword (case-insensitive, a whole word) outside quotes and
// parentheses; npos when absent.
std::size_t find_keyword(std::string_view s, std::string_view word, std::size_t from = 0) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = from; i < s.size(); ++i) {
    const char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth != 0 || i + word.size() > s.size()) continue;
    if (upper(s.substr(i, word.size())) != word) continue;
    const bool before = i == 0 || std::isspace(static_cast<unsigned char>(s[i - 1]));
    const bool after = i + word.size() == s.size() || std::isspace(static_cast<unsigned char>(s[i + word.size()]));
    if (before && after) return i;
  }
  return std::string_view::npos;
}

std::string topic_filter_problem(std::string_view filter) {
  if (filter.empty()) return "the topic filter is empty";
  const auto levels = split(filter, '/');
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const auto level = levels[i];
    if (level.find('#') != std::string_view::npos && (level != "#" || i + 1 != levels.size()))
      return "'#' must be a whole level at the end of the topic filter";
    if (level.find('+') != std::string_view::npos && level != "+")
      return "'+' must be a whole level of the topic filter";
  }
  return {};
}

struct ParsedSql {
  std::string problem;
  std::string topic;
};

ParsedSql parse_iot_sql(std::string_view sql_in) {
  const std::string_view sql = trim(sql_in);
  if (sql.size() < 6 || upper(sql.substr(0, 6)) != "SELECT" ||
      (sql.size() > 6 && !std::isspace(static_cast<unsigned char>(sql[6]))))
    return {"it does not start with SELECT", {}};
  const std::size_t from = find_keyword(sql, "FROM", 6);
  if (from == std::string_view::npos) return {"it has no FROM clause", {}};
  if (trim(sql.substr(6, from - 6)).empty()) return {"it selects nothing (SELECT FROM)", {}};
  std::string_view rest = trim(sql.substr(from + 4));
  if (rest.empty() || rest.front() != '\'')
    return {"the topic after FROM must be in single quotes, e.g. FROM 'sensors/#'", {}};
  const std::size_t close = rest.find('\'', 1);
  if (close == std::string_view::npos) return {"the topic after FROM has no closing quote", {}};
  const std::string topic(rest.substr(1, close - 1));
  if (auto p = topic_filter_problem(topic); !p.empty()) return {p, topic};
  rest = trim(rest.substr(close + 1));
  if (!rest.empty()) {
    if (rest.size() < 5 || upper(rest.substr(0, 5)) != "WHERE" ||
        (rest.size() > 5 && !std::isspace(static_cast<unsigned char>(rest[5]))))
      return {"only a WHERE clause may follow the topic, found '" + std::string(rest) + "'", topic};
    if (trim(rest.substr(5)).empty()) return {"the WHERE clause is empty", topic};
  }
  return {{}, topic};
}
}  // namespace

std::string iot_sql_topic(std::string_view sql) {
  auto parsed = parse_iot_sql(sql);
  return parsed.problem.empty() ? parsed.topic : std::string();
}

std::string iot_sql_problem(std::string_view sql) { return parse_iot_sql(sql).problem; }

// ---- schedule expressions -------------------------------------------------

namespace {
const char* const month_names[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
const char* const day_names[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

struct CronField {
  const char* name;
  int min, max;
  const char* const* names;  // names for min.., or null
  bool question, last, weekday, nth;
};

// A single value of a field: a number in range or a name.
bool cron_value(const CronField& f, std::string_view v) {
  if (all_digits(v)) {
    const int n = std::stoi(std::string(v));
    return n >= f.min && n <= f.max;
  }
  if (f.names) {
    const std::string u = upper(v);
    for (int i = 0; i <= f.max - f.min; ++i)
      if (u == f.names[i]) return true;
  }
  return false;
}

std::string cron_field_problem(const CronField& f, std::string_view field) {
  const std::string bad = std::string("the ") + f.name + " field '" + std::string(field) + "' is not valid";
  if (field == "?") return f.question ? std::string() : bad + " ('?' is only for day-of-month or day-of-week)";
  for (std::string_view item : split(field, ',')) {
    if (item.empty()) return bad;
    if (item == "*") continue;
    if (f.last && (item == "L" || item == "LW")) {
      if (item == "LW" && !f.weekday) return bad;
      continue;
    }
    if (const auto slash = item.find('/'); slash != std::string_view::npos) {
      const auto base = item.substr(0, slash);
      const auto step = item.substr(slash + 1);
      if (!all_digits(step) || std::stoi(std::string(step)) == 0) return bad + " (the step after '/' must be a positive number)";
      if (base == "*") continue;
      item = base;  // a value or a range, checked below
    }
    if (f.nth) {
      if (const auto hash = item.find('#'); hash != std::string_view::npos) {
        const auto nth = item.substr(hash + 1);
        if (!cron_value(f, item.substr(0, hash)) || !all_digits(nth) || nth.size() != 1 || nth[0] < '1' || nth[0] > '5')
          return bad + " (use DAY#N with N from 1 to 5)";
        continue;
      }
    }
    if (f.last && item.size() > 1 && (item.back() == 'L' || item.back() == 'l') && !f.weekday) {
      if (cron_value(f, item.substr(0, item.size() - 1))) continue;  // 5L: the last Thursday
      return bad;
    }
    if (f.weekday && item.size() > 1 && (item.back() == 'W' || item.back() == 'w')) {
      if (all_digits(item.substr(0, item.size() - 1)) && cron_value(f, item.substr(0, item.size() - 1))) continue;
      return bad;
    }
    if (const auto dash = item.find('-'); dash != std::string_view::npos) {
      if (!cron_value(f, item.substr(0, dash)) || !cron_value(f, item.substr(dash + 1)))
        return bad + " (a range must be two values from " + std::to_string(f.min) + " to " + std::to_string(f.max) + ")";
      continue;
    }
    if (!cron_value(f, item))
      return bad + " (values go from " + std::to_string(f.min) + " to " + std::to_string(f.max) + ")";
  }
  return {};
}
}  // namespace

std::string schedule_expression_problem(std::string_view expression) {
  const std::string_view e = trim(expression);
  if (e.size() > 5 && e.substr(0, 5) == "rate(" && e.back() == ')') {
    const std::string_view body = e.substr(5, e.size() - 6);
    const auto space = body.find(' ');
    if (space == std::string_view::npos || body.find(' ', space + 1) != std::string_view::npos)
      return "rate() takes a value and a unit, e.g. rate(5 minutes)";
    const auto value = body.substr(0, space);
    const auto unit = body.substr(space + 1);
    if (!all_digits(value) || value[0] == '0') return "the rate value '" + std::string(value) + "' is not a positive whole number";
    const bool one = value == "1";
    static const char* const units[] = {"minute", "hour", "day"};
    for (const char* u : units) {
      const std::string singular = u;
      const std::string plural = singular + "s";
      if (unit == singular || unit == plural) {
        if (one && unit == plural) return "use the singular for a value of 1: rate(1 " + singular + ")";
        if (!one && unit == singular) return "use the plural for a value above 1: rate(" + std::string(value) + " " + plural + ")";
        return {};
      }
    }
    return "the rate unit '" + std::string(unit) + "' is not minute(s), hour(s) or day(s)";
  }
  if (e.size() > 5 && e.substr(0, 5) == "cron(" && e.back() == ')') {
    std::vector<std::string_view> fields;
    for (auto part : split(e.substr(5, e.size() - 6), ' '))
      if (!part.empty()) fields.push_back(part);
    if (fields.size() != 6)
      return "cron() takes six fields (minutes hours day-of-month month day-of-week year), found " +
             std::to_string(fields.size());
    static const CronField spec[6] = {
        {"minutes", 0, 59, nullptr, false, false, false, false},
        {"hours", 0, 23, nullptr, false, false, false, false},
        {"day-of-month", 1, 31, nullptr, true, true, true, false},
        {"month", 1, 12, month_names, false, false, false, false},
        {"day-of-week", 1, 7, day_names, true, true, false, true},
        {"year", 1970, 2199, nullptr, false, false, false, false},
    };
    for (int i = 0; i < 6; ++i)
      if (auto p = cron_field_problem(spec[i], fields[i]); !p.empty()) return p;
    const bool dom_q = fields[2] == "?";
    const bool dow_q = fields[4] == "?";
    if (dom_q == dow_q)
      return dom_q ? "day-of-month and day-of-week cannot both be '?'"
                   : "one of day-of-month and day-of-week must be '?' (they cannot both be set)";
    return {};
  }
  if (e.substr(0, 3) == "at(")
    return "at(...) one-time schedules are for EventBridge Scheduler; a schedule node takes rate(...) or cron(...)";
  return "the expression must be rate(...) or cron(...)";
}

// ---- API routes ------------------------------------------------------------

std::string route_problem(std::string_view route) {
  const std::string r(route);
  if (r == "$default") return {};
  const auto space = r.find(' ');
  if (space == std::string::npos) return "a route is \"METHOD /path\", e.g. \"GET /items\"";
  const std::string method = upper(r.substr(0, space));
  static const char* const methods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY"};
  if (std::none_of(std::begin(methods), std::end(methods), [&](const char* m) { return method == m; }))
    return "'" + r.substr(0, space) + "' is not an HTTP method (GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS or ANY)";
  const std::string path = r.substr(space + 1);
  if (path.empty() || path[0] != '/') return "the path must start with '/'";
  if (path == "/") return {};
  if (path.back() == '/') return "the path must not end with '/'";
  const auto segments = split(std::string_view(path).substr(1), '/');
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto s = segments[i];
    if (s.empty()) return "the path has an empty segment ('//')";
    if (s.front() == '{' || s.back() == '}') {
      if (s.size() < 3 || s.front() != '{' || s.back() != '}') return "the path parameter '" + std::string(s) + "' is not {name}";
      std::string_view name = s.substr(1, s.size() - 2);
      if (name.back() == '+') {
        if (i + 1 != segments.size()) return "a greedy parameter {" + std::string(name) + "} must be the last segment";
        name.remove_suffix(1);
      }
      if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
          }))
        return "the path parameter '" + std::string(s) + "' is not {name}";
      continue;
    }
    for (char c : s) {
      const bool ok = std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-._~:@!$&'()*+,;=%").find(c) != std::string_view::npos;
      if (!ok) return std::string("the path has a character API Gateway does not accept: '") + c + "'";
    }
  }
  return {};
}

std::vector<std::string> Analysis::node_and_sources(std::size_t i, Invocation how) const {
  std::vector<std::string> ids;
  ids.reserve(in(i).size() + 1);
  ids.emplace_back(id(i));
  for (std::size_t e : in(i))
    if (invocation(e) == how) ids.emplace_back(id(from(e)));
  return ids;
}

}  // namespace sbd::detail
