// libFuzzer: the `sbd: 1` JSON reader. Any input: a model or an sbd::Error;
// a model survives the JSON and YAML round trips.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sbd::ReadOptions options;
  options.format = sbd::Format::json;
  sbd::Architecture arch;
  try {
    arch = sbd::read_string(text, "fuzz.json", options);
  } catch (const sbd::Error& e) {
    sbd_fuzz::require(e.code() == sbd::ErrorCode::parse || e.code() == sbd::ErrorCode::invalid,
                      std::string("unexpected error code for bad input: ") + e.what());
    return 0;
  }
  sbd_fuzz::check_round_trip(arch, sbd::Format::json);
  sbd_fuzz::check_round_trip(arch, sbd::Format::yaml);
  return 0;
}
