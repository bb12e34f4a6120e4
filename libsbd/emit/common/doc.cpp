#include "emit/common/doc.hpp"

namespace sbd::detail {

Value obj(std::initializer_list<Entry> entries) {
  Value m = Value::map();
  m.reserve(entries.size());
  for (const Entry& e : entries) m.set(std::move(e.key), std::move(e.value));
  return m;
}

Value arr(std::initializer_list<Item> items) {
  std::vector<Value> list;
  list.reserve(items.size());
  for (const Item& i : items) list.push_back(std::move(i.value));
  return Value::list(std::move(list));
}

Value str_list(const std::vector<std::string>& items) {
  Value l = Value::list();
  for (const auto& s : items) l.push_back(Value(s));
  return l;
}

Value cf_ref(std::string_view id) { return Value::tagged("!Ref", Value(std::string(id))); }

Value get_att(std::string_view id, std::string_view attribute) {
  std::string s(id);
  s += '.';
  s += attribute;
  return Value::tagged("!GetAtt", Value(std::move(s)));
}

Value sub(std::string text) { return Value::tagged("!Sub", Value(std::move(text))); }

Value sub(std::string text, Value variables) {
  return Value::tagged("!Sub", Value::list({Value(std::move(text)), std::move(variables)}));
}

std::string sub_escape(std::string_view literal) {
  std::string out;
  out.reserve(literal.size());
  for (std::size_t i = 0; i < literal.size(); ++i) {
    out.push_back(literal[i]);
    if (literal[i] == '$' && i + 1 < literal.size() && literal[i + 1] == '{') {
      out += "{!";
      ++i;
    }
  }
  return out;
}

void merge_overrides(Value& target, const Value& overrides) {
  if (!overrides.is_map()) return;
  if (!target.is_map()) target = Value::map();
  for (std::size_t i = 0; i < overrides.keys().size(); ++i) {
    const std::string& key = overrides.keys()[i];
    const Value& v = overrides.value_at(i);
    if (v.is_null() && v.tag().empty()) {
      target.erase(key);
      continue;
    }
    Value* existing = target.find(key);
    if (existing && existing->is_map() && v.is_map() && existing->tag().empty() && v.tag().empty()) {
      merge_overrides(*existing, v);
    } else {
      target.set(key, v);
    }
  }
}

}  // namespace sbd::detail
