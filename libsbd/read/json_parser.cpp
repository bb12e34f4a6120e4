// JSON -> Value with RapidJSON's SAX reader in iterative mode (no recursion,
// so deep nesting cannot overflow the stack), validating UTF-8. Every value
// gets its line and column; they are computed incrementally from byte
// offsets, which only grow, so the cost stays linear.
#include "read/parse.hpp"

#include <sbd/error.hpp>

#include <rapidjson/encodings.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace sbd::detail {

namespace {

// Turns growing byte offsets into line and column in amortised O(1).
class LineTracker {
 public:
  explicit LineTracker(std::string_view text) : text_(text) {}
  void locate(std::size_t offset, int& line, int& column) {
    if (offset > text_.size()) offset = text_.size();
    if (offset < pos_) {  // not expected; fall back to a rescan
      pos_ = 0;
      line_ = 1;
      line_start_ = 0;
    }
    while (pos_ < offset) {
      const void* nl = std::memchr(text_.data() + pos_, '\n', offset - pos_);
      if (!nl) {
        pos_ = offset;
        break;
      }
      ++line_;
      pos_ = static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) + 1;
      line_start_ = pos_;
    }
    line = line_;
    column = static_cast<int>(offset - line_start_) + 1;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

// Numbers arrive as text (kParseNumbersAsStringsFlag) and are converted
// here with std::from_chars, exactly and the same way as in YAML: RapidJSON
// 1.1.0's full-precision conversion has undefined behaviour on a zero
// significand with an exponent ("0e40": __builtin_clz(0), found by fuzzing).
// False when out of range (number_problem says how).
bool is_integer_text(std::string_view text) { return text.find_first_of(".eE") == std::string_view::npos; }
const char* number_problem(const char* s, std::size_t len) {
  return is_integer_text(std::string_view(s, len)) ? "integer out of range" : "number out of range";
}
bool json_number(const char* s, std::size_t len, Value& out) {
  const std::string_view text(s, len);
  const char* end = s + len;
  if (is_integer_text(text)) {
    long long v = 0;
    const auto r = std::from_chars(s, end, v);
    if (r.ec != std::errc() || r.ptr != end) return false;
    out = Value(v);
    return true;
  }
  double d = 0;
  const auto r = std::from_chars(s, end, d);
  if (r.ec == std::errc::result_out_of_range) {
    // from_chars reports underflow as out of range too: tiny is zero.
    const auto e = text.find_first_of("eE");
    if (e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-') {
      out = Value(0.0);
      return true;
    }
  }
  if (r.ec != std::errc() || r.ptr != end || !std::isfinite(d)) return false;
  out = Value(d);
  return true;
}

// RapidJSON validates the bytes but turns a lone surrogate escape
// ("\uDC00") into the 3-byte form of a surrogate, which is not UTF-8
// (found by fuzzing: the writers then refused the model).
bool has_surrogate(const char* s, std::size_t len) {
  for (std::size_t i = 0; i + 1 < len; ++i)
    if (static_cast<unsigned char>(s[i]) == 0xED && static_cast<unsigned char>(s[i + 1]) >= 0xA0) return true;
  return false;
}

struct Frame {
  Value value;
  bool is_map = false;
  bool have_key = false;
  std::string key;
  int key_line = 0, key_column = 0;
  std::unique_ptr<std::unordered_set<std::string>> seen;
};

class Handler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler> {
 public:
  // With a sink, the events go to it (streaming) instead of into a tree.
  Handler(std::string_view text, const rapidjson::MemoryStream& stream, const ParseLimits& limits,
          EventSink* sink = nullptr)
      : text_(text), stream_(stream), lines_(text), limits_(limits), sink_(sink) {}

  bool Null() { return scalar(Value()); }
  bool Bool(bool b) { return scalar(Value(b)); }
  bool Int(int i) { return scalar(Value(i)); }
  bool Uint(unsigned u) { return scalar(Value(static_cast<long long>(u))); }
  bool Int64(int64_t i) { return scalar(Value(static_cast<long long>(i))); }
  bool Uint64(uint64_t u) {
    if (u > static_cast<uint64_t>(INT64_MAX)) return fail_here("integer out of range");
    return scalar(Value(static_cast<long long>(u)));
  }
  bool Double(double d) { return scalar(Value(d)); }
  bool RawNumber(const char* s, rapidjson::SizeType len, bool) {
    Value v;
    if (!json_number(s, len, v)) return fail_here("'" + std::string(s, len) + "': " + number_problem(s, len));
    return scalar(std::move(v));
  }
  bool String(const char* s, rapidjson::SizeType len, bool) {
    if (has_surrogate(s, len)) return fail_here("invalid JSON: a \\u escape of a lone UTF-16 surrogate");
    return scalar(Value(std::string(s, len)));
  }
  bool StartObject() { return start(true); }
  bool Key(const char* s, rapidjson::SizeType len, bool) {
    int line, column;
    here(line, column);
    if (has_surrogate(s, len)) return fail(line, column, "invalid JSON: a \\u escape of a lone UTF-16 surrogate");
    if (sink_) return to_sink([&] { sink_->key(std::string_view(s, len), line, column); });
    Frame& top = stack_.back();
    std::string key(s, len);
    bool duplicate = false;
    if (top.seen) {
      duplicate = !top.seen->insert(key).second;
    } else if (top.value.find(key)) {
      duplicate = true;
    } else if (top.value.size() >= 16) {
      top.seen = std::make_unique<std::unordered_set<std::string>>(top.value.keys().begin(),
                                                                   top.value.keys().end());
      top.seen->insert(key);
    }
    if (duplicate) return fail(line, column, "duplicate key '" + key + "'");
    top.key = std::move(key);
    top.key_line = line;
    top.key_column = column;
    top.have_key = true;
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return end(); }
  bool StartArray() { return start(false); }
  bool EndArray(rapidjson::SizeType) { return end(); }

  Value root;
  bool failed = false;
  bool bailed = false;  // the sink gave up
  std::string message;
  int error_line = 0, error_column = 0;

 private:
  // The start of the value just read: the first character after the end of
  // the previous token that is not white space, ',' or ':', nor the '}' or
  // ']' of a collection that just ended (RapidJSON calls EndObject and
  // EndArray before it takes the bracket, so Tell() is still before it).
  void here(int& line, int& column) {
    std::size_t p = last_end_;
    while (p < text_.size() &&
           (text_[p] == ' ' || text_[p] == '\t' || text_[p] == '\n' || text_[p] == '\r' ||
            text_[p] == ',' || text_[p] == ':' || text_[p] == '}' || text_[p] == ']'))
      ++p;
    lines_.locate(p, line, column);
    last_end_ = stream_.Tell();
  }

  bool fail(int line, int column, std::string msg) {
    failed = true;
    message = std::move(msg);
    error_line = line;
    error_column = column;
    return false;
  }
  bool fail_here(std::string msg) {
    int line, column;
    here(line, column);
    return fail(line, column, std::move(msg));
  }

  // Counts a value against limits_.max_values (memory, not only size).
  bool count(int line, int column) {
    if (++values_ <= limits_.max_values) return true;
    if (limits_.values_over) *limits_.values_over = {true, line, column};
    return fail(line, column, "the document has more than " + std::to_string(limits_.max_values) +
                                  " values, over the limit (ReadOptions::max_values)");
  }

  template <typename F>
  bool to_sink(F&& f) {
    try {
      f();
      return true;
    } catch (const StreamBail&) {
    } catch (const Error&) {
    }
    bailed = true;
    return false;
  }

  bool scalar(Value v) {
    int line, column;
    here(line, column);
    if (!count(line, column)) return false;
    v.set_location(line, column);
    if (sink_) return to_sink([&] { sink_->scalar(std::move(v)); });
    return add(std::move(v));
  }

  bool start(bool is_map) {
    int line, column;
    here(line, column);
    if (!count(line, column)) return false;
    if ((sink_ ? depth_ : stack_.size()) >= limits_.max_depth)
      return fail(line, column, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    if (sink_) {
      ++depth_;
      return to_sink([&] { sink_->start(is_map, nullptr, line, column); });
    }
    Frame f;
    f.is_map = is_map;
    f.value = is_map ? Value::map() : Value::list();
    f.value.set_location(line, column);
    stack_.push_back(std::move(f));
    return true;
  }

  bool end() {
    last_end_ = stream_.Tell();
    if (sink_) {
      --depth_;
      return to_sink([&] { sink_->end(); });
    }
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    return add(std::move(f.value));
  }

  bool add(Value v) {
    if (stack_.empty()) {
      root = std::move(v);
      return true;
    }
    Frame& top = stack_.back();
    if (top.is_map) {
      if (v.is_map() || v.is_list()) v.set_location(top.key_line, top.key_column);
      top.value.append(std::move(top.key), std::move(v));
      top.have_key = false;
    } else {
      top.value.push_back(std::move(v));
    }
    return true;
  }

  std::string_view text_;
  const rapidjson::MemoryStream& stream_;
  LineTracker lines_;
  ParseLimits limits_;
  std::vector<Frame> stack_;
  std::size_t last_end_ = 0;
  std::size_t values_ = 0;
  EventSink* sink_ = nullptr;
  std::size_t depth_ = 0;
};

[[noreturn]] void bail() { throw StreamBail{}; }

// ---- plain JSON, without RapidJSON ------------------------------------------------
//
// JSON whose strings are printable ASCII without escapes (what the writers
// emit for ordinary models), read by a small scanner with the events and
// locations the RapidJSON handler gives (a value is located at its first
// character). Anything else gives up: escapes, other bytes, errors.
//
// It counts lines itself while it skips white space: a raw line feed can
// only be there (a string holding one gives up), so every location is the
// line and column of the current position, in O(1), with no second pass
// over the text.
class PlainJsonScanner {
 public:
  PlainJsonScanner(std::string_view text, const ParseLimits& limits, EventSink& sink)
      : text_(text), limits_(limits), sink_(sink) {}

  bool run() {
    if (text_.size() > limits_.max_bytes) return false;
    try {
      parse();
      return true;
    } catch (const StreamBail&) {
      return false;
    } catch (const Error&) {
      return false;
    }
  }

 private:

  char at(std::size_t i) const { return i < text_.size() ? text_[i] : '\0'; }

  void skip_ws() {
    const char* const data = text_.data();
    const std::size_t n = text_.size();
    std::size_t i = pos_;
    while (i < n) {
      const char c = data[i];
      if (c == ' ') {
        ++i;
      } else if (c == '\n') {
        ++i;
        ++line_;
        line_start_ = i;
      } else if (c == '\r' || c == '\t') {
        ++i;
      } else {
        break;
      }
    }
    pos_ = i;
  }

  // Where the handler locates the token at the current position: RapidJSON
  // calls StartObject and StartArray before it takes the bracket, so the
  // first key or item of a collection is located at its bracket.
  void locate(int& line, int& column) {
    if (after_bracket_) {
      after_bracket_ = false;
      line = bracket_line_;
      column = bracket_column_;
      return;
    }
    line = line_;
    column = static_cast<int>(pos_ - line_start_) + 1;
  }

  // Counts a value located at line:column, as the RapidJSON handler counts
  // its events (the same values, in the same order, at the same places).
  void count(int line, int column) {
    if (++values_ > limits_.max_values) {
      if (limits_.values_over) *limits_.values_over = {true, line, column};
      bail();
    }
  }

  // A string from pos_ (at its '"'): printable ASCII, escapes other than
  // \u decoded as RapidJSON decodes them.
  std::string_view string() {
    const char* const data = text_.data();
    const std::size_t n = text_.size();
    const std::size_t from = pos_ + 1;
    std::size_t i = from;
    bool escaped = false;
    for (;; ++i) {
      if (i >= n) bail();
      const unsigned char c = static_cast<unsigned char>(data[i]);
      if (c - 0x20u < 0x5Fu && c != '"' && c != '\\') continue;  // printable ASCII, the usual case
      if (c == '"') break;
      if (c != '\\') bail();
      escaped = true;
      ++i;
    }
    pos_ = i + 1;
    if (!escaped) return std::string_view(data + from, i - from);
    scratch_.clear();
    for (std::size_t j = from; j < i; ++j) {
      char c = text_[j];
      if (c == '\\') {
        switch (text_[++j]) {
          case '"': c = '"'; break;
          case '\\': c = '\\'; break;
          case '/': c = '/'; break;
          case 'b': c = '\b'; break;
          case 'f': c = '\f'; break;
          case 'n': c = '\n'; break;
          case 'r': c = '\r'; break;
          case 't': c = '\t'; break;
          default: bail();  // \u and invalid escapes: RapidJSON's
        }
      }
      scratch_.push_back(c);
    }
    return scratch_;
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?
  Value number() {
    const std::size_t from = pos_;
    std::size_t i = pos_;
    if (at(i) == '-') ++i;
    if (at(i) == '0') {
      ++i;
    } else if (digit(at(i))) {
      while (digit(at(i))) ++i;
    } else {
      bail();
    }
    if (at(i) == '.') {
      ++i;
      if (!digit(at(i))) bail();
      while (digit(at(i))) ++i;
    }
    if (at(i) == 'e' || at(i) == 'E') {
      ++i;
      if (at(i) == '-' || at(i) == '+') ++i;
      if (!digit(at(i))) bail();
      while (digit(at(i))) ++i;
    }
    Value v;
    if (!json_number(text_.data() + from, i - from, v)) bail();
    pos_ = i;
    return v;
  }

  void literal(std::string_view word) {
    if (text_.compare(pos_, word.size(), word) != 0) bail();
    pos_ += word.size();
  }

  void key() {
    skip_ws();
    if (at(pos_) != '"') bail();
    int line, column;
    locate(line, column);
    const std::string_view k = string();
    sink_.key(k, line, column);
    skip_ws();
    if (at(pos_) != ':') bail();
    ++pos_;
  }

  void parse() {
    std::string stack;  // 1: an object, 0: a list
    stack.reserve(32);
    bool want_value = true;
    for (;;) {
      if (want_value) {
        skip_ws();
        int line, column;
        locate(line, column);
        const char c = at(pos_);
        if (c == '{' || c == '[') {
          const bool is_map = c == '{';
          count(line, column);
          if (stack.size() >= limits_.max_depth) bail();
          sink_.start(is_map, nullptr, line, column);
          after_bracket_ = true;
          bracket_line_ = line_;
          bracket_column_ = static_cast<int>(pos_ - line_start_) + 1;
          ++pos_;
          skip_ws();
          if (at(pos_) == (is_map ? '}' : ']')) {
            ++pos_;
            after_bracket_ = false;
            sink_.end();
            want_value = false;
          } else {
            stack.push_back(is_map ? '\1' : '\0');
            if (is_map) key();
          }
          continue;
        }
        count(line, column);
        want_value = false;
        if (c == '"') {
          const std::string_view s = string();
          if (sink_.keeps_scalar()) sink_.text(s, line, column);
          continue;
        }
        Value v;
        if (c == '-' || digit(c)) {
          v = number();
        } else if (c == 't') {
          literal("true");
          v = Value(true);
        } else if (c == 'f') {
          literal("false");
          v = Value(false);
        } else if (c == 'n') {
          literal("null");
        } else {
          bail();
        }
        if (!sink_.keeps_scalar()) continue;
        v.set_location(line, column);
        sink_.scalar(std::move(v));
        continue;
      }
      if (stack.empty()) break;
      skip_ws();
      const char c = at(pos_);
      const bool in_map = stack.back() != '\0';
      if (c == ',') {
        ++pos_;
        if (in_map) key();
        want_value = true;
      } else if (c == (in_map ? '}' : ']')) {
        ++pos_;
        stack.pop_back();
        sink_.end();
      } else {
        bail();
      }
    }
    skip_ws();
    if (pos_ != text_.size()) bail();
  }

  std::string_view text_;
  ParseLimits limits_;
  EventSink& sink_;
  std::size_t pos_ = 0;
  std::size_t values_ = 0;
  int line_ = 1;                // the line of pos_ (after skip_ws)
  std::size_t line_start_ = 0;  // the offset where that line starts
  bool after_bracket_ = false;  // the next token is located at the bracket before it
  int bracket_line_ = 0, bracket_column_ = 0;
  std::string scratch_;
};

constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                            rapidjson::kParseNumbersAsStringsFlag;

}  // namespace

Value parse_json(std::string_view text, const std::string& source, const ParseLimits& limits) {
  if (text.size() > limits.max_bytes)
    throw Error(ErrorCode::parse,
                "the input is " + std::to_string(text.size()) + " bytes, over the limit of " +
                    std::to_string(limits.max_bytes),
                SourceLocation{source, 0, 0});
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    int line, column;
    offset_to_line_column(text, nul, line, column);
    throw Error(ErrorCode::parse, "a NUL byte is not allowed in JSON", SourceLocation{source, line, column});
  }
  rapidjson::MemoryStream stream(text.data(), text.size());
  Handler handler(text, stream, limits);
  rapidjson::Reader reader;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, handler);
  if (handler.failed)
    throw Error(ErrorCode::parse, handler.message,
                SourceLocation{source, handler.error_line, handler.error_column});
  if (!ok) {
    int line, column;
    offset_to_line_column(text, ok.Offset(), line, column);
    throw Error(ErrorCode::parse,
                std::string("invalid JSON: ") + rapidjson::GetParseError_En(ok.Code()),
                SourceLocation{source, line, column});
  }
  return std::move(handler.root);
}

bool stream_json_plain(std::string_view text, const ParseLimits& limits, EventSink& sink) {
  PlainJsonScanner scanner(text, limits, sink);
  return scanner.run();
}

bool stream_json(std::string_view text, const ParseLimits& limits, EventSink& sink) {
  if (text.size() > limits.max_bytes || text.find('\0') != std::string_view::npos) return false;
  rapidjson::MemoryStream stream(text.data(), text.size());
  Handler handler(text, stream, limits, &sink);
  rapidjson::Reader reader;
  const rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, handler);
  return ok && !handler.failed && !handler.bailed;
}

}  // namespace sbd::detail
