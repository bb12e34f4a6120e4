// libsbd: the typed architecture graph. Nodes are serverless resources,
// edges their relationships. Boost.Graph works underneath; this header needs
// no Boost.
#pragma once

#include <sbd/catalog.hpp>
#include <sbd/error.hpp>
#include <sbd/value.hpp>
#include <sbd/version.hpp>

#include <cstddef>
#include <iterator>
#include <new>
#include <stdexcept>
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

/// The container of an architecture's nodes and edges: a sequence whose
/// elements never move while elements are added (references stay valid, as
/// in a std::deque), stored in chunks of 64 so that walking it is a walk over
/// a few contiguous blocks. Read-only outside the Architecture: size, empty,
/// operator[], at, front, back and random-access iteration.
template <class T>
class StableVector {
 public:
  static constexpr std::size_t chunk_size = 64;

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    const_iterator() = default;
    const_iterator(const StableVector* list, std::size_t i) : list_(list), i_(i) {}
    reference operator*() const { return (*list_)[i_]; }
    pointer operator->() const { return &(*list_)[i_]; }
    reference operator[](difference_type n) const { return (*list_)[i_ + static_cast<std::size_t>(n)]; }
    const_iterator& operator++() { ++i_; return *this; }
    const_iterator operator++(int) { auto t = *this; ++i_; return t; }
    const_iterator& operator--() { --i_; return *this; }
    const_iterator operator--(int) { auto t = *this; --i_; return t; }
    const_iterator& operator+=(difference_type n) { i_ = static_cast<std::size_t>(static_cast<difference_type>(i_) + n); return *this; }
    const_iterator& operator-=(difference_type n) { return *this += -n; }
    friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
    friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
    friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }
    friend bool operator!=(const const_iterator& a, const const_iterator& b) { return a.i_ != b.i_; }
    friend bool operator<(const const_iterator& a, const const_iterator& b) { return a.i_ < b.i_; }
    friend bool operator>(const const_iterator& a, const const_iterator& b) { return a.i_ > b.i_; }
    friend bool operator<=(const const_iterator& a, const const_iterator& b) { return a.i_ <= b.i_; }
    friend bool operator>=(const const_iterator& a, const const_iterator& b) { return a.i_ >= b.i_; }

   private:
    const StableVector* list_ = nullptr;
    std::size_t i_ = 0;
  };
  using iterator = const_iterator;
  using value_type = T;
  using size_type = std::size_t;

  StableVector() = default;
  StableVector(const StableVector& o) {
    for (const T& x : o) emplace_back(x);
  }
  StableVector(StableVector&& o) noexcept : chunks_(std::move(o.chunks_)), size_(o.size_) { o.size_ = 0; }
  StableVector& operator=(const StableVector& o) {
    if (this != &o) {
      StableVector copy(o);
      *this = std::move(copy);
    }
    return *this;
  }
  StableVector& operator=(StableVector&& o) noexcept {
    if (this != &o) {
      clear();
      chunks_ = std::move(o.chunks_);
      size_ = o.size_;
      o.size_ = 0;
    }
    return *this;
  }
  ~StableVector() { clear(); }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  const T& operator[](std::size_t i) const noexcept { return *slot(i); }
  T& operator[](std::size_t i) noexcept { return *slot(i); }
  const T& at(std::size_t i) const {
    if (i >= size_) throw std::out_of_range("StableVector::at");
    return *slot(i);
  }
  const T& front() const { return at(0); }
  const T& back() const { return at(size_ - 1); }
  const_iterator begin() const noexcept { return const_iterator(this, 0); }
  const_iterator end() const noexcept { return const_iterator(this, size_); }
  const_iterator cbegin() const noexcept { return begin(); }
  const_iterator cend() const noexcept { return end(); }

  /// Appends an element (library use).
  template <class... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == chunks_.size() * chunk_size) chunks_.emplace_back(new Chunk);
    T* p = new (static_cast<void*>(raw(size_))) T(std::forward<Args>(args)...);
    ++size_;
    return *p;
  }
  /// Removes element i; later elements move down one place (library use).
  void erase_at(std::size_t i) {
    for (std::size_t j = i; j + 1 < size_; ++j) *slot(j) = std::move(*slot(j + 1));
    slot(size_ - 1)->~T();
    --size_;
  }
  void clear() noexcept {
    for (std::size_t i = 0; i < size_; ++i) slot(i)->~T();
    size_ = 0;
    chunks_.clear();
  }

 private:
  struct Chunk {
    alignas(T) unsigned char bytes[sizeof(T) * chunk_size];
  };
  void* raw(std::size_t i) const noexcept {
    return chunks_[i / chunk_size]->bytes + sizeof(T) * (i % chunk_size);
  }
  T* slot(std::size_t i) const noexcept { return std::launder(static_cast<T*>(raw(i))); }

  std::vector<std::unique_ptr<Chunk>> chunks_;
  std::size_t size_ = 0;
};

// The fields of Node and Edge are ordered by use: what every stage reads of
// every node or edge (ids, kind, action, indexes, whether properties are set)
// comes first and shares the first cache lines; a big model is walked once
// per stage, from memory.
/// A node's id and kind are fixed once it is added (the architecture indexes
/// both): to change them, remove the node and add it again.
struct Node {
  std::string id;            ///< the CloudFormation logical id
  std::string kind;          ///< a catalog kind key
  std::size_t index = 0;            ///< 0..node_count()-1, in insertion order
  Value properties = Value::map();  ///< kind properties the model sets (no defaults)
  SourceLocation location;          ///< where the node was read, if it was
  Value overrides;                  ///< null or a map merged into the emitted Properties
  Value extensions = Value::map();  ///< `x-` keys, kept untouched
  std::string description;
  std::optional<Position> position;
};

struct Edge {
  std::size_t from_index = 0;       ///< Node::index of from
  std::size_t to_index = 0;         ///< Node::index of to
  std::size_t index = 0;            ///< 0..edge_count()-1, in insertion order
  std::string action;               ///< never empty once added
  Value properties = Value::map();  ///< edge properties (batch_size, prefix, ...)
  std::string from;
  std::string to;
  SourceLocation location;
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
  const StableVector<Node>& nodes() const noexcept;
  const StableVector<Edge>& edges() const noexcept;
  const Node& node_at(std::size_t index) const { return nodes().at(index); }
  const Edge& edge_at(std::size_t index) const { return edges().at(index); }

  /// The edges leaving / entering a node, in insertion order of the edges.
  std::vector<const Edge*> out_edges(std::string_view id) const;
  std::vector<const Edge*> in_edges(std::string_view id) const;
  /// The same by node index: edge indexes, in insertion order of the edges.
  std::vector<std::size_t> out_edge_indexes(std::size_t node_index) const;
  std::vector<std::size_t> in_edge_indexes(std::size_t node_index) const;
  /// The same into a vector of the caller's (cleared first), which keeps its
  /// memory from one call to the next: for code that asks for every node.
  void out_edge_indexes(std::size_t node_index, std::vector<std::size_t>& into) const;
  void in_edge_indexes(std::size_t node_index, std::vector<std::size_t>& into) const;

  /// The effective value of a node's property: what the model sets, else the
  /// catalog default (fn.runtime defaults to the app's runtime); nullptr when
  /// neither exists.
  const Value* property(const Node& node, std::string_view key) const noexcept;
  /// The same for an edge property.
  const Value* property(const Edge& edge, std::string_view key) const noexcept;
  /// The catalog entry of a node's kind (never null for a node that was added).
  const KindSpec& kind_of(const Node& node) const;
  /// The same by node index, without reading the node (std::out_of_range for
  /// an index past the nodes, as node_at).
  const KindSpec& kind_at(std::size_t node_index) const;
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
