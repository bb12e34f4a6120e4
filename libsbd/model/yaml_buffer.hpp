// The block-YAML writer behind sbd::to_yaml, for code that writes YAML text
// straight from its own data (the SAM template) instead of building a Value
// tree first: the same buffer, the same quoting, the same layout, so that
// both give the same bytes. Internal to libsbd.
#pragma once

#include <sbd/value.hpp>

#include "model/huge_pages.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sbd::detail {

// The YAML writer's output: a string grown by doubling and filled through a
// raw pointer (std::string's checks and calls per append cost more than the
// few bytes each piece of a YAML line copies).
//
// Its memory is reserved at once but made writable (resized, which zeroes
// it) a step at a time, just ahead of the writes: a 25 MB template is then
// not zeroed in one pass and written in a second, each a trip to memory,
// but zeroed in cache right before it is written.
class YamlBuffer {
 public:
  explicit YamlBuffer(std::size_t capacity = 4096) {
    buf_.reserve(capacity < 64 ? 64 : capacity);
    huge_pages();
    open(0);
  }
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
  /// Appends text written already (a resource put in its place in the
  /// template): into the room made writable when it fits, else copied on the
  /// end without first zeroing room for it, so that a document put together
  /// from pieces is written once, not zeroed and then written.
  YamlBuffer& operator+=(std::string_view s) {
    if (static_cast<std::size_t>(end_ - p_) >= s.size()) {
      std::memcpy(p_, s.data(), s.size());
      p_ += s.size();
      return *this;
    }
    const std::size_t capacity = buf_.capacity();
    buf_.resize(size());  // (shorter: nothing is zeroed)
    buf_.append(s.data(), s.size());
    if (buf_.capacity() != capacity) huge_pages();
    p_ = end_ = &buf_[0] + buf_.size();
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
  std::size_t capacity() const noexcept { return buf_.capacity(); }
  /// Empty again, keeping its memory (a scratch buffer used over and over).
  void clear() noexcept { p_ = &buf_[0]; }
  /// Empty again, with room for capacity bytes.
  void reset(std::size_t capacity) {
    std::string fresh;
    fresh.reserve(capacity < 64 ? 64 : capacity);
    buf_.swap(fresh);
    huge_pages();
    open(0);
  }
  std::string take() {
    buf_.resize(size());
    return std::move(buf_);
  }

 private:
  // What is made writable at a time: well within the L2 cache.
  static constexpr std::size_t kStep = std::size_t{64} << 10;
  void room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) grow(n);
  }
  // Writable up to used + n bytes at least, one step more when the reserve
  // allows; beyond the reserve, the reserve doubles.
  void grow(std::size_t n) {
    const std::size_t used = size();
    if (used + n > buf_.capacity()) {
      buf_.resize(used);  // what is kept when the memory moves
      buf_.reserve(std::max(buf_.capacity() * 2, used + n));
      huge_pages();
    }
    open(used, n);
  }
  // A big buffer's memory is fresh from the system: 4 KB pages fault in one
  // by one as it is written (6,000 faults for a 25 MB template). Where the
  // system offers transparent huge pages on request, ask for them.
  void huge_pages() noexcept { advise_huge_pages(buf_.data(), buf_.capacity()); }
  void open(std::size_t used, std::size_t n = 0) {
    const std::size_t want = std::max(used + n, std::min(buf_.capacity(), std::max(buf_.size(), used) + kStep));
    if (want > buf_.size()) buf_.resize(want);
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
