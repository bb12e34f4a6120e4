// Shared by every engine and the starter code: how an edge is wired into a
// function (the environment variable that names its target) and what code
// language a function uses.
#pragma once

#include <sbd/architecture.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sbd::detail {

/// True when s is the literal lit: a comparison of a known length that the
/// compiler writes inline (string_view's == calls memcmp; kinds and actions
/// are compared with literals for every node and edge an engine writes).
template <std::size_t N>
inline bool is(std::string_view s, const char (&lit)[N]) noexcept {
  return s.size() == N - 1 && __builtin_memcmp(s.data(), lit, N - 1) == 0;
}

/// "PhotoUploads" -> "PHOTO_UPLOADS"; "MyAPI2" -> "MY_API2".
std::string upper_snake(std::string_view id);
/// "PhotoUploads" -> "photo_uploads".
std::string lower_snake(std::string_view id);
/// "PhotoUploads" -> "photo-uploads".
std::string kebab(std::string_view id);

/// The environment variable through which a function reaches the target of
/// one of its outgoing edges (CATALOG.md): the target id in UPPER_SNAKE_CASE
/// and a suffix that says what it holds: PHOTOS_TABLE, UPLOADS_BUCKET,
/// JOBS_QUEUE_URL, ALERTS_TOPIC_ARN, CLICKS_STREAM, LOGS_DELIVERY_STREAM,
/// EVENTS_EVENT_BUS, RESIZE_FUNCTION, ORDER_FLOW_STATE_MACHINE_ARN,
/// PUBLIC_API_URL, DB_PASSWORD_SECRET_ARN, CONFIG_PARAMETER. The suffix is not
/// repeated when the id already ends with it (PhotosTable -> PHOTOS_TABLE).
/// Empty for edges that need no variable (fn -> alarm, on-failure edges).
/// target_id: the id of the edge's target (detail::node_id, say).
std::string env_var_for(const Architecture& arch, const Edge& edge, std::string_view target_id);
/// What the variable holds: "name", "arn", "url" (or "" when no variable).
std::string_view env_value_kind(const Architecture& arch, const Edge& edge);
/// Both at once, looking at the edge once: the variable's name into name
/// (cleared; empty when none) and what it holds as the result ("" when none).
std::string_view env_var_and_kind(const Architecture& arch, const Edge& edge, std::string& name);

/// One outgoing dependency of a function: what the starter code needs to build
/// an SDK client and what the template needs to grant.
struct Wire {
  const Edge* edge = nullptr;
  const Node* target = nullptr;
  std::string env_var;     ///< may be empty
  std::string value_kind;  ///< "name", "arn", "url", ""
};
/// The outgoing edges of a function that carry an environment variable, in
/// edge order.
std::vector<Wire> wires_of(const Architecture& arch, const Node& fn);

/// The event sources of a function: the incoming edges that invoke it
/// (bucket, queue, topic, table stream, Kinesis stream, API, HTTP API,
/// schedule, EventBridge, IoT, another function, a state machine, Firehose
/// transform), in edge order.
std::vector<const Edge*> triggers_of(const Architecture& arch, const Node& fn);

/// Every node of an architecture in the order of their ids (std::string's
/// order), for the engines' passes that write node by node in that order
/// (the starter code, the README). The ids are read from the block of ids the
/// Architecture keeps (detail::node_id) and the kinds from
/// Architecture::kind_at, not from nodes that a big model has scattered (at
/// 70,000 nodes, 27 MB of nodes in an order unlike their ids': a cache miss
/// each; the ids are 0.6 MB). The architecture must outlive it, unchanged.
class NodesById {
 public:
  explicit NodesById(const Architecture& arch);
  std::size_t size() const noexcept { return order_.size(); }
  /// The node index of the i-th node in id order.
  std::size_t index(std::size_t i) const noexcept { return order_[i]; }
  /// Every node index in id order.
  const std::vector<std::size_t>& order() const noexcept { return order_; }
  /// The id of the i-th node in id order.
  std::string_view id(std::size_t i) const noexcept { return id_of(order_[i]); }
  /// The kind of the i-th node in id order.
  const KindSpec& kind(std::size_t i) const { return arch_.kind_at(order_[i]); }
  /// The i-th node in id order.
  const Node& node(std::size_t i) const { return arch_.node_at(order_[i]); }
  /// The id of the node of index node_index (the nodes' own order).
  std::string_view id_of(std::size_t node_index) const noexcept;

 private:
  const Architecture& arch_;
  std::vector<std::size_t> order_;  // node indexes in id order
};
/// The same order as node indexes (for a caller that then reads arrays by
/// node index, not the nodes themselves), into memory this object keeps from
/// one call to the next: a caller that orders big models over and over (the
/// SAM template's scratch, kept per thread) does not take megabytes of fresh
/// pages from the system, and fault them in, every time.
class IdOrder {
 public:
  /// The node indexes of arch in id order (valid until the next call).
  const std::vector<std::size_t>& of(const Architecture& arch);
  /// The memory it keeps.
  std::size_t bytes() const noexcept;

  /// A node's sort key: the first sixteen bytes of its id as two big-endian
  /// numbers, and its index.
  struct Keyed {
    std::uint64_t high, low;
    std::size_t index;
  };

 private:
  std::vector<Keyed> keyed_, spare_;
  std::vector<std::size_t> order_;
};

/// The language of a function's starter code: "python", "javascript",
/// "typescript", "java", "go", from its `language` property or its runtime
/// (python3.x -> python, nodejs -> javascript, java -> java,
/// provided.al2023 -> go). Empty when libsbd has no starter code for it.
std::string language_of(const Architecture& arch, const Node& fn);
/// The same from a runtime and the `language` property ("" when unset).
std::string language_for(std::string_view runtime, std::string_view language);
/// The function's effective runtime (its property, else the app's).
std::string runtime_of(const Architecture& arch, const Node& fn);

}  // namespace sbd::detail
