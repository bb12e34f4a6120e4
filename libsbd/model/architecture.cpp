#include <sbd/architecture.hpp>

#include "model/build.hpp"
#include "model/graph.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

namespace {
// Which bytes a logical id may hold: 1 for a letter, 2 for a digit. One
// table lookup a byte: every stage checks every id (the readers as they
// add nodes, the template as it writes them plain).
struct IdBytes {
  unsigned char of[256] = {};
  constexpr IdBytes() {
    for (int c = 'a'; c <= 'z'; ++c) of[c] = 1;
    for (int c = 'A'; c <= 'Z'; ++c) of[c] = 1;
    for (int c = '0'; c <= '9'; ++c) of[c] = 2;
  }
};
constexpr IdBytes kIdBytes;
}  // namespace

bool is_valid_logical_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > 255) return false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(id.data());
  if (kIdBytes.of[bytes[0]] != 1) return false;
  unsigned char all = 1;
  for (std::size_t i = 1; i < id.size(); ++i) all &= static_cast<unsigned char>(kIdBytes.of[bytes[i]] != 0);
  return all != 0;
}

bool is_valid_app_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > 128) return false;
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(name[0])) return false;
  for (char c : name)
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '-') return false;
  return true;
}

namespace {

// Node ids -> node indexes: an open-addressing table of (hash, index) slots
// that does not copy the ids (a key is compared through the node list). A
// model of 70,000 nodes keeps it in about 1 MiB, where a
// std::unordered_map<std::string, ...> allocated a node per id and missed the
// cache on every lookup.
class NodeIndex {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  std::size_t find(std::string_view id, const StableVector<Node>& nodes) const noexcept {
    return find(id, hash(id), nodes);
  }
  /// find with the id's hash() computed already.
  std::size_t find(std::string_view id, std::uint32_t h, const StableVector<Node>& nodes) const noexcept {
    return find_by(id, h, [&nodes](std::size_t i) -> std::string_view { return nodes[i].id; });
  }
  /// find with the id of node i given by id_of(i).
  template <class IdOf>
  std::size_t find_by(std::string_view id, std::uint32_t h, const IdOf& id_of) const noexcept {
    if (slots_.empty()) return npos;
    for (std::size_t i = h & mask(); slots_[i].index != 0; i = (i + 1) & mask()) {
      const Slot& s = slots_[i];
      if (s.hash == h && id_of(s.index - 1) == id) return s.index - 1;
    }
    return npos;
  }

  /// Adds nodes[index] by its id (the caller checked it is not there yet).
  void insert(std::string_view id, std::size_t index) { insert_hashed(hash(id), index); }
  void insert_hashed(std::uint32_t h, std::size_t index) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    place(Slot{h, static_cast<std::uint32_t>(index + 1)});
    ++size_;
  }

  /// Room for n ids without growing.
  void reserve(std::size_t n) {
    while ((n + 1) * 2 > slots_.size()) grow();
  }
  /// Adds node index (hash h, id id_of(index)) unless a node of the same id
  /// is there (false): one walk of the probe sequence for both.
  template <class IdOf>
  bool insert_new(std::uint32_t h, std::size_t index, const IdOf& id_of) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::string_view id = id_of(index);
    std::size_t i = h & mask();
    for (; slots_[i].index != 0; i = (i + 1) & mask())
      if (slots_[i].hash == h && id_of(slots_[i].index - 1) == id) return false;
    slots_[i] = Slot{h, static_cast<std::uint32_t>(index + 1)};
    ++size_;
    return true;
  }

  static std::uint32_t hash(std::string_view id) noexcept {
    std::uint32_t h = 2166136261u;  // FNV-1a: ids are short
    for (unsigned char c : id) h = (h ^ c) * 16777619u;
    return h ^ (h >> 15);
  }

  void rebuild(const StableVector<Node>& nodes) {
    slots_.clear();
    size_ = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) insert(nodes[i].id, i);
  }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t index = 0;  // node index + 1; 0 = empty
  };
  std::size_t mask() const noexcept { return slots_.size() - 1; }
  void place(Slot slot) noexcept {
    std::size_t i = slot.hash & mask();
    while (slots_[i].index != 0) i = (i + 1) & mask();
    slots_[i] = slot;
  }
  void grow() {
    std::vector<Slot> old(slots_.empty() ? 64 : slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old)
      if (s.index != 0) place(s);
  }
  std::vector<Slot> slots_;  // size is a power of two, at most half full
  std::size_t size_ = 0;
};

}  // namespace

struct Architecture::Impl {
  std::shared_ptr<const Catalog> catalog;
  AppSettings settings;
  std::string runtime = default_runtime;
  Value runtime_value = Value(std::string(default_runtime));
  StableVector<Node> nodes;
  StableVector<Edge> edges;
  // Each edge's catalog connection, by edge index (connection_of without a
  // visit to the edge's two nodes, which a big model has scattered).
  std::vector<const ConnectionSpec*> connections;
  // Each node's catalog kind, by node index (kind_at; the kind of a node is
  // fixed once it is added).
  std::vector<const KindSpec*> kinds;
  // Each node's id facts, by node index (detail::id_facts; fixed, as the id is).
  std::vector<detail::IdFacts> id_facts;
  // Each node's id, end to end by node index (detail::node_id): a reader of
  // many ids (the validator's messages, the engines' id order, the readers'
  // lookups) reads this block, not nodes a big model has scattered.
  std::string ids;
  std::vector<std::uint32_t> id_ends;  // node i's id ends at id_ends[i]
  std::string_view id_at(std::size_t i) const noexcept {
    const std::uint32_t from = i == 0 ? 0 : id_ends[i - 1];
    return std::string_view(ids.data() + from, id_ends[i] - from);
  }
  // The kind of n: from the table when n is this architecture's node (no
  // lookup by name), else from the catalog (null for a kind it lacks).
  const KindSpec* kind_of(const Node& n) const noexcept {
    return n.index < kinds.size() && &nodes[n.index] == &n ? kinds[n.index] : catalog->kind(n.kind);
  }
  NodeIndex index;
  detail::Graph graph;
  // Bulk building (detail::begin_bulk .. end_bulk, the readers): what
  // add_node and connect need of the nodes kept in compact lists, so that an
  // edge costs no visit to its nodes (at 70,000 nodes, scattered over 27 MB,
  // each visit missed the cache); the graph built once at the end.
  struct Bulk {
    bool on = false;
    std::vector<const KindSpec*> seen;    // the kinds met so far (a handful)
    // Connections by catalog kind ordinals (from * kinds + to), once looked up.
    std::vector<const ConnectionSpec*> connections;
    std::vector<unsigned char> looked_up;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // each edge's node indexes
    // The nodes' hashes (NodeIndex::hash); the index holds the first
    // `indexed` nodes. Adding them in one go, when an edge or the end needs
    // them, walks the index in a tight loop instead of once per node between
    // everything else a node costs (at 70,000 nodes the index is 2 MB).
    std::vector<std::uint32_t> hashes;
    std::size_t indexed = 0;
  };
  Bulk bulk;

  // Brings the index up to date; throws sbd::Error(invalid) for an id met
  // twice, as add_node would have.
  void bulk_index() {
    if (bulk.indexed == nodes.size()) return;
    index.reserve(nodes.size());
    const auto id_of = [this](std::size_t i) { return id_at(i); };
    for (std::size_t i = bulk.indexed; i < nodes.size(); ++i)
      if (!index.insert_new(bulk.hashes[i], i, id_of))
        throw Error(ErrorCode::invalid, "duplicate node id '" + std::string(id_at(i)) + "'");
    bulk.indexed = nodes.size();
  }

  // catalog->kind(kind), the kinds met already first.
  const KindSpec* bulk_kind(std::string_view kind) {
    for (const KindSpec* k : bulk.seen)
      if (k->key == kind) return k;
    const KindSpec* k = catalog->kind(kind);
    if (k && bulk.seen.size() < 64) bulk.seen.push_back(k);
    return k;
  }

  // catalog->connection(a->key, b->key), each pair looked up once.
  const ConnectionSpec* bulk_connection(const KindSpec* a, const KindSpec* b) {
    const std::vector<KindSpec>& kinds = catalog->kinds();
    const std::size_t n = kinds.size();
    const auto ordinal = [&](const KindSpec* k) { return static_cast<std::size_t>(k - kinds.data()); };
    const std::size_t ia = ordinal(a), ib = ordinal(b);
    if (ia >= n || ib >= n) return catalog->connection(a->key, b->key);  // not the catalog's own entry
    if (bulk.connections.empty()) {
      bulk.connections.assign(n * n, nullptr);
      bulk.looked_up.assign(n * n, 0);
    }
    const std::size_t at = ia * n + ib;
    if (!bulk.looked_up[at]) {
      bulk.connections[at] = catalog->connection(a->key, b->key);
      bulk.looked_up[at] = 1;
    }
    return bulk.connections[at];
  }

  // The graph of nodes and edges, built in place with its vertex and edge
  // lists allocated once (after bulk building, each vertex's out and in
  // lists too). Boost's adjacency_list (1.74) has no move assignment:
  // assigning a new graph would copy it; its vertex and edge lists are
  // public members (m_vertices, m_edges), reserved here.
  void rebuild_graph() {
    if (bulk.on) bulk_index();
    graph.clear();
    graph.m_vertices.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) boost::add_vertex(graph);
    graph.m_edges.reserve(edges.size());
    if (bulk.on && bulk.edges.size() == edges.size()) {
      // Every out and in list of a vertex allocated once, at its size.
      std::vector<std::uint32_t> out(nodes.size()), in(nodes.size());
      for (const auto& [from, to] : bulk.edges) {
        ++out[from];
        ++in[to];
      }
      for (std::size_t v = 0; v < nodes.size(); ++v) {
        if (out[v]) graph.m_vertices[v].m_out_edges.reserve(out[v]);
        if (in[v]) graph.m_vertices[v].m_in_edges.reserve(in[v]);
      }
      for (std::size_t i = 0; i < bulk.edges.size(); ++i)
        boost::add_edge(bulk.edges[i].first, bulk.edges[i].second, detail::EdgeProperty{i}, graph);
    } else {
      connections.resize(edges.size());
      for (std::size_t i = 0; i < edges.size(); ++i) {
        Edge& e = edges[i];
        e.index = i;
        connections[i] = catalog->connection(kinds[e.from_index]->key, kinds[e.to_index]->key);
        boost::add_edge(e.from_index, e.to_index, detail::EdgeProperty{i}, graph);
      }
    }
    bulk = Bulk();
  }
};

namespace {

std::shared_ptr<const Catalog> builtin_catalog() {
  // The built-in catalog lives for the whole program: share it without owning.
  return std::shared_ptr<const Catalog>(&Catalog::builtin(), [](const Catalog*) {});
}

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// A name quoted in a message, cut short: an error about a 10 MB id must not be
// 10 MB long.
std::string quoted(std::string_view s) {
  constexpr std::size_t kMax = 80;
  if (s.size() <= kMax) return "'" + std::string(s) + "'";
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
  return "'" + std::string(s.substr(0, cut)) + "...' (" + std::to_string(s.size()) + " bytes)";
}

std::string kind_list(const Catalog& c) {
  std::vector<std::string> keys;
  for (const auto& k : c.kinds()) keys.push_back(k.key);
  return join(keys);
}

void check_property(const KindSpec& kind, std::string_view node_id, const std::string& key,
                    const Value& value) {
  const PropertySpec* spec = kind.property(key);
  if (!spec) {
    std::vector<std::string> names;
    for (const auto& p : kind.properties) names.push_back(p.name);
    throw Error(ErrorCode::invalid,
                "node " + std::string(node_id) + ": " + kind.key + " has no property '" + key + "'" +
                    (names.empty() ? std::string(" (it has none)") : "; its properties: " + join(names)),
                SourceLocation{"", value.line(), value.column()});
  }
  if (!spec->accepts_type(value))
    throw Error(ErrorCode::invalid,
                "node " + std::string(node_id) + ": property '" + key + "' must be " +
                    (spec->type == PropertyType::integer ? "an integer"
                     : spec->type == PropertyType::boolean ? "a boolean (true or false)"
                     : spec->type == PropertyType::number  ? "a number"
                     : spec->type == PropertyType::list    ? "a list"
                     : spec->type == PropertyType::map     ? "a mapping"
                                                           : "a string") +
                    ", not " + value.type_name(),
                SourceLocation{"", value.line(), value.column()});
}

// A Value equal in every field (type, tag, location, content) to the
// Value::map() a new Node or Edge starts with: nothing to move in.
bool is_fresh_map(const Value& v) noexcept {
  return v.is_map() && v.size() == 0 && !v.has_tag() && v.line() == 0 && v.column() == 0;
}

}  // namespace

// add_node and connect, shared by the public functions and the readers'
// (model/build.hpp).
struct ArchitectureAccess {
  static const detail::Graph& graph(const Architecture& arch) { return arch.impl_->graph; }
  static const std::vector<detail::IdFacts>& id_facts(const Architecture& arch) { return arch.impl_->id_facts; }
  static std::string_view node_id(const Architecture& arch, std::size_t index) noexcept {
    return arch.impl_->id_at(index);
  }

  static void begin_bulk(Architecture& arch) {
    Architecture::Impl& impl = *arch.impl_;
    if (impl.nodes.empty()) impl.bulk.on = true;  // else nothing changes
  }
  static void end_bulk(Architecture& arch) {
    if (!arch.impl_->bulk.on) return;
    arch.impl_->bulk_index();
    arch.impl_->rebuild_graph();
  }

  // The id is moved from *movable_id when it is given (it holds id).
  static Node& add_node(Architecture& arch, std::string_view id, std::string* movable_id, std::string_view kind,
                        Value&& properties) {
    Architecture::Impl& impl = *arch.impl_;
    Architecture::Impl::Bulk& bulk = impl.bulk;
    if (!is_valid_logical_id(id))
      throw Error(ErrorCode::invalid,
                  quoted(id) + " is not a valid node id: a CloudFormation logical id is ASCII letters and "
                  "digits, starting with a letter, at most 255 characters");
    const std::uint32_t hash = NodeIndex::hash(id);
    // (In bulk, duplicates are found when the index catches up: bulk_index.)
    if (!bulk.on && impl.index.find(id, hash, impl.nodes) != NodeIndex::npos)
      throw Error(ErrorCode::invalid, "duplicate node id '" + std::string(id) + "'");
    const KindSpec* spec = bulk.on ? impl.bulk_kind(kind) : impl.catalog->kind(kind);
    if (!spec)
      throw Error(ErrorCode::not_found, "node " + std::string(id) + ": unknown kind " + quoted(kind) +
                                            "; the kinds are: " + kind_list(*impl.catalog));
    if (properties.is_null()) properties = Value::map();
    if (!properties.is_map())
      throw Error(ErrorCode::invalid, "node " + std::string(id) + ": properties must be a mapping");
    for (std::size_t i = 0; i < properties.keys().size(); ++i)
      check_property(*spec, id, properties.keys()[i], properties.value_at(i));

    const std::size_t index = impl.nodes.size();
    if (impl.ids.size() + id.size() > std::numeric_limits<std::uint32_t>::max())
      throw Error(ErrorCode::argument, "node " + std::string(id) + ": the ids of a model take at most 4 GiB");
    if (bulk.on) bulk.hashes.push_back(hash);
    if (impl.kinds.size() == impl.kinds.capacity()) impl.kinds.reserve(2 * impl.kinds.size() + 16);
    if (impl.id_facts.size() == impl.id_facts.capacity()) impl.id_facts.reserve(2 * impl.id_facts.size() + 16);
    if (impl.id_ends.size() == impl.id_ends.capacity()) impl.id_ends.reserve(2 * impl.id_ends.size() + 16);
    if (impl.ids.size() + id.size() > impl.ids.capacity())
      impl.ids.reserve(std::max(2 * impl.ids.capacity(), impl.ids.size() + id.size()) + 256);
    Node& n = impl.nodes.emplace_back();
    impl.kinds.push_back(spec);  // (reserved: cannot throw)
    impl.ids.append(id.data(), id.size());  // (reserved)
    impl.id_ends.push_back(static_cast<std::uint32_t>(impl.ids.size()));  // (reserved)
    const auto ends_with = [id](std::string_view end) {
      return id.size() >= end.size() && id.compare(id.size() - end.size(), end.size(), end) == 0;
    };
    impl.id_facts.push_back(detail::IdFacts{static_cast<std::uint8_t>(id.size()), ends_with("Role"), ends_with("Stage")});
    if (movable_id) n.id = std::move(*movable_id);
    else n.id.assign(id.data(), id.size());
    n.kind.assign(kind.data(), kind.size());
    if (!is_fresh_map(properties)) n.properties = std::move(properties);
    n.index = index;
    if (!bulk.on) {
      impl.index.insert_hashed(hash, index);
      boost::add_vertex(impl.graph);
    }
    return n;
  }

  static Edge& connect(Architecture& arch, std::string_view from, std::string_view to, std::string_view action,
                       Value&& properties) {
    Architecture::Impl& impl = *arch.impl_;
    Architecture::Impl::Bulk& bulk = impl.bulk;
    const auto edge_name = [&] { return "edge " + std::string(from) + " -> " + std::string(to); };
    // The two nodes' indexes and kinds (in bulk, from the compact lists).
    std::size_t from_index, to_index;
    const KindSpec *from_kind = nullptr, *to_kind = nullptr;  // in bulk
    const std::string *from_kind_key, *to_kind_key;
    if (bulk.on) {
      impl.bulk_index();
      const auto id_of = [&impl](std::size_t i) { return impl.id_at(i); };
      from_index = impl.index.find_by(from, NodeIndex::hash(from), id_of);
      if (from_index == NodeIndex::npos)
        throw Error(ErrorCode::not_found, edge_name() + ": unknown node '" + std::string(from) + "'");
      to_index = impl.index.find_by(to, NodeIndex::hash(to), id_of);
      if (to_index == NodeIndex::npos)
        throw Error(ErrorCode::not_found, edge_name() + ": unknown node '" + std::string(to) + "'");
      from_kind = impl.kinds[from_index];
      to_kind = impl.kinds[to_index];
      from_kind_key = &from_kind->key;  // what the nodes' kind holds
      to_kind_key = &to_kind->key;
    } else {
      const Node* a = arch.find(from);
      if (!a) throw Error(ErrorCode::not_found, edge_name() + ": unknown node '" + std::string(from) + "'");
      const Node* b = arch.find(to);
      if (!b) throw Error(ErrorCode::not_found, edge_name() + ": unknown node '" + std::string(to) + "'");
      from_index = a->index;
      to_index = b->index;
      from_kind_key = &a->kind;
      to_kind_key = &b->kind;
    }
    const ConnectionSpec* spec = bulk.on ? impl.bulk_connection(from_kind, to_kind)
                                         : impl.catalog->connection(*from_kind_key, *to_kind_key);
    const std::string* default_action = nullptr;
    if (action.empty() && spec) default_action = &spec->default_action();
    if (properties.is_null()) properties = Value::map();
    if (!properties.is_map()) throw Error(ErrorCode::invalid, edge_name() + ": properties must be a mapping");
    if (const ConnectionSpec* c = spec) {
      for (std::size_t i = 0; i < properties.keys().size(); ++i) {
        const std::string& key = properties.keys()[i];
        const PropertySpec* p = c->property(key);
        const Value& value = properties.value_at(i);
        if (!p) {
          std::vector<std::string> names;
          for (const auto& q : c->properties) names.push_back(q.name);
          throw Error(ErrorCode::invalid,
                      edge_name() + ": " + *from_kind_key + " -> " + *to_kind_key + " has no property '" + key +
                          "'" + (names.empty() ? std::string(" (it has none)") : "; its properties: " + join(names)),
                      SourceLocation{"", value.line(), value.column()});
        }
        if (!p->accepts_type(value))
          throw Error(ErrorCode::invalid,
                      edge_name() + ": property '" + key + "' must be of type " + property_type_name(p->type) +
                          ", not " + value.type_name(),
                      SourceLocation{"", value.line(), value.column()});
      }
    }
    const std::size_t index = impl.edges.size();
    if (bulk.on)
      bulk.edges.emplace_back(static_cast<std::uint32_t>(from_index), static_cast<std::uint32_t>(to_index));
    if (impl.connections.size() == impl.connections.capacity())
      impl.connections.reserve(2 * impl.connections.size() + 16);
    Edge& e = impl.edges.emplace_back();
    impl.connections.push_back(spec);  // (reserved: cannot throw)
    e.from.assign(from.data(), from.size());
    e.to.assign(to.data(), to.size());
    if (!action.empty()) e.action.assign(action.data(), action.size());
    else if (default_action) e.action = *default_action;
    else e.action = "connect";
    if (!is_fresh_map(properties)) e.properties = std::move(properties);
    e.index = index;
    e.from_index = from_index;
    e.to_index = to_index;
    if (!bulk.on) boost::add_edge(from_index, to_index, detail::EdgeProperty{index}, impl.graph);
    return e;
  }
};

Architecture::Architecture(std::string app, std::shared_ptr<const Catalog> catalog)
    : impl_(std::make_unique<Impl>()) {
  impl_->catalog = catalog ? std::move(catalog) : builtin_catalog();
  set_name(app);
}

Architecture::~Architecture() = default;
Architecture::Architecture(const Architecture& o) : impl_(std::make_unique<Impl>(*o.impl_)) {}
Architecture& Architecture::operator=(const Architecture& o) {
  if (this != &o) impl_ = std::make_unique<Impl>(*o.impl_);
  return *this;
}
Architecture::Architecture(Architecture&&) noexcept = default;
Architecture& Architecture::operator=(Architecture&&) noexcept = default;

const Catalog& Architecture::catalog() const noexcept { return *impl_->catalog; }
std::shared_ptr<const Catalog> Architecture::catalog_ptr() const noexcept { return impl_->catalog; }
AppSettings& Architecture::settings() noexcept { return impl_->settings; }
const AppSettings& Architecture::settings() const noexcept { return impl_->settings; }
const std::string& Architecture::name() const noexcept { return impl_->settings.name; }
const std::string& Architecture::runtime() const noexcept { return impl_->runtime; }

void Architecture::set_runtime(const std::string& runtime) {
  if (runtime.empty()) throw Error(ErrorCode::argument, "the runtime must not be empty");
  impl_->runtime = runtime;
  impl_->runtime_value = Value(runtime);
}

void Architecture::set_name(const std::string& app) {
  if (!is_valid_app_name(app))
    throw Error(ErrorCode::invalid,
                quoted(app) + " is not a valid app name: a letter, then letters, digits or '-', at most 128");
  impl_->settings.name = app;
}

Node& Architecture::add_node(const std::string& id, const std::string& kind, Value properties) {
  return ArchitectureAccess::add_node(*this, id, nullptr, kind, std::move(properties));
}

Edge& Architecture::connect(const std::string& from, const std::string& to, const std::string& action,
                            Value properties) {
  return ArchitectureAccess::connect(*this, from, to, action, std::move(properties));
}

void Architecture::set_property(const std::string& id, const std::string& key, Value value) {
  Node& n = node(id);
  check_property(*impl_->catalog->kind(n.kind), id, key, value);
  n.properties.set(key, std::move(value));
}

void Architecture::remove_edge(std::size_t edge_index) {
  if (edge_index >= impl_->edges.size()) throw Error(ErrorCode::argument, "edge index out of range");
  impl_->edges.erase_at(edge_index);
  // Rebuild the graph: edge indexes shift down. O(V + E), as removal is rare.
  impl_->rebuild_graph();
}

void Architecture::remove_node(const std::string& id) {
  const std::size_t victim = node(id).index;
  StableVector<Edge> kept;
  for (std::size_t i = 0; i < impl_->edges.size(); ++i) {
    Edge& e = impl_->edges[i];
    if (e.from_index != victim && e.to_index != victim) kept.emplace_back(std::move(e));
  }
  impl_->nodes.erase_at(victim);
  impl_->kinds.erase(impl_->kinds.begin() + static_cast<std::ptrdiff_t>(victim));
  impl_->id_facts.erase(impl_->id_facts.begin() + static_cast<std::ptrdiff_t>(victim));
  {
    const std::uint32_t from = victim == 0 ? 0 : impl_->id_ends[victim - 1];
    const std::uint32_t size = impl_->id_ends[victim] - from;
    impl_->ids.erase(from, size);
    impl_->id_ends.erase(impl_->id_ends.begin() + static_cast<std::ptrdiff_t>(victim));
    for (std::size_t i = victim; i < impl_->id_ends.size(); ++i) impl_->id_ends[i] -= size;
  }
  for (std::size_t i = 0; i < impl_->nodes.size(); ++i) impl_->nodes[i].index = i;
  impl_->index.rebuild(impl_->nodes);
  impl_->edges = std::move(kept);
  for (std::size_t i = 0; i < impl_->edges.size(); ++i) {
    Edge& e = impl_->edges[i];
    e.from_index = impl_->index.find(e.from, impl_->nodes);
    e.to_index = impl_->index.find(e.to, impl_->nodes);
  }
  impl_->rebuild_graph();
}

std::size_t Architecture::node_count() const noexcept { return impl_->nodes.size(); }
std::size_t Architecture::edge_count() const noexcept { return impl_->edges.size(); }

const Node* Architecture::find(std::string_view id) const noexcept {
  const std::size_t i = impl_->index.find(id, impl_->nodes);
  return i == NodeIndex::npos ? nullptr : &impl_->nodes[i];
}

Node* Architecture::find(std::string_view id) noexcept {
  return const_cast<Node*>(static_cast<const Architecture*>(this)->find(id));
}

const Node& Architecture::node(std::string_view id) const {
  const Node* n = find(id);
  if (!n) throw Error(ErrorCode::not_found, "no node '" + std::string(id) + "'");
  return *n;
}

Node& Architecture::node(std::string_view id) {
  return const_cast<Node&>(static_cast<const Architecture*>(this)->node(id));
}

const StableVector<Node>& Architecture::nodes() const noexcept { return impl_->nodes; }
const StableVector<Edge>& Architecture::edges() const noexcept { return impl_->edges; }

std::vector<std::size_t> Architecture::out_edge_indexes(std::size_t node_index) const {
  std::vector<std::size_t> out;
  out_edge_indexes(node_index, out);
  return out;
}

std::vector<std::size_t> Architecture::in_edge_indexes(std::size_t node_index) const {
  std::vector<std::size_t> out;
  in_edge_indexes(node_index, out);
  return out;
}

void Architecture::out_edge_indexes(std::size_t node_index, std::vector<std::size_t>& out) const {
  if (node_index >= impl_->nodes.size()) throw Error(ErrorCode::argument, "node index out of range");
  out.clear();
  for (auto [it, end] = boost::out_edges(node_index, impl_->graph); it != end; ++it)
    out.push_back(impl_->graph[*it].index);
  std::sort(out.begin(), out.end());
}

void Architecture::in_edge_indexes(std::size_t node_index, std::vector<std::size_t>& out) const {
  if (node_index >= impl_->nodes.size()) throw Error(ErrorCode::argument, "node index out of range");
  out.clear();
  for (auto [it, end] = boost::in_edges(node_index, impl_->graph); it != end; ++it)
    out.push_back(impl_->graph[*it].index);
  std::sort(out.begin(), out.end());
}

std::vector<const Edge*> Architecture::out_edges(std::string_view id) const {
  std::vector<const Edge*> out;
  for (std::size_t e : out_edge_indexes(node(id).index)) out.push_back(&impl_->edges[e]);
  return out;
}

std::vector<const Edge*> Architecture::in_edges(std::string_view id) const {
  std::vector<const Edge*> out;
  for (std::size_t e : in_edge_indexes(node(id).index)) out.push_back(&impl_->edges[e]);
  return out;
}

const Value* Architecture::property(const Node& n, std::string_view key) const noexcept {
  if (const Value* v = n.properties.find(key)) return v;
  if (key == "runtime" && std::string_view(n.kind) == "fn") return &impl_->runtime_value;
  const KindSpec* spec = impl_->kind_of(n);
  if (!spec) return nullptr;
  const PropertySpec* p = spec->property(key);
  return p && !p->default_value.is_null() ? &p->default_value : nullptr;
}

const Value* Architecture::property(const Edge& e, std::string_view key) const noexcept {
  if (const Value* v = e.properties.find(key)) return v;
  const ConnectionSpec* c = connection_of(e);
  if (!c) return nullptr;
  const PropertySpec* p = c->property(key);
  return p && !p->default_value.is_null() ? &p->default_value : nullptr;
}

const KindSpec& Architecture::kind_at(std::size_t node_index) const { return *impl_->kinds.at(node_index); }

const KindSpec& Architecture::kind_of(const Node& n) const {
  const KindSpec* spec = impl_->kind_of(n);
  if (!spec) throw Error(ErrorCode::internal, "node " + n.id + " has unknown kind " + n.kind);
  return *spec;
}

const ConnectionSpec* Architecture::connection_of(const Edge& e) const noexcept {
  if (e.index < impl_->connections.size() && &impl_->edges[e.index] == &e) return impl_->connections[e.index];
  if (e.from_index >= impl_->nodes.size() || e.to_index >= impl_->nodes.size()) return nullptr;
  return impl_->catalog->connection(impl_->nodes[e.from_index].kind, impl_->nodes[e.to_index].kind);
}

std::vector<std::string> Architecture::sorted_ids() const {
  std::vector<std::string> ids;
  ids.reserve(impl_->nodes.size());
  for (const auto& n : impl_->nodes) ids.push_back(n.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

SBD_INLINE_NAMESPACE_END

namespace detail {
const Graph& graph_of(const Architecture& arch) { return ArchitectureAccess::graph(arch); }
const std::vector<IdFacts>& id_facts(const Architecture& arch) noexcept { return ArchitectureAccess::id_facts(arch); }
std::string_view node_id(const Architecture& arch, std::size_t index) noexcept {
  return ArchitectureAccess::node_id(arch, index);
}

Node& add_node(Architecture& arch, std::string&& id, std::string_view kind, Value&& properties) {
  return ArchitectureAccess::add_node(arch, id, &id, kind, std::move(properties));
}

Edge& connect(Architecture& arch, std::string_view from, std::string_view to, std::string_view action,
              Value&& properties) {
  return ArchitectureAccess::connect(arch, from, to, action, std::move(properties));
}

void begin_bulk(Architecture& arch) { ArchitectureAccess::begin_bulk(arch); }
void end_bulk(Architecture& arch) { ArchitectureAccess::end_bulk(arch); }
}  // namespace detail

}  // namespace sbd
