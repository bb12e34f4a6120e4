#include "json_value.hpp"

#include <sbd/error.hpp>

#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace sbd::detail {
namespace {

// A SAX handler that builds the Value with an explicit stack.
class Builder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Builder> {
 public:
  explicit Builder(std::size_t max_depth) : max_depth_(max_depth) {}

  bool Null() { return add(Value()); }
  bool Bool(bool b) { return add(Value(b)); }
  bool Int(int i) { return add(Value(i)); }
  bool Uint(unsigned u) { return add(Value(static_cast<long long>(u))); }
  bool Int64(std::int64_t i) { return add(Value(static_cast<long long>(i))); }
  bool Uint64(std::uint64_t u) {
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<long long>::max()))
      return add(Value(static_cast<long long>(u)));
    return add(Value(static_cast<double>(u)));
  }
  bool Double(double d) { return add(Value(d)); }
  // Numbers arrive as text (kParseNumbersAsStringsFlag) and are converted with
  // std::from_chars: RapidJSON 1.1.0's full-precision conversion runs
  // __builtin_clz(0) on a zero significand with an exponent ("0e40"), which
  // is undefined behaviour (found by fuzzing the model reader).
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    const std::string_view text(s, n);
    if (text.find_first_of(".eE") == std::string_view::npos) {
      long long v = 0;
      const auto r = std::from_chars(s, s + n, v);
      if (r.ec == std::errc() && r.ptr == s + n) return add(Value(v));
    }
    double d = 0;
    const auto r = std::from_chars(s, s + n, d);
    if (r.ec == std::errc::result_out_of_range) {
      const auto e = text.find_first_of("eE");
      if (e != std::string_view::npos && e + 1 < n && text[e + 1] == '-') return add(Value(0.0));  // underflow
    }
    if (r.ec != std::errc() || r.ptr != s + n || !std::isfinite(d)) {
      error_ = "number out of range: " + std::string(text);
      return false;
    }
    return add(Value(d));
  }
  bool String(const char* s, rapidjson::SizeType n, bool) { return add(Value(std::string(s, n))); }
  bool StartObject() { return open(Value::map()); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    Frame& top = stack_.back();
    std::string key(s, n);
    if (!top.keys.insert(key).second) {
      error_ = "duplicate key \"" + key + "\"";
      return false;
    }
    top.key = std::move(key);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(Value::list()); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  Value take() { return std::move(root_); }
  const std::string& error() const { return error_; }

 private:
  struct Frame {
    Value value;
    std::string key;                       // the pending key of a map
    std::unordered_set<std::string> keys;  // the keys seen, to refuse duplicates
  };

  bool add(Value v) {
    if (stack_.empty()) {
      root_ = std::move(v);
    } else if (stack_.back().value.is_map()) {
      stack_.back().value.append(std::move(stack_.back().key), std::move(v));
    } else {
      stack_.back().value.push_back(std::move(v));
    }
    return true;
  }
  bool open(Value container) {
    if (stack_.size() >= max_depth_) {
      error_ = "nested deeper than " + std::to_string(max_depth_) + " levels";
      return false;
    }
    stack_.push_back(Frame{std::move(container), {}, {}});
    return true;
  }
  bool close() {
    Value v = std::move(stack_.back().value);
    stack_.pop_back();
    return add(std::move(v));
  }

  std::size_t max_depth_;
  std::vector<Frame> stack_;
  Value root_;
  std::string error_;
};

}  // namespace

Value parse_json_value(std::string_view text, std::size_t max_depth) {
  Builder builder(max_depth);
  rapidjson::MemoryStream bytes(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> in(bytes);
  rapidjson::Reader reader;
  constexpr unsigned flags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                             rapidjson::kParseValidateEncodingFlag;
  if (!reader.Parse<flags>(in, builder)) {
    const std::size_t offset = std::min(reader.GetErrorOffset(), text.size());
    SourceLocation where;
    where.line = 1;
    where.column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
      if (text[i] == '\n') {
        ++where.line;
        where.column = 1;
      } else {
        ++where.column;
      }
    }
    std::string why = reader.GetParseErrorCode() == rapidjson::kParseErrorTermination
                          ? builder.error()
                          : rapidjson::GetParseError_En(reader.GetParseErrorCode());
    if (!why.empty() && why.back() == '.') why.pop_back();
    throw Error(ErrorCode::parse, why, where);
  }
  return builder.take();
}

}  // namespace sbd::detail
