// YAML -> Value with libyaml's event parser behind small RAII wrappers. The
// tree is built iteratively (no recursion), with guards against deep nesting
// and alias bombs.
#include "read/parse.hpp"

#include <sbd/error.hpp>

#include <yaml.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sbd::detail {

namespace {

class YamlParser {
 public:
  YamlParser() {
    if (!yaml_parser_initialize(&parser_)) throw Error(ErrorCode::internal, "libyaml: out of memory");
  }
  ~YamlParser() { yaml_parser_delete(&parser_); }
  YamlParser(const YamlParser&) = delete;
  YamlParser& operator=(const YamlParser&) = delete;
  yaml_parser_t* get() { return &parser_; }

 private:
  yaml_parser_t parser_;
};

class YamlEvent {
 public:
  YamlEvent() { std::memset(&event_, 0, sizeof event_); }
  ~YamlEvent() { yaml_event_delete(&event_); }
  YamlEvent(const YamlEvent&) = delete;
  YamlEvent& operator=(const YamlEvent&) = delete;
  yaml_event_t* get() { return &event_; }
  yaml_event_t* operator->() { return &event_; }

 private:
  yaml_event_t event_;
};

constexpr const char* kCoreTagPrefix = "tag:yaml.org,2002:";

bool all_digits(std::string_view s, std::size_t from) {
  if (from >= s.size()) return false;
  for (std::size_t i = from; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool is_float_syntax(std::string_view s) {
  // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!all_digits(s.substr(0, s.size()), i)) return false;
    return true;
  }
  return i == s.size();
}

struct Frame {
  Value value;
  bool is_map = false;
  bool have_key = false;
  std::string key;
  int key_line = 0, key_column = 0;
  std::string anchor;
  std::unique_ptr<std::unordered_set<std::string>> seen;  // for large maps
};

std::size_t count_values(const Value& v) {
  std::size_t n = 1;
  for (const Value& item : v.items()) n += count_values(item);
  return n;
}

class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, const std::string& source, const ParseLimits& limits)
      : text_(text), source_(source), limits_(limits) {
    budget_ = text.size() + 10000;
  }

  Value run() {
    if (text_.size() > limits_.max_bytes)
      fail(0, 0, "the input is " + std::to_string(text_.size()) + " bytes, over the limit of " +
                      std::to_string(limits_.max_bytes));
    yaml_parser_set_input_string(parser_.get(), reinterpret_cast<const unsigned char*>(text_.data()),
                                 text_.size());
    int documents = 0;
    for (;;) {
      YamlEvent ev;
      if (!yaml_parser_parse(parser_.get(), ev.get())) syntax_error();
      const int line = static_cast<int>(ev->start_mark.line) + 1;
      const int column = static_cast<int>(ev->start_mark.column) + 1;
      switch (ev->type) {
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        case YAML_NO_EVENT:
          break;
        case YAML_STREAM_END_EVENT:
          return std::move(root_);
        case YAML_DOCUMENT_START_EVENT:
          if (++documents > 1) fail(line, column, "expected one YAML document, found a second one");
          break;
        case YAML_ALIAS_EVENT:
          on_alias(reinterpret_cast<const char*>(ev->data.alias.anchor), line, column);
          break;
        case YAML_SCALAR_EVENT:
          on_scalar(ev.get(), line, column);
          break;
        case YAML_SEQUENCE_START_EVENT:
          start(false, ev->data.sequence_start.tag, ev->data.sequence_start.anchor, line, column);
          break;
        case YAML_MAPPING_START_EVENT:
          start(true, ev->data.mapping_start.tag, ev->data.mapping_start.anchor, line, column);
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          end();
          break;
      }
    }
  }

 private:
  [[noreturn]] void fail(int line, int column, const std::string& message) {
    throw Error(ErrorCode::parse, message, SourceLocation{source_, line, column});
  }

  [[noreturn]] void syntax_error() {
    yaml_parser_t* p = parser_.get();
    std::string msg = "invalid YAML: ";
    msg += p->problem ? p->problem : "syntax error";
    if (p->context) {
      msg += " ";
      msg += p->context;
    }
    if (p->error == YAML_READER_ERROR) {
      // Encoding errors (invalid UTF-8, control characters such as NUL) carry
      // a byte offset, not a mark.
      int line = 0, column = 0;
      offset_to_line_column(text_, p->problem_offset, line, column);
      if (p->problem_value >= 0) {
        char code[32];
        std::snprintf(code, sizeof code, p->problem_value < 0x100 ? " (byte 0x%02X)" : " (U+%04X)",
                      static_cast<unsigned>(p->problem_value));
        msg += code;
      }
      fail(line, column, msg);
    }
    const yaml_mark_t& mark = p->problem ? p->problem_mark : p->mark;
    fail(static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1, msg);
  }

  void charge(std::size_t n, int line, int column) {
    if (n > limits_.max_values - values_)
      fail(line, column, "the document has more than " + std::to_string(limits_.max_values) +
                             " values, over the limit (ReadOptions::max_values)");
    values_ += n;
    if (n > budget_)
      fail(line, column,
           "the document expands to more values than its size allows (aliases expanding without "
           "bound: a 'billion laughs'?)");
    budget_ -= n;
  }

  Value resolve_plain(std::string_view s, int line, int column) {
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Value();
    if (s == "true" || s == "True" || s == "TRUE") return Value(true);
    if (s == "false" || s == "False" || s == "FALSE") return Value(false);
    const char c = s[0];
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.')) return Value(std::string(s));
    if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "-.inf" || s == "+.inf" || s == "-.Inf" ||
        s == "-.INF" || s == ".nan" || s == ".NaN" || s == ".NAN")
      fail(line, column, "'" + std::string(s) + "': infinite and NaN numbers are not supported");
    std::size_t sign = (c == '-' || c == '+') ? 1 : 0;
    if (all_digits(s, sign)) {
      long long v = 0;
      std::string_view digits = s.substr(sign);
      auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
      if (r.ec != std::errc()) fail(line, column, "'" + std::string(s) + "': integer out of range");
      return Value(c == '-' ? -v : v);
    }
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
      long long v = 0;
      const int base = s[1] == 'o' ? 8 : 16;
      auto r = std::from_chars(s.data() + 2, s.data() + s.size(), v, base);
      if (r.ptr == s.data() + s.size()) {
        if (r.ec != std::errc()) fail(line, column, "'" + std::string(s) + "': integer out of range");
        return Value(v);
      }
      return Value(std::string(s));
    }
    if (is_float_syntax(s)) {
      double d = 0;
      std::string_view body = s[0] == '+' ? s.substr(1) : s;
      auto r = std::from_chars(body.data(), body.data() + body.size(), d);
      if (r.ec == std::errc::result_out_of_range || !std::isfinite(d)) {
        // from_chars reports underflow as out of range too: tiny is zero.
        const auto e = s.find_first_of("eE");
        const bool underflow = e != std::string_view::npos && e + 1 < s.size() && s[e + 1] == '-';
        if (r.ec == std::errc::result_out_of_range && underflow) return Value(0.0);
        fail(line, column, "'" + std::string(s) + "': number out of range");
      }
      return Value(d);
    }
    return Value(std::string(s));
  }

  void on_scalar(yaml_event_t* ev, int line, int column) {
    charge(1, line, column);
    const auto& sc = ev->data.scalar;
    std::string_view text(reinterpret_cast<const char*>(sc.value), sc.length);
    const char* tag = reinterpret_cast<const char*>(sc.tag);
    Frame* top = stack_.empty() ? nullptr : &stack_.back();
    if (top && top->is_map && !top->have_key) {
      set_key(std::string(text), line, column);
      if (sc.anchor) anchors_[reinterpret_cast<const char*>(sc.anchor)] = Value(std::string(text));
      return;
    }
    Value v;
    if (tag && std::strncmp(tag, kCoreTagPrefix, std::strlen(kCoreTagPrefix)) == 0) {
      const std::string kind = tag + std::strlen(kCoreTagPrefix);
      v = kind == "str" ? Value(std::string(text)) : resolve_plain(text, line, column);
    } else if (tag && std::strcmp(tag, "!") != 0) {
      v = Value(std::string(text));
      v.set_tag(tag);
    } else if (sc.style == YAML_PLAIN_SCALAR_STYLE && !tag) {
      v = resolve_plain(text, line, column);
    } else {
      v = Value(std::string(text));
    }
    v.set_location(line, column);
    if (sc.anchor) anchors_[reinterpret_cast<const char*>(sc.anchor)] = v;
    add(std::move(v), line, column);
  }

  void on_alias(const char* anchor, int line, int column) {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) fail(line, column, std::string("unknown alias *") + anchor);
    Frame* top = stack_.empty() ? nullptr : &stack_.back();
    if (top && top->is_map && !top->have_key) {
      if (!it->second.is_string()) fail(line, column, "a mapping key must be a string");
      set_key(it->second.as_string(), line, column);
      return;
    }
    charge(count_values(it->second), line, column);
    Value copy = it->second;
    add(std::move(copy), line, column);
  }

  void start(bool is_map, const unsigned char* tag, const unsigned char* anchor, int line, int column) {
    charge(1, line, column);
    Frame* top = stack_.empty() ? nullptr : &stack_.back();
    if (top && top->is_map && !top->have_key)
      fail(line, column, "a mapping key must be a string, not a list or mapping");
    if (stack_.size() >= limits_.max_depth)
      fail(line, column, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    Frame f;
    f.is_map = is_map;
    f.value = is_map ? Value::map() : Value::list();
    f.value.set_location(line, column);
    const char* t = reinterpret_cast<const char*>(tag);
    if (t && std::strncmp(t, kCoreTagPrefix, std::strlen(kCoreTagPrefix)) != 0 && std::strcmp(t, "!") != 0)
      f.value.set_tag(t);
    if (anchor) f.anchor = reinterpret_cast<const char*>(anchor);
    stack_.push_back(std::move(f));
  }

  void end() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (!f.anchor.empty()) anchors_[f.anchor] = f.value;
    const int line = f.value.line(), column = f.value.column();
    add(std::move(f.value), line, column);
  }

  void set_key(std::string key, int line, int column) {
    Frame& top = stack_.back();
    const Value& map = top.value;
    bool duplicate = false;
    if (top.seen) {
      duplicate = !top.seen->insert(key).second;
    } else if (map.find(key) != nullptr) {
      duplicate = true;
    } else if (map.size() >= 16) {
      top.seen = std::make_unique<std::unordered_set<std::string>>(map.keys().begin(), map.keys().end());
      top.seen->insert(key);
    }
    if (duplicate) fail(line, column, "duplicate key '" + key + "'");
    top.key = std::move(key);
    top.have_key = true;
    top.key_line = line;
    top.key_column = column;
  }

  void add(Value v, int line, int column) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return;
    }
    Frame& top = stack_.back();
    if (top.is_map) {
      if (!top.have_key) fail(line, column, "a mapping key must be a string");
      // A collection under a key is located at its key (where a reader looks).
      if (v.is_map() || v.is_list()) v.set_location(top.key_line, top.key_column);
      top.value.append(std::move(top.key), std::move(v));
      top.have_key = false;
    } else {
      top.value.push_back(std::move(v));
    }
  }

  std::string_view text_;
  const std::string& source_;
  ParseLimits limits_;
  YamlParser parser_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, Value> anchors_;
  Value root_;
  std::size_t budget_ = 0;
  std::size_t values_ = 0;
};

}  // namespace

Value parse_yaml(std::string_view text, const std::string& source, const ParseLimits& limits) {
  TreeBuilder builder(text, source, limits);
  return builder.run();
}

void offset_to_line_column(std::string_view text, std::size_t offset, int& line, int& column) {
  line = 1;
  std::size_t line_start = 0;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  column = static_cast<int>(offset - line_start) + 1;
}

}  // namespace sbd::detail
