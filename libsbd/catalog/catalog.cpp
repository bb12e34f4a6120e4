#include <sbd/catalog.hpp>
#include <sbd/error.hpp>

#include "read/parse.hpp"

#include <cstdint>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

namespace sbd_detail {
extern const char* const catalog_yaml;
}

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

const char* property_type_name(PropertyType t) noexcept {
  switch (t) {
    case PropertyType::string: return "string";
    case PropertyType::integer: return "integer";
    case PropertyType::number: return "number";
    case PropertyType::boolean: return "boolean";
    case PropertyType::list: return "list";
    case PropertyType::map: return "map";
    case PropertyType::any: return "any";
  }
  return "any";
}

const char* invocation_name(Invocation i) noexcept {
  switch (i) {
    case Invocation::none: return "";
    case Invocation::sync: return "sync";
    case Invocation::async: return "async";
    case Invocation::stream: return "stream";
    case Invocation::poll: return "poll";
  }
  return "";
}

bool PropertySpec::accepts_type(const Value& v) const noexcept {
  switch (type) {
    case PropertyType::string: return v.is_string();
    case PropertyType::integer: return v.is_int();
    case PropertyType::number: return v.is_number();
    case PropertyType::boolean: return v.is_bool();
    case PropertyType::list: return v.is_list();
    case PropertyType::map: return v.is_map();
    case PropertyType::any: return true;
  }
  return false;
}

const PropertySpec* KindSpec::property(std::string_view n) const noexcept {
  for (const auto& p : properties)
    if (p.name == n) return &p;
  return nullptr;
}

bool ConnectionSpec::allows(std::string_view action) const noexcept {
  for (const auto& a : actions)
    if (a == action) return true;
  return false;
}

const PropertySpec* ConnectionSpec::property(std::string_view n) const noexcept {
  for (const auto& p : properties)
    if (p.name == n) return &p;
  return nullptr;
}

struct Catalog::Impl {
  std::vector<KindSpec> kinds;
  std::vector<ConnectionSpec> connections;
  std::vector<RuntimeSpec> runtimes;
  std::unordered_map<std::string, std::size_t> kind_index;
  std::unordered_map<std::string, std::size_t> connection_index;  // "from\nto"
  std::unordered_map<std::string, std::size_t> runtime_index;
  // Fast lookups for the hot paths (every node and edge of a model asks):
  // kinds by a view of their key (views into `kinds`, rebuilt by reindex()
  // and after a copy), and connections by the pair of kind indexes.
  std::vector<std::ptrdiff_t> kind_slots;   // open addressing on kind_hash: an index in kinds, -1 empty
  std::vector<std::ptrdiff_t> pair_matrix;  // kinds.size()^2, -1 for none

  // A few bytes of the key (kind keys differ in length, ends or middle):
  // cheaper than hashing every byte, for the lookups every node makes.
  static std::size_t kind_hash(std::string_view k) {
    std::uint64_t h = k.size();
    if (!k.empty())
      h = h * 131 + static_cast<unsigned char>(k.front()) * 31u + static_cast<unsigned char>(k.back()) * 7u +
          static_cast<unsigned char>(k[k.size() / 2]);
    return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ULL) >> 40);
  }
  std::ptrdiff_t find_kind(std::string_view k) const {
    const std::size_t mask = kind_slots.size() - 1;
    for (std::size_t at = kind_hash(k) & mask; kind_slots[at] >= 0; at = (at + 1) & mask)
      if (kinds[static_cast<std::size_t>(kind_slots[at])].key == k) return kind_slots[at];
    return -1;
  }

  static std::string pair_key(std::string_view from, std::string_view to) {
    std::string k(from);
    k += '\n';
    k.append(to.data(), to.size());
    return k;
  }

  void reindex() {
    kind_index.clear();
    connection_index.clear();
    runtime_index.clear();
    for (std::size_t i = 0; i < kinds.size(); ++i) kind_index[kinds[i].key] = i;
    for (std::size_t i = 0; i < connections.size(); ++i)
      connection_index[pair_key(connections[i].from, connections[i].to)] = i;
    for (std::size_t i = 0; i < runtimes.size(); ++i) runtime_index[runtimes[i].name] = i;
    std::size_t slots = 8;
    while (slots < 4 * kinds.size()) slots *= 2;
    kind_slots.assign(slots, -1);
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      std::size_t at = kind_hash(kinds[i].key) & (slots - 1);
      while (kind_slots[at] >= 0 && kinds[static_cast<std::size_t>(kind_slots[at])].key != kinds[i].key)
        at = (at + 1) & (slots - 1);
      kind_slots[at] = static_cast<std::ptrdiff_t>(i);  // a repeated key: the last, as kind_index
    }
    const std::size_t k = kinds.size();
    pair_matrix.assign(k * k, -1);
    for (std::size_t i = 0; i < connections.size(); ++i) {
      const std::ptrdiff_t a = find_kind(connections[i].from), b = find_kind(connections[i].to);
      if (a >= 0 && b >= 0)
        pair_matrix[static_cast<std::size_t>(a) * k + static_cast<std::size_t>(b)] = static_cast<std::ptrdiff_t>(i);
    }
  }
};

Catalog::Catalog() : impl_(std::make_unique<Impl>()) {}
Catalog::~Catalog() = default;
Catalog::Catalog(const Catalog& o) : impl_(std::make_unique<Impl>(*o.impl_)) { impl_->reindex(); }
Catalog& Catalog::operator=(const Catalog& o) {
  if (this != &o) {
    impl_ = std::make_unique<Impl>(*o.impl_);
    impl_->reindex();  // the views must point into this catalog's kinds
  }
  return *this;
}
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;

namespace {

struct Parsed {
  std::vector<KindSpec> kinds;
  std::vector<ConnectionSpec> connections;
  std::vector<RuntimeSpec> runtimes;
};

class CatalogParser {
 public:
  explicit CatalogParser(const std::string& source) : source_(source) {}

  [[noreturn]] void fail(const Value& at, const std::string& msg) const {
    throw Error(ErrorCode::parse, msg, SourceLocation{source_, at.line(), at.column()});
  }

  const Value& expect(const Value& v, Value::Type t, const std::string& what) const {
    if (v.type() != t)
      fail(v, what + ": expected " + Value::type_name(t) + ", got " + v.type_name());
    return v;
  }

  std::string string_of(const Value& v, const std::string& what) const {
    return expect(v, Value::Type::string, what).as_string();
  }

  PropertyType type_of(const Value& v) const {
    const std::string t = string_of(v, "type");
    if (t == "string") return PropertyType::string;
    if (t == "integer") return PropertyType::integer;
    if (t == "number") return PropertyType::number;
    if (t == "boolean") return PropertyType::boolean;
    if (t == "list") return PropertyType::list;
    if (t == "map") return PropertyType::map;
    if (t == "any") return PropertyType::any;
    fail(v, "unknown property type '" + t + "': expected string, integer, number, boolean, list, map or any");
  }

  std::vector<PropertySpec> properties(const Value& v) const {
    std::vector<PropertySpec> out;
    if (v.is_null()) return out;
    expect(v, Value::Type::map, "properties");
    for (std::size_t i = 0; i < v.keys().size(); ++i) {
      const Value& p = expect(v.value_at(i), Value::Type::map, "property " + v.keys()[i]);
      PropertySpec spec;
      spec.name = v.keys()[i];
      for (std::size_t j = 0; j < p.keys().size(); ++j) {
        const std::string& k = p.keys()[j];
        const Value& x = p.value_at(j);
        if (k == "type") spec.type = type_of(x);
        else if (k == "default") spec.default_value = x;
        else if (k == "min") spec.min = expect_number(x, "min");
        else if (k == "max") spec.max = expect_number(x, "max");
        else if (k == "description") spec.description = string_of(x, "description");
        else if (k == "choices") {
          expect(x, Value::Type::list, "choices");
          for (const Value& c : x.items()) spec.choices.push_back(string_of(c, "choice"));
        } else fail(x, "unknown key '" + k + "' in property " + spec.name +
                           ": expected type, default, min, max, choices or description");
      }
      if (!spec.default_value.is_null() && !spec.accepts_type(spec.default_value))
        fail(p, "the default of property " + spec.name + " is not of type " + property_type_name(spec.type));
      out.push_back(std::move(spec));
    }
    return out;
  }

  double expect_number(const Value& v, const std::string& what) const {
    if (!v.is_number()) fail(v, what + ": expected a number, got " + v.type_name());
    return v.as_number();
  }

  Parsed parse(const Value& doc) const {
    Parsed impl;
    if (!doc.is_map()) fail(doc, "a catalog is a mapping with kinds, connections and runtimes");
    for (std::size_t i = 0; i < doc.keys().size(); ++i) {
      const std::string& section = doc.keys()[i];
      const Value& v = doc.value_at(i);
      if (section == "kinds") kinds(v, impl);
      else if (section == "connections") connections(v, impl);
      else if (section == "runtimes") runtimes(v, impl);
      else fail(v, "unknown catalog section '" + section + "': expected kinds, connections or runtimes");
    }
    return impl;
  }

  void kinds(const Value& v, Parsed& impl) const {
    expect(v, Value::Type::map, "kinds");
    for (std::size_t i = 0; i < v.keys().size(); ++i) {
      const Value& k = expect(v.value_at(i), Value::Type::map, "kind " + v.keys()[i]);
      KindSpec spec;
      spec.key = v.keys()[i];
      for (std::size_t j = 0; j < k.keys().size(); ++j) {
        const std::string& key = k.keys()[j];
        const Value& x = k.value_at(j);
        if (key == "name") spec.name = string_of(x, "name");
        else if (key == "category") spec.category = string_of(x, "category");
        else if (key == "sam") spec.sam_type = string_of(x, "sam");
        else if (key == "description") spec.description = string_of(x, "description");
        else if (key == "properties") spec.properties = properties(x);
        else fail(x, "unknown key '" + key + "' in kind " + spec.key +
                         ": expected name, category, sam, description or properties");
      }
      if (spec.name.empty()) spec.name = spec.key;
      impl.kinds.push_back(std::move(spec));
    }
  }

  void connections(const Value& v, Parsed& impl) const {
    expect(v, Value::Type::list, "connections");
    for (const Value& c : v.items()) {
      expect(c, Value::Type::map, "connection");
      ConnectionSpec spec;
      for (std::size_t j = 0; j < c.keys().size(); ++j) {
        const std::string& key = c.keys()[j];
        const Value& x = c.value_at(j);
        if (key == "from") spec.from = string_of(x, "from");
        else if (key == "to") spec.to = string_of(x, "to");
        else if (key == "sam") spec.sam = string_of(x, "sam");
        else if (key == "properties") spec.properties = properties(x);
        else if (key == "actions") {
          expect(x, Value::Type::list, "actions");
          for (const Value& a : x.items()) spec.actions.push_back(string_of(a, "action"));
        } else if (key == "invocation") {
          const std::string s = string_of(x, "invocation");
          if (s == "sync") spec.invocation = Invocation::sync;
          else if (s == "async") spec.invocation = Invocation::async;
          else if (s == "stream") spec.invocation = Invocation::stream;
          else if (s == "poll") spec.invocation = Invocation::poll;
          else if (s == "none" || s.empty()) spec.invocation = Invocation::none;
          else fail(x, "unknown invocation '" + s + "': expected sync, async, stream, poll or none");
        } else fail(x, "unknown key '" + key + "' in a connection: expected from, to, actions, invocation, sam or properties");
      }
      if (spec.from.empty() || spec.to.empty()) fail(c, "a connection needs from and to");
      if (spec.actions.empty()) fail(c, "connection " + spec.from + " -> " + spec.to + " has no actions");
      impl.connections.push_back(std::move(spec));
    }
  }

  void runtimes(const Value& v, Parsed& impl) const {
    expect(v, Value::Type::map, "runtimes");
    for (std::size_t i = 0; i < v.keys().size(); ++i) {
      const Value& r = v.value_at(i);
      RuntimeSpec spec;
      spec.name = v.keys()[i];
      if (!r.is_null()) {
        expect(r, Value::Type::map, "runtime " + spec.name);
        for (std::size_t j = 0; j < r.keys().size(); ++j) {
          const std::string& key = r.keys()[j];
          const Value& x = r.value_at(j);
          if (key == "family") spec.family = string_of(x, "family");
          else if (key == "deprecated") spec.deprecated = string_of(x, "deprecated");
          else if (key == "block_create") spec.block_create = string_of(x, "block_create");
          else if (key == "block_update") spec.block_update = string_of(x, "block_update");
          else if (key == "successor") spec.successor = string_of(x, "successor");
          else if (key == "starter_code") spec.starter_code = expect(x, Value::Type::boolean, "starter_code").as_bool();
          else fail(x, "unknown key '" + key + "' in runtime " + spec.name);
        }
      }
      impl.runtimes.push_back(std::move(spec));
    }
  }

 private:
  const std::string& source_;
};

void merge_properties(std::vector<PropertySpec>& into, const std::vector<PropertySpec>& from) {
  for (const auto& p : from) {
    bool replaced = false;
    for (auto& q : into)
      if (q.name == p.name) q = p, replaced = true;
    if (!replaced) into.push_back(p);
  }
}

}  // namespace

Catalog Catalog::parse(std::string_view text, const std::string& source_name) {
  const Value doc = (!text.empty() && text.find_first_not_of(" \t\r\n") != std::string_view::npos &&
                     text[text.find_first_not_of(" \t\r\n")] == '{')
                        ? detail::parse_json(text, source_name)
                        : detail::parse_yaml(text, source_name);
  Catalog c;
  Parsed parsed = CatalogParser(source_name).parse(doc);
  c.impl_->kinds = std::move(parsed.kinds);
  c.impl_->connections = std::move(parsed.connections);
  c.impl_->runtimes = std::move(parsed.runtimes);
  c.impl_->reindex();
  return c;
}

const Catalog& Catalog::builtin() {
  static const Catalog instance = Catalog::parse(sbd_detail::catalog_yaml, "<builtin catalog>");
  return instance;
}

Catalog Catalog::builtin_extended_by(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::io, "cannot open catalog file", SourceLocation{path, 0, 0});
  std::ostringstream s;
  s << in.rdbuf();
  Catalog c = builtin();
  c.extend(parse(s.str(), path));
  return c;
}

void Catalog::extend(const Catalog& other) {
  for (const auto& k : other.impl_->kinds) {
    auto it = impl_->kind_index.find(k.key);
    if (it == impl_->kind_index.end()) {
      impl_->kinds.push_back(k);
    } else {
      KindSpec& mine = impl_->kinds[it->second];
      if (!k.name.empty() && k.name != k.key) mine.name = k.name;
      if (!k.category.empty()) mine.category = k.category;
      if (!k.sam_type.empty()) mine.sam_type = k.sam_type;
      if (!k.description.empty()) mine.description = k.description;
      merge_properties(mine.properties, k.properties);
    }
    impl_->reindex();
  }
  for (const auto& c : other.impl_->connections) {
    auto it = impl_->connection_index.find(Impl::pair_key(c.from, c.to));
    if (it == impl_->connection_index.end()) {
      impl_->connections.push_back(c);
      impl_->reindex();
    } else {
      ConnectionSpec& mine = impl_->connections[it->second];
      for (const auto& a : c.actions)
        if (!mine.allows(a)) mine.actions.push_back(a);
      merge_properties(mine.properties, c.properties);
      if (!c.sam.empty()) mine.sam = c.sam;
    }
  }
  for (const auto& r : other.impl_->runtimes) {
    auto it = impl_->runtime_index.find(r.name);
    if (it == impl_->runtime_index.end()) impl_->runtimes.push_back(r);
    else impl_->runtimes[it->second] = r;
  }
  impl_->reindex();
}

const std::vector<KindSpec>& Catalog::kinds() const noexcept { return impl_->kinds; }
const std::vector<ConnectionSpec>& Catalog::connections() const noexcept { return impl_->connections; }
const std::vector<RuntimeSpec>& Catalog::runtimes() const noexcept { return impl_->runtimes; }

const KindSpec* Catalog::kind(std::string_view key) const noexcept {
  const std::ptrdiff_t i = impl_->find_kind(key);
  return i < 0 ? nullptr : &impl_->kinds[static_cast<std::size_t>(i)];
}

const ConnectionSpec* Catalog::connection(std::string_view from_kind, std::string_view to_kind) const noexcept {
  const std::ptrdiff_t a = impl_->find_kind(from_kind);
  const std::ptrdiff_t b = impl_->find_kind(to_kind);
  if (a >= 0 && b >= 0) {
    const std::ptrdiff_t i =
        impl_->pair_matrix[static_cast<std::size_t>(a) * impl_->kinds.size() + static_cast<std::size_t>(b)];
    return i < 0 ? nullptr : &impl_->connections[static_cast<std::size_t>(i)];
  }
  auto it = impl_->connection_index.find(Impl::pair_key(from_kind, to_kind));
  return it == impl_->connection_index.end() ? nullptr : &impl_->connections[it->second];
}

std::vector<const ConnectionSpec*> Catalog::connections_from(std::string_view from_kind) const {
  std::vector<const ConnectionSpec*> out;
  for (const auto& c : impl_->connections)
    if (c.from == from_kind) out.push_back(&c);
  return out;
}

const RuntimeSpec* Catalog::runtime(std::string_view name) const noexcept {
  auto it = impl_->runtime_index.find(std::string(name));
  return it == impl_->runtime_index.end() ? nullptr : &impl_->runtimes[it->second];
}

namespace {

Value property_value(const PropertySpec& p) {
  Value v = Value::map();
  v.set("name", p.name);
  v.set("type", property_type_name(p.type));
  if (!p.default_value.is_null()) v.set("default", p.default_value);
  if (p.min) v.set("min", *p.min == static_cast<long long>(*p.min) ? Value(static_cast<long long>(*p.min)) : Value(*p.min));
  if (p.max) v.set("max", *p.max == static_cast<long long>(*p.max) ? Value(static_cast<long long>(*p.max)) : Value(*p.max));
  if (!p.choices.empty()) {
    Value c = Value::list();
    for (const auto& s : p.choices) c.push_back(s);
    v.set("choices", std::move(c));
  }
  if (!p.description.empty()) v.set("description", p.description);
  return v;
}

std::string scalar_text(const Value& v) {
  if (v.is_string()) return v.as_string();
  std::string s = to_json(v, 0);
  return s;
}

}  // namespace

std::string Catalog::to_json() const {
  Value doc = Value::map();
  Value kinds_v = Value::list();
  for (const auto& k : impl_->kinds) {
    Value kv = Value::map();
    kv.set("key", k.key);
    kv.set("name", k.name);
    kv.set("category", k.category);
    kv.set("sam", k.sam_type);
    kv.set("description", k.description);
    Value props = Value::list();
    for (const auto& p : k.properties) props.push_back(property_value(p));
    kv.set("properties", std::move(props));
    kinds_v.push_back(std::move(kv));
  }
  doc.set("kinds", std::move(kinds_v));
  Value conns = Value::list();
  for (const auto& c : impl_->connections) {
    Value cv = Value::map();
    cv.set("from", c.from);
    cv.set("to", c.to);
    Value actions = Value::list();
    for (const auto& a : c.actions) actions.push_back(a);
    cv.set("actions", std::move(actions));
    cv.set("invocation", c.invocation == Invocation::none ? Value() : Value(invocation_name(c.invocation)));
    Value props = Value::list();
    for (const auto& p : c.properties) props.push_back(property_value(p));
    cv.set("properties", std::move(props));
    cv.set("sam", c.sam);
    conns.push_back(std::move(cv));
  }
  doc.set("connections", std::move(conns));
  Value rts = Value::list();
  for (const auto& r : impl_->runtimes) {
    Value rv = Value::map();
    rv.set("name", r.name);
    rv.set("family", r.family);
    rv.set("deprecated", r.deprecated.empty() ? Value() : Value(r.deprecated));
    rv.set("block_create", r.block_create.empty() ? Value() : Value(r.block_create));
    rv.set("block_update", r.block_update.empty() ? Value() : Value(r.block_update));
    rv.set("successor", r.successor.empty() ? Value() : Value(r.successor));
    rv.set("starter_code", r.starter_code);
    rts.push_back(std::move(rv));
  }
  doc.set("runtimes", std::move(rts));
  return sbd::to_json(doc, 2);
}

std::string Catalog::to_text() const {
  std::ostringstream out;
  out << "Kinds (" << impl_->kinds.size() << ")\n";
  for (const auto& k : impl_->kinds) {
    out << "\n  " << k.key << "  " << k.name << "  [" << k.category << "]";
    if (!k.sam_type.empty()) out << "  -> " << k.sam_type;
    out << "\n";
    for (const auto& p : k.properties) {
      out << "      " << p.name << ": " << property_type_name(p.type);
      if (!p.choices.empty()) {
        out << " (";
        for (std::size_t i = 0; i < p.choices.size(); ++i) out << (i ? " | " : "") << p.choices[i];
        out << ")";
      }
      if (p.min || p.max) {
        out << " [" << (p.min ? scalar_text(Value(static_cast<long long>(*p.min))) : "") << ".."
            << (p.max ? scalar_text(Value(static_cast<long long>(*p.max))) : "") << "]";
      }
      if (!p.default_value.is_null()) out << " = " << scalar_text(p.default_value);
      out << "\n";
    }
  }
  out << "\nConnections (" << impl_->connections.size() << ")\n\n";
  for (const auto& c : impl_->connections) {
    out << "  " << c.from << " -> " << c.to << ": ";
    for (std::size_t i = 0; i < c.actions.size(); ++i) out << (i ? ", " : "") << c.actions[i];
    if (c.invocation != Invocation::none) out << "  (" << invocation_name(c.invocation) << ")";
    out << "\n";
  }
  out << "\nRuntimes (" << impl_->runtimes.size() << ")\n\n";
  for (const auto& r : impl_->runtimes) {
    out << "  " << r.name;
    if (r.starter_code) out << "  starter code";
    if (!r.deprecated.empty()) out << "  deprecated " << r.deprecated;
    out << "\n";
  }
  return out.str();
}

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
