// libFuzzer: the `sbd: 1` YAML reader. Any input: a model or an sbd::Error;
// a model survives the YAML and JSON round trips.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sbd::ReadOptions options;
  options.format = sbd::Format::yaml;
  sbd::Architecture arch;
  try {
    arch = sbd::read_string(text, "fuzz.yaml", options);
  } catch (const sbd::Error& e) {
    sbd_fuzz::require(e.code() == sbd::ErrorCode::parse || e.code() == sbd::ErrorCode::invalid,
                      std::string("unexpected error code for bad input: ") + e.what());
    return 0;
  }
  sbd_fuzz::check_round_trip(arch, sbd::Format::yaml);
  sbd_fuzz::check_round_trip(arch, sbd::Format::json);
  return 0;
}
