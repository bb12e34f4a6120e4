// YAML -> Value with libyaml's event parser behind small RAII wrappers. The
// tree is built iteratively (no recursion), with guards against deep nesting
// and alias bombs.
#include "read/parse.hpp"

#include <sbd/error.hpp>

#include <yaml.h>

#include <array>
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

[[noreturn]] void fail_at(const std::string& source, int line, int column, const std::string& message) {
  throw Error(ErrorCode::parse, message, SourceLocation{source, line, column});
}

// True when resolve_plain makes a plain scalar the untagged string s: not
// null, a boolean or anything that starts like a number.
bool plain_is_string(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return false;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") return false;
  const char c = s[0];
  return !((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.');
}

Value resolve_plain(std::string_view s, int line, int column, const std::string& source) {
  if (plain_is_string(s)) return Value(std::string(s));
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Value();
  if (s == "true" || s == "True" || s == "TRUE") return Value(true);
  if (s == "false" || s == "False" || s == "FALSE") return Value(false);
  const char c = s[0];
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "-.inf" || s == "+.inf" || s == "-.Inf" ||
      s == "-.INF" || s == ".nan" || s == ".NaN" || s == ".NAN")
    fail_at(source, line, column, "'" + std::string(s) + "': infinite and NaN numbers are not supported");
  std::size_t sign = (c == '-' || c == '+') ? 1 : 0;
  if (all_digits(s, sign)) {
    long long v = 0;
    std::string_view digits = s.substr(sign);
    auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (r.ec != std::errc()) fail_at(source, line, column, "'" + std::string(s) + "': integer out of range");
    return Value(c == '-' ? -v : v);
  }
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
    long long v = 0;
    const int base = s[1] == 'o' ? 8 : 16;
    auto r = std::from_chars(s.data() + 2, s.data() + s.size(), v, base);
    if (r.ptr == s.data() + s.size()) {
      if (r.ec != std::errc()) fail_at(source, line, column, "'" + std::string(s) + "': integer out of range");
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
      fail_at(source, line, column, "'" + std::string(s) + "': number out of range");
    }
    return Value(d);
  }
  return Value(std::string(s));
}

// The Value of a scalar that is not a mapping key: the core schema for plain
// scalars, strings for quoted ones, other tags kept.
Value scalar_value(const yaml_event_t& ev, int line, int column, const std::string& source) {
  const auto& sc = ev.data.scalar;
  std::string_view text(reinterpret_cast<const char*>(sc.value), sc.length);
  const char* tag = reinterpret_cast<const char*>(sc.tag);
  Value v;
  if (tag && std::strncmp(tag, kCoreTagPrefix, std::strlen(kCoreTagPrefix)) == 0) {
    const std::string_view kind = tag + std::strlen(kCoreTagPrefix);
    v = kind == "str" ? Value(text) : resolve_plain(text, line, column, source);
  } else if (tag && std::strcmp(tag, "!") != 0) {
    v = Value(text);
    v.set_tag(tag);
  } else if (sc.style == YAML_PLAIN_SCALAR_STYLE && !tag) {
    v = resolve_plain(text, line, column, source);
  } else {
    v = Value(text);
  }
  v.set_location(line, column);
  return v;
}

// The tag a collection keeps (null for none and the core ones).
const char* kept_tag(const unsigned char* tag) {
  const char* t = reinterpret_cast<const char*>(tag);
  if (t && std::strncmp(t, kCoreTagPrefix, std::strlen(kCoreTagPrefix)) != 0 && std::strcmp(t, "!") != 0) return t;
  return nullptr;
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

  void on_scalar(yaml_event_t* ev, int line, int column) {
    charge(1, line, column);
    const auto& sc = ev->data.scalar;
    std::string_view text(reinterpret_cast<const char*>(sc.value), sc.length);
    Frame* top = stack_.empty() ? nullptr : &stack_.back();
    if (top && top->is_map && !top->have_key) {
      set_key(std::string(text), line, column);
      if (sc.anchor) anchors_[reinterpret_cast<const char*>(sc.anchor)] = Value(std::string(text));
      return;
    }
    Value v = scalar_value(*ev, line, column, source_);
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
    if (const char* t = kept_tag(tag)) f.value.set_tag(t);
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

// The streaming path: the same events and checks as TreeBuilder, handed to a
// sink instead of building a tree; anything unusual gives up (false).
class EventStreamer {
 public:
  EventStreamer(std::string_view text, const ParseLimits& limits, EventSink& sink)
      : text_(text), limits_(limits), sink_(sink) {
    budget_ = text.size() + 10000;
  }

  bool run() {
    if (text_.size() > limits_.max_bytes) return false;
    yaml_parser_set_input_string(parser_.get(), reinterpret_cast<const unsigned char*>(text_.data()),
                                 text_.size());
    int documents = 0;
    // Per open collection: is it a mapping, and does it expect a key next.
    std::vector<unsigned char> stack;
    stack.reserve(32);
    const std::string no_source;
    try {
      for (;;) {
        YamlEvent ev;
        if (!yaml_parser_parse(parser_.get(), ev.get())) return false;
        const int line = static_cast<int>(ev->start_mark.line) + 1;
        const int column = static_cast<int>(ev->start_mark.column) + 1;
        switch (ev->type) {
          case YAML_STREAM_START_EVENT:
          case YAML_DOCUMENT_END_EVENT:
          case YAML_NO_EVENT:
            break;
          case YAML_STREAM_END_EVENT:
            return documents == 1 && stack.empty() && have_root_;
          case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1) return false;
            break;
          case YAML_ALIAS_EVENT:
            return false;
          case YAML_SCALAR_EVENT: {
            if (ev->data.scalar.anchor || !charge()) return false;
            if (!stack.empty() && stack.back() == kMapKey) {
              const auto& sc = ev->data.scalar;
              sink_.key(std::string_view(reinterpret_cast<const char*>(sc.value), sc.length), line, column);
              stack.back() = kMapValue;
              break;
            }
            sink_.scalar(scalar_value(*ev.get(), line, column, no_source));
            if (!placed(stack)) return false;
            break;
          }
          case YAML_SEQUENCE_START_EVENT:
          case YAML_MAPPING_START_EVENT: {
            const bool is_map = ev->type == YAML_MAPPING_START_EVENT;
            const unsigned char* anchor = is_map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
            const unsigned char* tag = is_map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
            if (anchor || !charge()) return false;
            if (!stack.empty() && stack.back() == kMapKey) return false;  // a collection as a key
            if (stack.size() >= limits_.max_depth) return false;
            sink_.start(is_map, kept_tag(tag), line, column);
            stack.push_back(is_map ? kMapKey : kList);
            break;
          }
          case YAML_SEQUENCE_END_EVENT:
          case YAML_MAPPING_END_EVENT:
            stack.pop_back();
            sink_.end();
            if (!placed(stack)) return false;
            break;
        }
      }
    } catch (const StreamBail&) {
      return false;
    } catch (const Error&) {
      return false;
    }
  }

 private:
  static constexpr unsigned char kList = 0, kMapKey = 1, kMapValue = 2;

  // A value was completed in the collection on top (or is the root).
  bool placed(std::vector<unsigned char>& stack) {
    if (stack.empty()) {
      have_root_ = true;
      return true;
    }
    if (stack.back() == kMapValue) stack.back() = kMapKey;
    return true;
  }

  bool charge() {
    if (values_ >= limits_.max_values && limits_.values_over) limits_.values_over->over = true;
    if (values_ >= limits_.max_values || budget_ == 0) return false;
    ++values_;
    --budget_;
    return true;
  }

  std::string_view text_;
  ParseLimits limits_;
  EventSink& sink_;
  YamlParser parser_;
  std::size_t budget_ = 0;
  std::size_t values_ = 0;
  bool have_root_ = false;
};

// ---- the plain block subset, without libyaml --------------------------------------
//
// The canonical YAML of a model (what write_string emits) is block mappings
// and sequences of single-line plain scalars. PlainScanner reads exactly that
// subset and gives up on anything else, before or while scanning; the events
// and their marks are libyaml's (tests/cpp/test_read_stream.cpp compares
// both on many documents).
[[noreturn]] void bail() { throw StreamBail{}; }

class PlainScanner {
 public:
  PlainScanner(std::string_view text, const ParseLimits& limits, EventSink& sink)
      : text_(text), limits_(limits), sink_(sink) {}

  bool run() {
    if (text_.size() > limits_.max_bytes || !allowed_bytes()) return false;
    try {
      if (!read_line() || cur_.indent != 0 || cur_.entry) return false;
      if (!mapping(0, cur_.begin)) return false;
      return at_end_;
    } catch (const StreamBail&) {
      return false;
    } catch (const Error&) {
      return false;
    }
  }

 private:
  struct Line {
    std::size_t begin = 0;  // first character after the indentation
    std::size_t end = 0;    // the end of line (the '\n' or the end of the text)
    std::size_t indent = 0;
    int number = 0;         // 1-based
    bool entry = false;     // starts with "- "
  };

  // Letters, digits, space, newline and ": - _ . / + >" only: no comments,
  // quotes, flow collections, anchors, tags, tabs or carriage returns.
  bool allowed_bytes() const {
    static const auto table = [] {
      std::array<bool, 256> t{};
      for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
      for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
      for (int c = '0'; c <= '9'; ++c) t[c] = true;
      for (unsigned char c : std::string_view(" \n:-_./+>")) t[c] = true;
      return t;
    }();
    for (unsigned char c : text_)
      if (!table[c]) return false;
    return true;
  }

  // Moves cur_ to the next line; false at the end of the text. Blank lines,
  // trailing spaces and lone '-' give up.
  bool read_line() {
    if (next_ >= text_.size()) {
      at_end_ = true;
      return false;
    }
    const char* base = text_.data();
    const void* nl = std::memchr(base + next_, '\n', text_.size() - next_);
    const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - base) : text_.size();
    std::size_t i = next_;
    while (i < end && text_[i] == ' ') ++i;
    if (i == end || text_[end - 1] == ' ') bail();
    cur_.indent = i - next_;
    cur_.begin = i;
    cur_.end = end;
    cur_.number = ++line_number_;
    cur_.entry = text_[i] == '-' && i + 1 < end && text_[i + 1] == ' ';
    if (text_[i] == '-' && !cur_.entry && !(i + 1 < end && is_digit_or_dot(text_[i + 1]))) bail();
    next_ = nl ? end + 1 : end;
    return true;
  }

  static bool is_digit_or_dot(char c) { return (c >= '0' && c <= '9') || c == '.'; }

  // A scalar may start with a letter, digit, '_', '.', '/' or '-' and a digit.
  void check_scalar(std::size_t from, std::size_t to) const {
    if (from >= to) bail();
    const char c = text_[from];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '.' || c == '/' || (c == '-' && from + 1 < to && is_digit_or_dot(text_[from + 1]));
    if (!ok || text_[to - 1] == ' ') bail();
    if (c == '.' && to - from >= 3 && text_[from + 1] == '.' && text_[from + 2] == '.') bail();  // "..."
  }

  int column_of(std::size_t offset) const { return static_cast<int>(offset - (cur_.begin - cur_.indent)) + 1; }

  void charge() {
    if (values_ >= limits_.max_values && limits_.values_over) limits_.values_over->over = true;
    if (values_ >= limits_.max_values || values_ >= text_.size() + 10000) bail();
    ++values_;
  }

  void open(bool is_map, int line, int column) {
    charge();
    // Recursive: deep documents go to libyaml's iterative path, whatever
    // max_depth allows (a thread's stack may be small).
    if (depth_ >= limits_.max_depth || depth_ >= kMaxRecursion) bail();
    ++depth_;
    sink_.start(is_map, nullptr, line, column);
  }
  void close() {
    --depth_;
    sink_.end();
  }

  void plain(std::size_t from, std::size_t to, int line) {
    charge();
    const std::string_view s(text_.data() + from, to - from);
    // A string goes as text (the sink may take it without a Value).
    if (plain_is_string(s)) return sink_.text(s, line, column_of(from));
    sink_.scalar(plain_value(s, line, column_of(from)));
  }

  // True when another line follows (in cur_).
  bool advance() { return read_line(); }
  // A block mapping whose keys sit at column `indent` (0-based); its first
  // entry starts at `from` on the current line. Returns with cur_ on the
  // first line after it (or at the end: at_end_).
  bool mapping(std::size_t indent, std::size_t from) {
    open(true, cur_.number, column_of(from));
    for (;;) {
      // An entry "key: value" or "key:" from `from` to the end of the line.
      const std::size_t end = cur_.end;
      const void* colon = std::memchr(text_.data() + from, ':', end - from);
      if (!colon) bail();
      const std::size_t c = static_cast<std::size_t>(static_cast<const char*>(colon) - text_.data());
      check_scalar(from, c);
      if (c - from > 1000) bail();  // libyaml's limit on implicit keys
      charge();
      sink_.key(std::string_view(text_.data() + from, c - from), cur_.number, column_of(from));
      const int line = cur_.number;
      if (c + 1 < end) {
        if (text_[c + 1] != ' ') bail();
        std::size_t v = c + 1;
        while (v < end && text_[v] == ' ') ++v;
        if (std::memchr(text_.data() + v, ':', end - v)) bail();
        check_scalar(v, end);
        plain(v, end, line);
        if (!advance()) break;
        if (cur_.indent > indent || (cur_.entry && cur_.indent == indent)) bail();  // continuation lines
      } else {
        const int null_column = column_of(c + 1);  // libyaml: the end of the ':'

        if (!advance()) {
          null_value(line, null_column);
          break;
        }
        if (cur_.indent > indent) {
          if (cur_.entry) sequence(cur_.indent, false);
          else if (!mapping(cur_.indent, cur_.begin)) return false;
        } else if (cur_.indent == indent && cur_.entry) {
          sequence(indent, true);
        } else {
          null_value(line, null_column);
        }
        if (at_end_) break;
        if (cur_.indent > indent || (cur_.entry && cur_.indent == indent)) bail();
      }
      if (cur_.indent < indent) break;
      from = cur_.begin;
    }
    close();
    return true;
  }

  void null_value(int line, int column) {
    charge();
    Value v;
    v.set_location(line, column);
    sink_.scalar(std::move(v));
  }

  // A block sequence of "- " entries at column `indent`; indentless when it
  // is the value of a key at the same column.
  void sequence(std::size_t indent, bool indentless) {
    open(false, cur_.number, static_cast<int>(indent) + 1);
    for (;;) {
      const std::size_t from = cur_.begin + 2;
      if (from >= cur_.end || text_[from] == ' ') bail();
      if (std::memchr(text_.data() + from, ':', cur_.end - from)) {
        mapping(indent + 2, from);
        if (at_end_) break;
      } else {
        check_scalar(from, cur_.end);
        plain(from, cur_.end, cur_.number);
        if (!advance()) break;
        if (cur_.indent > indent) bail();
      }
      if (cur_.indent < indent) break;
      if (cur_.indent > indent) bail();
      if (!cur_.entry) {
        if (indentless) break;
        bail();
      }
    }
    close();
  }

  Value plain_value(std::string_view s, int line, int column) const {
    static const std::string no_source;
    Value v = resolve_plain(s, line, column, no_source);
    v.set_location(line, column);
    return v;
  }

  static constexpr std::size_t kMaxRecursion = 300;
  std::string_view text_;
  ParseLimits limits_;
  EventSink& sink_;
  Line cur_;
  std::size_t next_ = 0;
  int line_number_ = 0;
  std::size_t depth_ = 0;
  std::size_t values_ = 0;
  bool at_end_ = false;
};

}  // namespace

bool stream_yaml_plain(std::string_view text, const ParseLimits& limits, EventSink& sink) {
  PlainScanner scanner(text, limits, sink);
  return scanner.run();
}

bool stream_yaml(std::string_view text, const ParseLimits& limits, EventSink& sink) {
  EventStreamer streamer(text, limits, sink);
  return streamer.run();
}

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
