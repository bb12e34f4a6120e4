// libsbd: Value, the dynamic tree of properties, overrides and generated
// documents (a SAM template is a Value before it is YAML).
#pragma once

#include <sbd/version.hpp>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

/// A JSON-like value: null, boolean, integer, number, string, list or map.
/// Maps keep their keys in insertion order. Any value may carry a YAML tag
/// (e.g. "!Ref", "!GetAtt", "!Sub"), which the YAML writer emits in short form
/// and the JSON writer renders as the long form ({"Ref": ...}, {"Fn::GetAtt": ...}).
/// Values also remember where they were read (line and column; 0 = unknown).
class Value {
 public:
  enum class Type { null, boolean, integer, number, string, list, map };

  Value() noexcept : int_(0) {}
  Value(std::nullptr_t) noexcept : int_(0) {}
  Value(bool b) noexcept : type_(Type::boolean), int_(b ? 1 : 0) {}
  Value(int i) noexcept : type_(Type::integer), int_(i) {}
  Value(long i) noexcept : type_(Type::integer), int_(i) {}
  Value(long long i) noexcept : type_(Type::integer), int_(i) {}
  Value(unsigned i) noexcept : type_(Type::integer), int_(i) {}
  Value(double d) noexcept : type_(Type::number), num_(d) {}
  Value(const char* s) : type_(Type::string), str_(s) {}
  Value(std::string s) : type_(Type::string), str_(std::move(s)) {}
  Value(std::string_view s) : type_(Type::string), str_(s) {}

  static Value list(std::vector<Value> items = {});
  static Value map();
  /// A tagged value, e.g. Value::tagged("!Ref", "MyTable").
  static Value tagged(std::string tag, Value v);

  Type type() const noexcept { return type_; }
  static const char* type_name(Type t) noexcept;
  const char* type_name() const noexcept { return type_name(type_); }
  bool is_null() const noexcept { return type_ == Type::null; }
  bool is_bool() const noexcept { return type_ == Type::boolean; }
  bool is_int() const noexcept { return type_ == Type::integer; }
  bool is_number() const noexcept { return type_ == Type::number || type_ == Type::integer; }
  bool is_string() const noexcept { return type_ == Type::string; }
  bool is_list() const noexcept { return type_ == Type::list; }
  bool is_map() const noexcept { return type_ == Type::map; }

  // Accessors; they throw sbd::Error(argument) on the wrong type.
  bool as_bool() const;
  long long as_int() const;
  double as_number() const;  // integer or number
  const std::string& as_string() const;

  // Lists.
  std::size_t size() const noexcept;  // items of a list, entries of a map, 0 otherwise
  const Value& operator[](std::size_t i) const;
  Value& operator[](std::size_t i);
  Value& push_back(Value v);
  /// The items of a list, or the values of a map (parallel to keys()); empty
  /// for a scalar (and what is added through the non-const form to a scalar
  /// is dropped: use push_back or append, which turn null into a container).
  const std::vector<Value>& items() const noexcept {
    return (type_ == Type::list || type_ == Type::map) ? seq_.items : empty_items();
  }
  std::vector<Value>& items() noexcept {
    return (type_ == Type::list || type_ == Type::map) ? seq_.items : scratch_items();
  }

  // Maps (insertion order).
  const Value* find(std::string_view key) const noexcept;
  Value* find(std::string_view key) noexcept;
  bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }
  /// Sets key to v, replacing an existing entry in place; turns null into a map.
  Value& set(std::string key, Value v);
  /// Appends without checking for an existing key (readers check duplicates).
  Value& append(std::string key, Value v);
  /// Room for n entries (a map) or items (a list) without reallocating.
  void reserve(std::size_t n);
  bool erase(std::string_view key);
  const std::vector<std::string>& keys() const noexcept {
    return (type_ == Type::list || type_ == Type::map) ? seq_.keys : empty_keys();
  }
  /// The value of the i-th entry of a map (keys()[i]).
  const Value& value_at(std::size_t i) const { return items().at(i); }
  Value& value_at(std::size_t i) { return items().at(i); }

  /// The tag ("" when none).
  const std::string& tag() const noexcept;
  bool has_tag() const noexcept { return tag_id_ != 0; }
  void set_tag(std::string tag);

  int line() const noexcept { return line_; }
  int column() const noexcept { return column_; }
  void set_location(int line, int column) noexcept {
    line_ = line;
    column_ = column;
  }

  Value(const Value& other);
  Value(Value&& other) noexcept { construct_from(std::move(other)); }
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;
  ~Value() { destroy(); }

  /// Deep equality of type, tag and content (locations are ignored; map keys
  /// compared in order).
  friend bool operator==(const Value& a, const Value& b) noexcept;
  friend bool operator!=(const Value& a, const Value& b) noexcept { return !(a == b); }

 private:
  // Kept small (72 bytes on 64-bit) and with no allocation of its own beyond
  // what it holds: a model holds hundreds of thousands of values and a
  // template as many, and every stage walks them. The payload is a union
  // (integer, number, string, or the items and keys of a list or map); the
  // CloudFormation intrinsic tags are a small number, any other tag is
  // allocated.
  struct Seq {
    std::vector<Value> items;        // list items, or map values
    std::vector<std::string> keys;   // map keys, parallel to items
  };
  static constexpr unsigned char kCustomTag = 255;
  static const std::string& empty_string() noexcept;
  static const std::vector<Value>& empty_items() noexcept;
  static const std::vector<std::string>& empty_keys() noexcept;
  static std::vector<Value>& scratch_items() noexcept;
  void destroy() noexcept {
    if (type_ == Type::string) str_.~basic_string();
    else if (type_ == Type::list || type_ == Type::map) seq_.~Seq();
  }
  void construct_from(Value&& o) noexcept {
    type_ = o.type_;
    line_ = o.line_;
    column_ = o.column_;
    tag_id_ = o.tag_id_;
    custom_tag_ = std::move(o.custom_tag_);
    if (type_ == Type::string) new (&str_) std::string(std::move(o.str_));
    else if (type_ == Type::list || type_ == Type::map) new (&seq_) Seq(std::move(o.seq_));
    else if (type_ == Type::number) num_ = o.num_;
    else int_ = o.int_;
  }
  void become(Type container);  // null -> an empty list or map

  Type type_ = Type::null;
  int line_ = 0;
  int column_ = 0;
  unsigned char tag_id_ = 0;  // 0: none; kCustomTag: custom_tag_; else a known tag
  union {
    long long int_;
    double num_;
    std::string str_;
    Seq seq_;
  };
  std::unique_ptr<std::string> custom_tag_;
};

/// Writes a value as block-style YAML (tags in short form), ending in a newline.
/// Every string scalar is quoted when a YAML 1.1 or 1.2 parser would read it as
/// anything but that string. Deterministic.
std::string to_yaml(const Value& v);
/// Writes a value as JSON (indent 0: compact; otherwise pretty with that many
/// spaces). Tags become CloudFormation long-form intrinsics.
std::string to_json(const Value& v, int indent = 2);
/// Formats a double so that reading it back gives the same double and it still
/// reads as a floating-point number ("1.0", "0.1", "1e+300").
std::string format_number(double d);

SBD_INLINE_NAMESPACE_END
}  // namespace sbd
