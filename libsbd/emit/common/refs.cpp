#include "emit/common/refs.hpp"

#include "emit/common/doc.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace sbd::detail {

std::string node_logical_id(const Node& node) { return node.id; }

RefDirection reference_direction(const Architecture& arch, const Edge& edge) {
  const std::string_view from = arch.kind_at(edge.from_index).key;  // (not the nodes: scattered)
  const std::string_view to = arch.kind_at(edge.to_index).key;
  if (is(from, "fn")) return is(to, "alarm") ? RefDirection::backward : RefDirection::forward;
  // An IoT rule's functions get events of their own, and a republish action
  // names a topic, not the other rule: an IoT rule refers to nothing.
  if (is(from, "iotRule")) return RefDirection::none;
  if (is(from, "api") || is(from, "httpApi") || is(from, "stepFn") || is(from, "deliveryStream") ||
      is(from, "analyticsStream"))
    return RefDirection::forward;
  if (is(from, "bucket")) return RefDirection::forward;
  if (is(from, "queue") && is(to, "queue")) return RefDirection::forward;
  if (is(from, "stream") && (is(to, "deliveryStream") || is(to, "analyticsStream"))) return RefDirection::backward;
  if (is(from, "userPool") || is(from, "cognitoIdentity")) return RefDirection::backward;
  return RefDirection::none;
}

namespace {
thread_local const Architecture* scope_arch = nullptr;
thread_local std::vector<char>* scope_named = nullptr;
thread_local ReferenceScope* scope = nullptr;
}  // namespace

namespace {

// A graph in compressed rows: the successors of v are
// targets[start[v]] .. targets[start[v + 1] - 1], in edge order. Two flat
// arrays instead of a vector per node (this runs for every emit).
struct Graph {
  std::vector<std::size_t> start;
  std::vector<std::size_t> targets;
  std::size_t size() const noexcept { return start.size() - 1; }
  std::size_t degree(std::size_t v) const noexcept { return start[v + 1] - start[v]; }
  std::size_t at(std::size_t v, std::size_t i) const noexcept { return targets[start[v] + i]; }
};

// The "refers to" graph: forward edges as they are, backward ones reversed.
// With skip, references to the nodes it marks are left out.
Graph reference_graph(const Architecture& arch, const std::vector<char>* skip = nullptr) {
  std::vector<std::pair<std::size_t, std::size_t>> arcs;
  arcs.reserve(arch.edges().size());
  for (const Edge& e : arch.edges()) {
    const RefDirection d = reference_direction(arch, e);
    std::size_t from = e.from_index, to = e.to_index;
    if (d == RefDirection::none) continue;
    if (d == RefDirection::backward) std::swap(from, to);
    if (skip && (*skip)[to]) continue;
    arcs.emplace_back(from, to);
  }
  Graph g;
  g.start.assign(arch.node_count() + 1, 0);
  for (const auto& a : arcs) ++g.start[a.first + 1];
  for (std::size_t v = 0; v < arch.node_count(); ++v) g.start[v + 1] += g.start[v];
  g.targets.resize(arcs.size());
  std::vector<std::size_t> next(g.start.begin(), g.start.end() - 1);
  for (const auto& a : arcs) g.targets[next[a.first]++] = a.second;
  return g;
}

// Tarjan's strongly connected components, iteratively (deep models must not
// overflow the stack). Returns the component of each node.
std::vector<std::size_t> components(const Graph& adj) {
  const std::size_t n = adj.size();
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::vector<std::size_t> index(n, none), low(n, 0), comp(n, none), stack;
  std::vector<char> on_stack(n, 0);
  std::vector<std::pair<std::size_t, std::size_t>> work;  // node, next child
  std::size_t counter = 0, comps = 0;
  for (std::size_t root = 0; root < n; ++root) {
    if (index[root] != none) continue;
    work.emplace_back(root, 0);
    while (!work.empty()) {
      auto& [v, child] = work.back();
      if (child == 0 && index[v] == none) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack[v] = 1;
      }
      if (child < adj.degree(v)) {
        const std::size_t w = adj.at(v, child++);
        if (index[w] == none) {
          work.emplace_back(w, 0);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        std::size_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          comp[w] = comps;
        } while (w != v);
        ++comps;
      }
      const std::size_t done = v;
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[done]);
    }
  }
  return comp;
}

}  // namespace

namespace {

// The buckets that need a name, from the components of the whole "refers
// to" graph.
std::vector<char> named_buckets(const Architecture& arch, const std::vector<std::size_t>& comp) {
  const std::size_t n = arch.node_count();
  std::vector<char> named(n, 0);
  // The buckets found by the architecture's kind table, not by reading every
  // node (which a big model has scattered).
  const KindSpec* const bucket_kind = arch.catalog().kind("bucket");
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < n; ++i) {
    if (&arch.kind_at(i) != bucket_kind) continue;
    const Node& b = arch.node_at(i);
    arch.out_edge_indexes(b.index, out);
    for (std::size_t e : out) {
      const Edge& edge = arch.edge_at(e);
      const std::string_view to = arch.kind_at(edge.to_index).key;
      // Notifying: the topic or queue policy names the bucket, which waits
      // for it. Triggering a function that refers back to the bucket: the
      // bucket and the function are in one component.
      if (to == "topic" || to == "queue" || (to == "fn" && comp[edge.to_index] == comp[b.index])) named[b.index] = 1;
    }
  }
  return named;
}

// The groups of reference_cycles, from a graph without the named buckets'
// references and its components.
std::vector<std::vector<std::string>> cycles_of(const Architecture& arch, const Graph& adj,
                                                const std::vector<std::size_t>& comp) {
  std::vector<std::size_t> size(arch.node_count(), 0);
  for (std::size_t c : comp) ++size[c];
  std::vector<char> self(arch.node_count(), 0);
  for (std::size_t v = 0; v < adj.size(); ++v)
    for (std::size_t i = 0; i < adj.degree(v); ++i)
      if (adj.at(v, i) == v) self[comp[v]] = 1;
  std::vector<std::vector<std::string>> cycles;
  std::vector<std::size_t> slot(arch.node_count(), std::string::npos);  // by component
  for (std::size_t v = 0; v < adj.size(); ++v) {
    if (size[comp[v]] <= 1 && !self[comp[v]]) continue;
    if (slot[comp[v]] == std::string::npos) {
      slot[comp[v]] = cycles.size();
      cycles.emplace_back();
    }
    cycles[slot[comp[v]]].push_back(arch.node_at(v).id);
  }
  std::sort(cycles.begin(), cycles.end());
  return cycles;
}

}  // namespace

std::vector<char> buckets_needing_explicit_names(const Architecture& arch) {
  return named_buckets(arch, components(reference_graph(arch)));
}

ReferenceScope::ReferenceScope(const Architecture& arch) : previous_arch_(scope_arch), previous_(scope) {
  const Graph whole = reference_graph(arch);
  const std::vector<std::size_t> comp = components(whole);
  named_ = named_buckets(arch, comp);
  if (std::find(named_.begin(), named_.end(), 1) == named_.end()) {
    cycles_ = cycles_of(arch, whole, comp);
    have_cycles_ = true;
  }
  scope_arch = &arch;
  scope_named = &named_;
  scope = this;
}

ReferenceScope::~ReferenceScope() {
  scope_arch = previous_arch_;
  scope = previous_;
  scope_named = previous_ ? &previous_->named_ : nullptr;
}

bool bucket_needs_explicit_name(const Architecture& arch, const Node& bucket) {
  if (bucket.kind != "bucket") return false;
  if (scope_arch == &arch && scope_named && bucket.index < scope_named->size()) return (*scope_named)[bucket.index] != 0;
  std::vector<std::size_t> stack;
  for (std::size_t e : arch.out_edge_indexes(bucket.index)) {
    const Edge& edge = arch.edge_at(e);
    const std::string_view to = arch.kind_at(edge.to_index).key;
    if (to == "topic" || to == "queue") return true;
    if (to == "fn") stack.push_back(edge.to_index);
  }
  // Is the bucket reachable from a function it triggers, following the
  // "resource A refers to resource B" relation? Then naming it breaks the cycle.
  std::vector<char> seen(arch.node_count(), 0);
  while (!stack.empty()) {
    const std::size_t n = stack.back();
    stack.pop_back();
    if (n == bucket.index) return true;
    if (seen[n]) continue;
    seen[n] = 1;
    for (std::size_t e : arch.out_edge_indexes(n)) {
      const Edge& edge = arch.edge_at(e);
      if (reference_direction(arch, edge) == RefDirection::forward) stack.push_back(edge.to_index);
    }
    for (std::size_t e : arch.in_edge_indexes(n)) {
      const Edge& edge = arch.edge_at(e);
      if (reference_direction(arch, edge) == RefDirection::backward) stack.push_back(edge.from_index);
    }
  }
  return false;
}

namespace {

Value stack_id_suffix() {
  // The first 8 hex digits of the stack's GUID: lower case, unique per stack.
  Value split_arn = Value::tagged("!Split", arr({Value("/"), cf_ref("AWS::StackId")}));
  Value guid = Value::tagged("!Select", arr({Value(2), split_arn}));
  Value split_guid = Value::tagged("!Split", arr({Value("-"), guid}));
  return Value::tagged("!Select", arr({Value(0), split_guid}));
}

std::string bucket_prefix(const Architecture& arch, const Node& bucket) {
  // 63 = prefix + "-" + 12-digit account + "-" + 8 hex digits.
  std::string p = kebab(arch.name()) + "-" + kebab(bucket.id);
  std::string out;
  for (char c : p) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '-') out.push_back(l);
  }
  if (out.size() > 41) out.resize(41);
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.empty()) out = "bucket";
  return out;
}

}  // namespace

Value explicit_bucket_name(const Architecture& arch, const Node& bucket) {
  return sub(bucket_prefix(arch, bucket) + "-${AWS::AccountId}-${Suffix}", obj({{"Suffix", stack_id_suffix()}}));
}

static Value explicit_bucket_arn(const Architecture& arch, const Node& bucket) {
  return sub("arn:${AWS::Partition}:s3:::" + bucket_prefix(arch, bucket) + "-${AWS::AccountId}-${Suffix}",
             obj({{"Suffix", stack_id_suffix()}}));
}

PlainRef plain_ref(const Architecture& arch, const Node& node, RefOf what) {
  const std::string_view k = node.kind;
  if (what == RefOf::url) {
    if (is(k, "queue")) return {true, {}};
    if (is(k, "api") || is(k, "httpApi")) return {};  // the invoke URL, a !Sub
    what = RefOf::arn;                                 // the others: their ARN
  }
  if (is(k, "bucket") && bucket_needs_explicit_name(arch, node)) return {};
  if (what == RefOf::name) {
    if (is(k, "queue")) return {true, "QueueName"};
    if (is(k, "topic")) return {true, "TopicName"};
    if (is(k, "stepFn")) return {true, "Name"};
    return {true, {}};  // (a user pool's !Ref is its id)
  }
  if (is(k, "topic") || is(k, "stepFn") || is(k, "secret")) return {true, {}};
  if (is(k, "parameter") || is(k, "analyticsStream") || is(k, "api") || is(k, "httpApi") ||
      is(k, "cognitoIdentity"))
    return {};  // a !Sub ARN
  return {true, "Arn"};
}

namespace {

Value plain_value(const PlainRef& r, const std::string& lid) {
  return r.attribute.empty() ? cf_ref(lid) : get_att(lid, r.attribute);
}

}  // namespace

Value name_of(const Architecture& arch, const Node& node, const LogicalIdFn& id) {
  if (const PlainRef r = plain_ref(arch, node, RefOf::name); r.plain) return plain_value(r, id(node));
  return explicit_bucket_name(arch, node);  // (the only name that is not plain)
}

Value arn_of(const Architecture& arch, const Node& node, const LogicalIdFn& id) {
  const std::string lid = id(node);
  if (const PlainRef r = plain_ref(arch, node, RefOf::arn); r.plain) return plain_value(r, lid);
  const std::string_view k = node.kind;
  if (is(k, "bucket")) return explicit_bucket_arn(arch, node);
  if (is(k, "parameter"))
    return sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${" + lid + "}");
  if (is(k, "analyticsStream"))
    return sub("arn:${AWS::Partition}:kinesisanalytics:${AWS::Region}:${AWS::AccountId}:application/${" + lid + "}");
  if (is(k, "api") || is(k, "httpApi")) return execute_api_arn(arch, node, id);
  return sub("arn:${AWS::Partition}:cognito-identity:${AWS::Region}:${AWS::AccountId}:identitypool/${" + lid + "}");
}

Value execute_api_arn(const Architecture&, const Node& api, const LogicalIdFn& id) {
  return sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${" + id(api) + "}/*");
}

Value url_of(const Architecture& arch, const Node& node, const LogicalIdFn& id) {
  const std::string lid = id(node);
  if (is(node.kind, "queue")) return cf_ref(lid);
  if (is(node.kind, "api") || is(node.kind, "httpApi")) {
    const Value* stage = arch.property(node, "stage");
    std::string s = stage && stage->is_string() ? stage->as_string() : "";
    std::string url = "https://${" + lid + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/";
    if (!s.empty() && s != "$default") url += sub_escape(s) + "/";
    return sub(url);
  }
  return arn_of(arch, node, id);
}

Value env_value(const Architecture& arch, const Wire& wire, const LogicalIdFn& id) {
  if (!wire.target) return Value();
  if (wire.value_kind == "url") return url_of(arch, *wire.target, id);
  if (wire.value_kind == "arn") return arn_of(arch, *wire.target, id);
  return name_of(arch, *wire.target, id);
}

}  // namespace sbd::detail

namespace sbd::detail {

std::vector<std::vector<std::string>> reference_cycles(const Architecture& arch) {
  if (scope_arch == &arch && scope && scope->have_cycles_) return scope->cycles_;
  // Named buckets are referred to by name: references to them are no edges.
  // (A ReferenceScope on this thread has them already.)
  std::vector<char> computed;
  if (scope_arch != &arch || !scope_named) computed = buckets_needing_explicit_names(arch);
  const std::vector<char>& named = scope_arch == &arch && scope_named ? *scope_named : computed;
  const Graph adj = reference_graph(arch, &named);
  return cycles_of(arch, adj, components(adj));
}

}  // namespace sbd::detail
