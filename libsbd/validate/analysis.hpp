// Small graph and property helpers shared by the rules (private).
#pragma once

#include <sbd/architecture.hpp>

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

/// "a, b or c".
std::string join_or(const std::vector<std::string>& items);
/// "a, b and c".
std::string join_and(const std::vector<std::string>& items);

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

/// A logical id that SAM derives from a node's id (the function's role, an
/// API's stage...). exact is false when SAM appends a hash (only its length
/// is known).
struct DerivedId {
  std::string id;
  bool exact = true;
};
/// The logical ids SAM derives from a node's id, used by the logical-id rule.
std::vector<DerivedId> derived_logical_ids(const Architecture& arch, const Node& node);

}  // namespace sbd::detail
