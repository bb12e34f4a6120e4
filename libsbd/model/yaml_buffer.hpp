// The block-YAML writer behind sbd::to_yaml, for code that writes YAML text
// straight from its own data (the SAM template) instead of building a Value
// tree first: the same buffer, the same quoting, the same layout, so that
// both give the same bytes. Internal to libsbd.
#pragma once

#include <sbd/value.hpp>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace sbd::detail {

// The YAML writer's output: a string grown by doubling and filled through a
// raw pointer (std::string's checks and calls per append cost more than the
// few bytes each piece of a YAML line copies).
class YamlBuffer {
 public:
  explicit YamlBuffer(std::size_t capacity = 4096)
      : buf_(capacity < 64 ? 64 : capacity, '\0'), p_(&buf_[0]), end_(p_ + buf_.size()) {}
  YamlBuffer(const YamlBuffer&) = delete;
  YamlBuffer& operator=(const YamlBuffer&) = delete;
  void push_back(char c) {
    room(1);
    *p_++ = c;
  }
  void append(const char* s, std::size_t n) {
    room(n);
    std::memcpy(p_, s, n);
    p_ += n;
  }
  void append(std::size_t n, char c) {
    room(n);
    std::memset(p_, c, n);
    p_ += n;
  }
  /// n spaces (an indentation): a fixed-size copy the compiler inlines,
  /// into room for it, then the pointer moves on by n.
  void spaces(std::size_t n) {
    static constexpr char kSpaces[33] = "                                ";
    if (n > 32) return append(n, ' ');
    room(32);
    std::memcpy(p_, kSpaces, 32);
    p_ += n;
  }
  YamlBuffer& operator+=(std::string_view s) {
    append(s.data(), s.size());
    return *this;
  }
  void integer(long long v) {
    room(24);
    p_ = std::to_chars(p_, p_ + 24, v).ptr;
  }
  /// The bytes written so far; truncate(size()) taken earlier drops what was
  /// written since.
  std::size_t size() const noexcept { return static_cast<std::size_t>(p_ - buf_.data()); }
  void truncate(std::size_t n) noexcept {
    if (n < size()) p_ = &buf_[0] + n;
  }
  std::string_view view() const noexcept { return {buf_.data(), size()}; }
  /// The bytes it can hold without growing.
  std::size_t capacity() const noexcept { return buf_.size(); }
  /// Empty again, keeping its memory (a scratch buffer used over and over).
  void clear() noexcept { p_ = &buf_[0]; }
  /// Empty again, with room for capacity bytes.
  void reset(std::size_t capacity) {
    buf_.assign(capacity < 64 ? 64 : capacity, '\0');
    p_ = &buf_[0];
    end_ = p_ + buf_.size();
  }
  std::string take() {
    buf_.resize(static_cast<std::size_t>(p_ - buf_.data()));
    return std::move(buf_);
  }

 private:
  void room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) grow(n);
  }
  void grow(std::size_t n) {
    const auto used = static_cast<std::size_t>(p_ - buf_.data());
    buf_.resize(std::max(buf_.size() * 2, used + n));
    p_ = &buf_[0] + used;
    end_ = &buf_[0] + buf_.size();
  }
  std::string buf_;
  char* p_;
  char* end_;
};


/// A string scalar as to_yaml writes it: plain when every YAML 1.1 and 1.2
/// reader reads it back as the same string, else single or double quoted.
void yaml_scalar(YamlBuffer& out, std::string_view s);
/// What to_yaml writes after "key:" (inline_item false) or "-" (inline_item
/// true) for v, the key or dash being at indentation `indent`: " scalar\n",
/// " !Tag scalar\n", or a newline and the block two spaces deeper (after "-",
/// a block without a tag starts on the same line).
void yaml_after_indicator(YamlBuffer& out, const Value& v, int indent, bool inline_item);
/// "key:" at indentation `indent`, then v as yaml_after_indicator writes it.
inline void yaml_entry(YamlBuffer& out, int indent, std::string_view key, const Value& v) {
  out.spaces(static_cast<std::size_t>(indent));
  yaml_scalar(out, key);
  out.push_back(':');
  yaml_after_indicator(out, v, indent, false);
}

}  // namespace sbd::detail
