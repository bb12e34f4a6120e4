// libsbd: the typed architecture graph. Nodes are serverless resources,
// edges their relationships. Boost.Graph works underneath; this header needs
// no Boost.
#pragma once

#include <sbd/catalog.hpp>
#include <sbd/error.hpp>
#include <sbd/value.hpp>
#include <sbd/version.hpp>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

struct Position {
  double x = 0;
  double y = 0;
  friend bool operator==(const Position& a, const Position& b) noexcept {
    return a.x == b.x && a.y == b.y;
  }
};

struct Node {
  std::string id;            ///< the CloudFormation logical id
  std::string kind;          ///< a catalog kind key
  std::string description;
  std::optional<Position> position;
  Value properties = Value::map();  ///< kind properties the model sets (no defaults)
  Value overrides;                  ///< null or a map merged into the emitted Properties
  Value extensions = Value::map();  ///< `x-` keys, kept untouched
  SourceLocation location;          ///< where the node was read, if it was
  std::size_t index = 0;            ///< 0..node_count()-1, in insertion order
};

struct Edge {
  std::string from;
  std::string to;
  std::string action;               ///< never empty once added
  Value properties = Value::map();  ///< edge properties (batch_size, prefix, ...)
  SourceLocation location;
  std::size_t index = 0;            ///< 0..edge_count()-1, in insertion order
  std::size_t from_index = 0;       ///< Node::index of from
  std::size_t to_index = 0;         ///< Node::index of to
};

/// SAM DeploymentPreference of the app's functions.
struct Deployment {
  std::string type;                 ///< e.g. "Canary10Percent5Minutes"
  std::vector<std::string> alarms;  ///< alarm node ids
  std::string pre_traffic;          ///< function node id, or empty
  std::string post_traffic;         ///< function node id, or empty
  SourceLocation location;
};

/// App-level settings.
struct AppSettings {
  std::string name = "app";
  std::string description;
  // The default runtime is not here: Architecture::runtime() / set_runtime().
  std::optional<Deployment> deployment;
  Value extensions = Value::map();  ///< top-level `x-` keys
};

struct ArchitectureAccess;

inline constexpr const char* default_runtime = "python3.13";

/// True for a valid CloudFormation logical id: ASCII letters and digits, a
/// letter first, at most 255 characters.
bool is_valid_logical_id(std::string_view id) noexcept;
/// True for a valid app name: a letter, then letters, digits or '-', at most 128.
bool is_valid_app_name(std::string_view name) noexcept;

class Architecture {
 public:
  /// An empty architecture named app (validated as an app name), using catalog
  /// (the built-in one by default; it is shared, not copied).
  explicit Architecture(std::string app = "app",
                        std::shared_ptr<const Catalog> catalog = nullptr);
  ~Architecture();
  Architecture(const Architecture&);
  Architecture& operator=(const Architecture&);
  Architecture(Architecture&&) noexcept;
  Architecture& operator=(Architecture&&) noexcept;

  const Catalog& catalog() const noexcept;
  std::shared_ptr<const Catalog> catalog_ptr() const noexcept;

  AppSettings& settings() noexcept;
  const AppSettings& settings() const noexcept;
  const std::string& name() const noexcept;  ///< settings().name
  /// The app's default runtime of functions (python3.13 unless set).
  const std::string& runtime() const noexcept;
  void set_runtime(const std::string& runtime);
  /// Renames the app (checked as an app name; throws sbd::Error(invalid)).
  void set_name(const std::string& app);

  /// Adds a node. Throws sbd::Error: `invalid` for an id that is not a valid
  /// logical id or already exists, `not_found` for a kind the catalog lacks
  /// (the message lists the kinds), `invalid` for a property the kind does not
  /// have or of the wrong type. Returns the node, whose reference stays valid.
  Node& add_node(const std::string& id, const std::string& kind, Value properties = Value::map());
  /// Adds an edge. An empty action means the default action of the pair in
  /// the catalog (or "" kept as "connect" when the catalog has no such pair:
  /// the validator reports it). Throws sbd::Error(not_found) for an unknown
  /// node, (invalid) for the same (from, to, action) twice.
  Edge& connect(const std::string& from, const std::string& to, const std::string& action = "",
                Value properties = Value::map());
  /// Sets one property of a node, checked as add_node checks it.
  void set_property(const std::string& id, const std::string& key, Value value);
  /// Removes a node and its edges; indexes of later nodes and edges shift down.
  void remove_node(const std::string& id);
  /// Removes one edge by index.
  void remove_edge(std::size_t edge_index);

  std::size_t node_count() const noexcept;
  std::size_t edge_count() const noexcept;
  bool empty() const noexcept { return node_count() == 0; }

  /// O(1) lookups; nullptr when absent.
  const Node* find(std::string_view id) const noexcept;
  Node* find(std::string_view id) noexcept;
  /// Like find, but throws sbd::Error(not_found) naming the id.
  const Node& node(std::string_view id) const;
  Node& node(std::string_view id);

  /// All nodes and edges, in insertion order (the order of the model file).
  const std::deque<Node>& nodes() const noexcept;
  const std::deque<Edge>& edges() const noexcept;
  const Node& node_at(std::size_t index) const { return nodes().at(index); }
  const Edge& edge_at(std::size_t index) const { return edges().at(index); }

  /// The edges leaving / entering a node, in insertion order of the edges.
  std::vector<const Edge*> out_edges(std::string_view id) const;
  std::vector<const Edge*> in_edges(std::string_view id) const;
  /// The same by node index: edge indexes, in insertion order of the edges.
  std::vector<std::size_t> out_edge_indexes(std::size_t node_index) const;
  std::vector<std::size_t> in_edge_indexes(std::size_t node_index) const;

  /// The effective value of a node's property: what the model sets, else the
  /// catalog default (fn.runtime defaults to the app's runtime); nullptr when
  /// neither exists.
  const Value* property(const Node& node, std::string_view key) const noexcept;
  /// The same for an edge property.
  const Value* property(const Edge& edge, std::string_view key) const noexcept;
  /// The catalog entry of a node's kind (never null for a node that was added).
  const KindSpec& kind_of(const Node& node) const;
  /// The catalog's connection for an edge's pair of kinds, or nullptr.
  const ConnectionSpec* connection_of(const Edge& edge) const noexcept;

  /// Node ids sorted (for deterministic output that must not depend on order).
  std::vector<std::string> sorted_ids() const;

 private:
  friend struct ArchitectureAccess;  // the library's internals (graph algorithms)
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
