// Small graph and property helpers shared by the rules (private).
#pragma once

#include <sbd/architecture.hpp>

#include "model/build.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sbd::detail {

/// A node's effective integer property (model value, else catalog default),
/// or fallback when it has none or it is not a number.
long long int_property(const Architecture& arch, const Node& node, std::string_view key,
                       long long fallback);
/// The same for a boolean and a string property.
bool bool_property(const Architecture& arch, const Node& node, std::string_view key, bool fallback);
std::string string_property(const Architecture& arch, const Node& node, std::string_view key,
                            const std::string& fallback = {});
/// An edge's effective property as a string ("" when absent).
std::string string_property(const Architecture& arch, const Edge& edge, std::string_view key);

/// "SQS queue Jobs": the kind's name and the node's id.
std::string label(const Architecture& arch, const Node& node);
/// Where a node property set in the model was read (the node's location when
/// the value has none).
SourceLocation property_location(const Node& node, std::string_view key);
/// Where an edge property set in the model was read (the edge's location
/// when the value has none).
SourceLocation property_location(const Edge& edge, std::string_view key);

/// One use of a runtime: either the functions that set it themselves (one
/// use each), or all the functions that inherit the app's runtime (one use).
struct RuntimeUse {
  std::string runtime;
  std::vector<std::string> functions;  ///< node ids, model order
  bool inherited = false;              ///< from the app's `runtime`
};
std::vector<RuntimeUse> runtime_uses(const Architecture& arch);

/// The kinds the rules ask about, as small numbers (Kind::other for every
/// other kind, e.g. one a user's catalog adds).
enum class Kind : unsigned char {
  other, fn, api, httpApi, queue, bucket, table, stream, topic, eventBus, schedule, iotRule,
  deliveryStream, analyticsStream, userPool, cognitoIdentity, alarm, stepFn, count_
};
Kind kind_code(std::string_view kind) noexcept;

/// The edge actions the rules ask about, as small numbers.
enum class Action : unsigned char {
  other, read, write, read_write, put, send, notification, on_failure, invoke, trigger, dead_letter,
  integration, authorize, destination, transform, input, metric
};
Action action_code(std::string_view action) noexcept;

/// Out-degrees up to this are checked pairwise (no hash map) by the rules
/// that compare a node's edges with each other.
inline constexpr std::size_t small_degree = 16;

/// A node or edge index in the analysis's tables: 32 bits, which halves the
/// tables a big model's validation walks (a model has far fewer than 2^32
/// nodes and edges).
using Index = std::uint32_t;

/// A contiguous run of edge (or node) indexes.
struct IndexRange {
  const Index* first = nullptr;
  const Index* last = nullptr;
  const Index* begin() const noexcept { return first; }
  const Index* end() const noexcept { return last; }
  std::size_t size() const noexcept { return static_cast<std::size_t>(last - first); }
  bool empty() const noexcept { return first == last; }
};

/// What every rule needs about the graph, computed once per validation run in
/// O(nodes + edges) and shared by the rules (read-only): node kinds and edge
/// actions as numbers, the nodes of each kind, each edge's catalog connection,
/// in and out adjacency (edge indexes in edge order), and per-node facts.
class Analysis {
 public:
  explicit Analysis(const Architecture& arch);
  Analysis(const Analysis&) = delete;
  Analysis& operator=(const Analysis&) = delete;

  const Architecture& arch() const noexcept { return arch_; }
  std::size_t node_count() const noexcept { return nodes_.size(); }
  std::size_t edge_count() const noexcept { return edges_.size(); }
  const Node& node(std::size_t i) const noexcept { return *nodes_[i]; }
  /// Node i's id, from the Architecture's block of ids (detail::node_id):
  /// a finding's text names nodes without a visit to them.
  std::string_view id(std::size_t i) const noexcept { return node_id(arch_, i); }
  const Edge& edge(std::size_t i) const noexcept { return *edges_[i]; }

  Kind kind(std::size_t node) const noexcept { return kinds_[node]; }
  /// The nodes of a kind, in model order.
  const std::vector<Index>& nodes_of(Kind k) const noexcept {
    return by_kind_[static_cast<std::size_t>(k)];
  }
  Action action(std::size_t edge) const noexcept { return actions_[edge]; }
  /// Edge::from_index and Edge::to_index.
  std::size_t from(std::size_t edge) const noexcept { return from_[edge]; }
  std::size_t to(std::size_t edge) const noexcept { return to_[edge]; }
  /// Architecture::connection_of, computed once per edge.
  const ConnectionSpec* connection(std::size_t edge) const noexcept { return connections_[edge]; }
  Invocation invocation(std::size_t edge) const noexcept {
    return connections_[edge] ? connections_[edge]->invocation : Invocation::none;
  }
  /// The edges leaving / entering a node, in edge order.
  IndexRange out(std::size_t node) const noexcept {
    return {out_edges_.data() + out_start_[node], out_edges_.data() + out_start_[node + 1]};
  }
  IndexRange in(std::size_t node) const noexcept {
    return {in_edges_.data() + in_start_[node], in_edges_.data() + in_start_[node + 1]};
  }
  /// writes_data() and has_on_failure() of every node.
  bool writes_data(std::size_t node) const noexcept { return writes_[node] != 0; }
  bool has_on_failure(std::size_t node) const noexcept { return on_failure_[node] != 0; }
  /// Whether an incoming edge of a node invokes it as `how`.
  bool invoked_as(std::size_t node, Invocation how) const noexcept {
    for (std::size_t e : in(node))
      if (invocation(e) == how) return true;
    return false;
  }
  /// The node's id, then the ids of the sources of its incoming edges that
  /// invoke it as `how` (the nodes of a finding about those edges).
  std::vector<std::string> node_and_sources(std::size_t node, Invocation how) const;
  const std::vector<char>& data_writers() const noexcept { return writes_; }
  /// Whether a node sets properties, has overrides; whether an edge sets
  /// properties (each read once, so that the rules skip most nodes and edges
  /// without touching them).
  bool has_properties(std::size_t node) const noexcept { return node_props_[node] != 0; }
  bool has_overrides(std::size_t node) const noexcept { return node_overrides_[node] != 0; }
  bool edge_has_properties(std::size_t edge) const noexcept { return edge_props_[edge] != 0; }
  /// Whether an edge's connection allows its action (true without a connection).
  bool action_allowed(std::size_t edge) const noexcept { return allowed_[edge] != 0; }
  /// A node id's length, and whether some node id ends in "Role" / "Stage"
  /// (from the architecture's table of id facts; every id is a valid logical
  /// id, as add_node checks, and fixed).
  std::size_t id_size(std::size_t node) const noexcept { return ids_[node].size; }
  bool any_id_ends_with_role() const noexcept { return any_role_; }
  bool any_id_ends_with_stage() const noexcept { return any_stage_; }
  /// Whether some node has a known location (false for a model built in code).
  bool any_node_location() const noexcept { return any_location_; }

  /// Architecture::property, with the catalog entry of the node's kind looked
  /// up once per kind.
  const Value* property(std::size_t node, std::string_view key) const noexcept;
  long long int_property(std::size_t node, std::string_view key, long long fallback) const noexcept;
  bool bool_property(std::size_t node, std::string_view key, bool fallback) const noexcept;
  std::string string_property(std::size_t node, std::string_view key, const std::string& fallback = {}) const;
  /// Architecture::property of an edge, with its connection looked up once.
  const Value* edge_property(std::size_t edge, std::string_view key) const noexcept;
  /// An edge's property as a string ("" when absent), as string_property().
  std::string edge_string_property(std::size_t edge, std::string_view key) const;
  /// function_timeout() of a function node.
  long long timeout(std::size_t node) const noexcept;
  /// The catalog entry of a node's kind (null only for a kind the catalog lacks).
  const KindSpec* kind_spec(std::size_t node) const noexcept;
  /// "SQS queue Jobs", as label().
  std::string label(std::size_t node) const;
  /// runtime_uses() with node indexes for ids, computed on first use.
  struct RuntimeGroup {
    const std::string* runtime;          ///< the runtime's name
    std::vector<std::size_t> functions;  ///< node indexes, model order
    bool inherited;                      ///< from the app's `runtime`
  };
  const std::vector<RuntimeGroup>& runtime_uses() const;
  /// The ids of nodes given by index.
  std::vector<std::string> ids(const std::vector<std::size_t>& nodes) const;

 private:
  const Architecture& arch_;
  const std::vector<IdFacts>& ids_;  // id_facts(arch_)
  std::vector<const Node*> nodes_;
  std::vector<const Edge*> edges_;
  std::vector<Kind> kinds_;
  std::array<std::vector<Index>, static_cast<std::size_t>(Kind::count_)> by_kind_;
  std::array<const KindSpec*, static_cast<std::size_t>(Kind::count_)> kind_specs_{};
  std::vector<Action> actions_;
  std::vector<Index> from_, to_;
  std::vector<const ConnectionSpec*> connections_;
  std::vector<Index> out_start_, out_edges_, in_start_, in_edges_;
  std::vector<char> writes_, on_failure_;
  std::vector<char> node_props_, node_overrides_, edge_props_, allowed_;
  bool any_location_ = false;
  bool any_role_ = false, any_stage_ = false;
  mutable std::vector<long long> timeouts_;  // timeout(), LLONG_MIN until asked
  struct Default {
    std::string key;
    const Value* value;
  };
  const Value* kind_default(std::size_t node, std::string_view key) const noexcept;
  // The catalog defaults asked for, per kind.
  mutable std::array<std::vector<Default>, static_cast<std::size_t>(Kind::count_)> defaults_;
  mutable std::optional<std::vector<RuntimeGroup>> runtime_uses_;
};

/// What to move a runtime to: its successor in the catalog, else the runtime
/// of the same family that AWS Lambda supports the longest; "" if none.
std::string runtime_successor(const Catalog& catalog, const RuntimeSpec& runtime);

/// The timeout of a function in seconds (default 3).
long long function_timeout(const Architecture& arch, const Node& fn);
/// The effective runtime of a function (its property, else the app's).
std::string function_runtime(const Architecture& arch, const Node& fn);

/// Actions by which a function changes data or sends messages: write,
/// read/write, put, send, notification, on-failure, invoke, activity.
bool is_write_action(std::string_view action) noexcept;
/// Whether a function writes data (an outgoing write, read/write, put, send
/// or notification edge).
bool writes_data(const Architecture& arch, const Node& fn);
/// writes_data for every node at once (indexed by Node::index), linear.
std::vector<char> data_writers(const Architecture& arch);
/// Whether a function has an on-failure destination (an outgoing edge with
/// the action `on-failure`).
bool has_on_failure(const Architecture& arch, const Node& fn);

/// The outgoing edge indexes of every node, in edge order: built once in
/// O(nodes + edges), for graph walks that visit a node's edges one at a time.
std::vector<std::vector<std::size_t>> out_adjacency(const Architecture& arch);

/// The catalog's invocation of an edge (none when the pair is not allowed).
Invocation invocation_of(const Architecture& arch, const Edge& edge) noexcept;

/// The pieces joined, with one allocation: how the rules build messages.
std::string cat(std::initializer_list<std::string_view> pieces);

/// "a, b or c".
std::string join_or(const std::vector<std::string>& items);
/// "a, b and c".
std::string join_and(const std::vector<std::string>& items);
/// join_and of the strings [first, last).
std::string join_and(const std::string* first, const std::string* last);

/// MQTT topic filter matching: does the filter ('+' one level, '#' the rest)
/// match the topic?
bool mqtt_matches(std::string_view filter, std::string_view topic);
/// The topic filter of an IoT rule's `SELECT ... FROM 'filter'`, or "" when
/// the statement cannot be parsed.
std::string iot_sql_topic(std::string_view sql);
/// Checks an IoT SQL statement; returns "" when it is a SELECT ... FROM
/// '<topic filter>' [WHERE ...], else what is wrong.
std::string iot_sql_problem(std::string_view sql);

/// Checks a schedule expression (EventBridge rate(...) or cron(...)); returns
/// "" when valid, else what is wrong.
std::string schedule_expression_problem(std::string_view expression);

/// Checks an API route "METHOD /path"; returns "" when valid, else what is wrong.
std::string route_problem(std::string_view route);

/// The number of CloudFormation resources the SAM engine is estimated to emit
/// for the model (see resource_estimate.cpp for the table). The one place that
/// knows it: replace with the engine's real count when that exists.
std::size_t estimate_sam_resources(const Architecture& arch);
std::size_t estimate_sam_resources(const Analysis& a);

/// A logical id that SAM derives from a node's id (the function's role, an
/// API's stage...). exact is false when SAM appends a hash (only its length
/// is known).
struct DerivedId {
  std::string id;
  bool exact = true;
};
/// The logical ids SAM derives from a node's id, used by the logical-id rule.
std::vector<DerivedId> derived_logical_ids(const Architecture& arch, const Node& node);
/// The same, into out (whose strings are reused: no allocation per node).
void derived_logical_ids(const Analysis& a, std::size_t node, std::vector<DerivedId>& out);

}  // namespace sbd::detail
