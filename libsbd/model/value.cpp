#include <sbd/error.hpp>
#include <sbd/value.hpp>

#include <algorithm>
#include <new>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

namespace {
[[noreturn]] void wrong_type(const Value& v, const char* wanted) {
  throw Error(ErrorCode::argument,
              std::string("expected ") + wanted + ", got " + v.type_name());
}
}  // namespace

namespace {
// The tags a template uses: kept as a small number in the value, not as an
// allocated string. Index 0 is "no tag".
const std::string kKnownTags[] = {
    "",          "!Ref",    "!GetAtt", "!Sub",       "!Join",      "!If",          "!Equals",
    "!Select",   "!Split",  "!FindInMap", "!ImportValue", "!Base64", "!Cidr",      "!GetAZs",
    "!Not",      "!And",    "!Or",     "!Condition", "!Transform", "!ToJsonString", "!Length"};
constexpr unsigned char kKnownTagCount = sizeof(kKnownTags) / sizeof(kKnownTags[0]);
}  // namespace

const std::string& Value::empty_string() noexcept { return kKnownTags[0]; }
const std::vector<Value>& Value::empty_items() noexcept {
  static const std::vector<Value> empty;
  return empty;
}
const std::vector<std::string>& Value::empty_keys() noexcept {
  static const std::vector<std::string> empty;
  return empty;
}
std::vector<Value>& Value::scratch_items() noexcept {
  thread_local std::vector<Value> scratch;
  scratch.clear();
  return scratch;
}

Value::Value(const Value& o)
    : type_(o.type_), line_(o.line_), column_(o.column_), tag_id_(o.tag_id_),
      custom_tag_(o.custom_tag_ ? std::make_unique<std::string>(*o.custom_tag_) : nullptr) {
  switch (type_) {
    case Type::string: new (&str_) std::string(o.str_); break;
    case Type::list:
    case Type::map: new (&seq_) Seq(o.seq_); break;
    case Type::number: num_ = o.num_; break;
    default: int_ = o.int_; break;
  }
}

Value& Value::operator=(Value&& o) noexcept {
  if (this == &o) return *this;
  if (type_ == Type::list || type_ == Type::map) {
    // o may live inside this list or map (a child moved up): take it out first.
    Value taken(std::move(o));
    destroy();
    construct_from(std::move(taken));
  } else {
    destroy();  // a scalar or string owns no Value: o cannot live inside it
    construct_from(std::move(o));
  }
  return *this;
}

Value& Value::operator=(const Value& o) {
  if (this != &o) {
    Value copy(o);
    *this = std::move(copy);
  }
  return *this;
}

void Value::become(Type container) {
  // Only from null: the union holds no object yet.
  new (&seq_) Seq();
  type_ = container;
}

const std::string& Value::tag() const noexcept {
  if (tag_id_ == 0) return kKnownTags[0];
  if (tag_id_ == kCustomTag) return *custom_tag_;
  return kKnownTags[tag_id_];
}

void Value::set_tag(std::string tag) {
  custom_tag_.reset();
  tag_id_ = 0;
  if (tag.empty()) return;
  for (unsigned char i = 1; i < kKnownTagCount; ++i) {
    if (kKnownTags[i] == tag) {
      tag_id_ = i;
      return;
    }
  }
  custom_tag_ = std::make_unique<std::string>(std::move(tag));
  tag_id_ = kCustomTag;
}

Value Value::list(std::vector<Value> items) {
  Value v;
  v.become(Type::list);
  v.seq_.items = std::move(items);
  return v;
}

Value Value::map() {
  Value v;
  v.become(Type::map);
  return v;
}

Value Value::tagged(std::string tag, Value v) {
  v.set_tag(std::move(tag));
  return v;
}

const char* Value::type_name(Type t) noexcept {
  switch (t) {
    case Type::null: return "null";
    case Type::boolean: return "a boolean";
    case Type::integer: return "an integer";
    case Type::number: return "a number";
    case Type::string: return "a string";
    case Type::list: return "a list";
    case Type::map: return "a mapping";
  }
  return "?";
}

bool Value::as_bool() const {
  if (type_ != Type::boolean) wrong_type(*this, "a boolean");
  return int_ != 0;
}

long long Value::as_int() const {
  if (type_ != Type::integer) wrong_type(*this, "an integer");
  return int_;
}

double Value::as_number() const {
  if (type_ == Type::integer) return static_cast<double>(int_);
  if (type_ != Type::number) wrong_type(*this, "a number");
  return num_;
}

const std::string& Value::as_string() const {
  if (type_ != Type::string) wrong_type(*this, "a string");
  return str_;
}

std::size_t Value::size() const noexcept {
  return (type_ == Type::list || type_ == Type::map) ? seq_.items.size() : 0;
}

const Value& Value::operator[](std::size_t i) const {
  if (type_ != Type::list) wrong_type(*this, "a list");
  if (i >= seq_.items.size()) throw Error(ErrorCode::argument, "list index out of range");
  return seq_.items[i];
}

Value& Value::operator[](std::size_t i) {
  if (type_ != Type::list) wrong_type(*this, "a list");
  if (i >= seq_.items.size()) throw Error(ErrorCode::argument, "list index out of range");
  return seq_.items[i];
}

Value& Value::push_back(Value v) {
  if (type_ == Type::null) become(Type::list);
  if (type_ != Type::list) wrong_type(*this, "a list");
  seq_.items.push_back(std::move(v));
  return seq_.items.back();
}

void Value::reserve(std::size_t n) {
  if (type_ == Type::list) {
    seq_.items.reserve(n);
  } else if (type_ == Type::map) {
    seq_.items.reserve(n);
    seq_.keys.reserve(n);
  }
}

const Value* Value::find(std::string_view key) const noexcept {
  if (type_ != Type::map) return nullptr;
  const auto& keys = seq_.keys;
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) return &seq_.items[i];
  return nullptr;
}

Value* Value::find(std::string_view key) noexcept {
  return const_cast<Value*>(static_cast<const Value*>(this)->find(key));
}

Value& Value::set(std::string key, Value v) {
  if (type_ == Type::null) become(Type::map);
  if (type_ != Type::map) wrong_type(*this, "a mapping");
  if (Value* existing = find(key)) {
    *existing = std::move(v);
    return *existing;
  }
  return append(std::move(key), std::move(v));
}

Value& Value::append(std::string key, Value v) {
  if (type_ == Type::null) become(Type::map);
  if (type_ != Type::map) wrong_type(*this, "a mapping");
  seq_.keys.push_back(std::move(key));
  seq_.items.push_back(std::move(v));
  return seq_.items.back();
}

bool Value::erase(std::string_view key) {
  if (type_ != Type::map) return false;
  auto& keys = seq_.keys;
  auto& items = seq_.items;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) {
      keys.erase(keys.begin() + static_cast<std::ptrdiff_t>(i));
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
      return true;
    }
  }
  return false;
}

bool operator==(const Value& a, const Value& b) noexcept {
  if (a.type_ != b.type_ || a.tag_id_ != b.tag_id_) return false;
  if (a.tag_id_ == Value::kCustomTag && *a.custom_tag_ != *b.custom_tag_) return false;
  switch (a.type_) {
    case Value::Type::null: return true;
    case Value::Type::boolean:
    case Value::Type::integer: return a.int_ == b.int_;
    case Value::Type::number: return a.num_ == b.num_;
    case Value::Type::string: return a.str_ == b.str_;
    case Value::Type::list: return a.seq_.items == b.seq_.items;
    case Value::Type::map: return a.seq_.keys == b.seq_.keys && a.seq_.items == b.seq_.items;
  }
  return false;
}

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
