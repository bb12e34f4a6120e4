#include <sbd/error.hpp>
#include <sbd/value.hpp>

#include <algorithm>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

namespace {
[[noreturn]] void wrong_type(const Value& v, const char* wanted) {
  throw Error(ErrorCode::argument,
              std::string("expected ") + wanted + ", got " + v.type_name());
}
}  // namespace

const std::string& Value::empty_string() noexcept {
  static const std::string empty;
  return empty;
}
const std::vector<Value>& Value::empty_items() noexcept {
  static const std::vector<Value> empty;
  return empty;
}
const std::vector<std::string>& Value::empty_keys() noexcept {
  static const std::vector<std::string> empty;
  return empty;
}

Value::Box& Value::box() {
  if (!box_) box_ = std::make_unique<Box>();
  return *box_;
}

Value::Value(const Value& o)
    : type_(o.type_), line_(o.line_), column_(o.column_), str_(o.str_),
      tag_(o.tag_ ? std::make_unique<std::string>(*o.tag_) : nullptr),
      box_(o.box_ ? std::make_unique<Box>(*o.box_) : nullptr) {
  if (type_ == Type::number) num_ = o.num_;
  else int_ = o.int_;
}

Value& Value::operator=(const Value& o) {
  if (this != &o) {
    Value copy(o);
    *this = std::move(copy);
  }
  return *this;
}

void Value::set_tag(std::string tag) {
  if (tag.empty()) tag_.reset();
  else if (tag_) *tag_ = std::move(tag);
  else tag_ = std::make_unique<std::string>(std::move(tag));
}

Value Value::list(std::vector<Value> items) {
  Value v;
  v.type_ = Type::list;
  if (!items.empty()) v.box().items = std::move(items);
  return v;
}

Value Value::map() {
  Value v;
  v.type_ = Type::map;
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
  return (type_ == Type::list || type_ == Type::map) && box_ ? box_->items.size() : 0;
}

const Value& Value::operator[](std::size_t i) const {
  if (type_ != Type::list) wrong_type(*this, "a list");
  if (i >= size()) throw Error(ErrorCode::argument, "list index out of range");
  return box_->items[i];
}

Value& Value::operator[](std::size_t i) {
  if (type_ != Type::list) wrong_type(*this, "a list");
  if (i >= size()) throw Error(ErrorCode::argument, "list index out of range");
  return box_->items[i];
}

Value& Value::push_back(Value v) {
  if (type_ == Type::null) type_ = Type::list;
  if (type_ != Type::list) wrong_type(*this, "a list");
  auto& items = box().items;
  items.push_back(std::move(v));
  return items.back();
}

void Value::reserve(std::size_t n) {
  Box& b = box();
  b.items.reserve(n);
  if (type_ == Type::map || type_ == Type::null) b.keys.reserve(n);
}

const Value* Value::find(std::string_view key) const noexcept {
  if (type_ != Type::map || !box_) return nullptr;
  const auto& keys = box_->keys;
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) return &box_->items[i];
  return nullptr;
}

Value* Value::find(std::string_view key) noexcept {
  return const_cast<Value*>(static_cast<const Value*>(this)->find(key));
}

Value& Value::set(std::string key, Value v) {
  if (type_ == Type::null) type_ = Type::map;
  if (type_ != Type::map) wrong_type(*this, "a mapping");
  if (Value* existing = find(key)) {
    *existing = std::move(v);
    return *existing;
  }
  return append(std::move(key), std::move(v));
}

Value& Value::append(std::string key, Value v) {
  if (type_ == Type::null) type_ = Type::map;
  if (type_ != Type::map) wrong_type(*this, "a mapping");
  Box& b = box();
  b.keys.push_back(std::move(key));
  b.items.push_back(std::move(v));
  return b.items.back();
}

bool Value::erase(std::string_view key) {
  if (type_ != Type::map || !box_) return false;
  auto& keys = box_->keys;
  auto& items = box_->items;
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
  if (a.type_ != b.type_ || a.tag() != b.tag()) return false;
  switch (a.type_) {
    case Value::Type::null: return true;
    case Value::Type::boolean:
    case Value::Type::integer: return a.int_ == b.int_;
    case Value::Type::number: return a.num_ == b.num_;
    case Value::Type::string: return a.str_ == b.str_;
    case Value::Type::list: return a.items() == b.items();
    case Value::Type::map: return a.keys() == b.keys() && a.items() == b.items();
  }
  return false;
}

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
