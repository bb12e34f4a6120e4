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

Value Value::list(std::vector<Value> items) {
  Value v;
  v.type_ = Type::list;
  v.items_ = std::move(items);
  return v;
}

Value Value::map() {
  Value v;
  v.type_ = Type::map;
  return v;
}

Value Value::tagged(std::string tag, Value v) {
  v.tag_ = std::move(tag);
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
  return (type_ == Type::list || type_ == Type::map) ? items_.size() : 0;
}

const Value& Value::operator[](std::size_t i) const {
  if (type_ != Type::list) wrong_type(*this, "a list");
  if (i >= items_.size()) throw Error(ErrorCode::argument, "list index out of range");
  return items_[i];
}

Value& Value::operator[](std::size_t i) {
  if (type_ != Type::list) wrong_type(*this, "a list");
  if (i >= items_.size()) throw Error(ErrorCode::argument, "list index out of range");
  return items_[i];
}

Value& Value::push_back(Value v) {
  if (type_ == Type::null) type_ = Type::list;
  if (type_ != Type::list) wrong_type(*this, "a list");
  items_.push_back(std::move(v));
  return items_.back();
}

const Value* Value::find(std::string_view key) const noexcept {
  if (type_ != Type::map) return nullptr;
  for (std::size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] == key) return &items_[i];
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
  keys_.push_back(std::move(key));
  items_.push_back(std::move(v));
  return items_.back();
}

bool Value::erase(std::string_view key) {
  if (type_ != Type::map) return false;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) {
      keys_.erase(keys_.begin() + static_cast<std::ptrdiff_t>(i));
      items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(i));
      return true;
    }
  }
  return false;
}

bool operator==(const Value& a, const Value& b) noexcept {
  if (a.type_ != b.type_ || a.tag_ != b.tag_) return false;
  switch (a.type_) {
    case Value::Type::null: return true;
    case Value::Type::boolean:
    case Value::Type::integer: return a.int_ == b.int_;
    case Value::Type::number: return a.num_ == b.num_;
    case Value::Type::string: return a.str_ == b.str_;
    case Value::Type::list: return a.items_ == b.items_;
    case Value::Type::map: return a.keys_ == b.keys_ && a.items_ == b.items_;
  }
  return false;
}

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
