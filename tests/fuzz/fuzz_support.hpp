// Shared by the libFuzzer harnesses: what counts as a finding.
//
// A reader may refuse any input, but only with sbd::Error; every other
// exception (std::bad_alloc, std::out_of_range, ...) escapes the harness and
// libFuzzer reports it as a crash. A model that reads must survive the round
// trip: writing it and reading the text back gives the same text again.
#pragma once

#include <sbd/error.hpp>
#include <sbd/read.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace sbd_fuzz {

[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "FINDING: %s\n", what.c_str());
  std::abort();
}

inline void require(bool ok, const std::string& what) {
  if (!ok) finding(what);
}

/// Writes arch in `format`, reads it back, writes again: both texts must be
/// equal (the canonical writers are a fixed point of reading).
inline void check_round_trip(const sbd::Architecture& arch, sbd::Format format) {
  const std::string once = sbd::write_string(arch, format);
  sbd::ReadOptions options;
  options.format = format;
  sbd::Architecture back;
  try {
    back = sbd::read_string(once, "<round-trip>", options);
  } catch (const sbd::Error& e) {
    finding(std::string("written model does not read back as ") + sbd::format_name(format) + ": " +
            e.what() + "\n--- text ---\n" + once);
  }
  const std::string twice = sbd::write_string(back, format);
  if (once != twice)
    finding(std::string("round trip through ") + sbd::format_name(format) + " changed the text\n--- once ---\n" +
            once + "\n--- twice ---\n" + twice);
}

}  // namespace sbd_fuzz
