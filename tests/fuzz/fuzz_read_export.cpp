// libFuzzer: the browser tool's JSON export reader. Any input: a model or an
// sbd::Error; an imported model writes canonical YAML that reads back to the
// same text, and writes an export that reads back as an export.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sbd::ReadOptions options;
  options.format = sbd::Format::sbd_json;
  std::vector<sbd::ReadNote> notes;
  sbd::Architecture arch;
  try {
    arch = sbd::read_string(text, "fuzz.sbd.json", options, &notes);
  } catch (const sbd::Error& e) {
    sbd_fuzz::require(e.code() == sbd::ErrorCode::parse || e.code() == sbd::ErrorCode::invalid,
                      std::string("unexpected error code for bad input: ") + e.what());
    return 0;
  }
  sbd_fuzz::check_round_trip(arch, sbd::Format::yaml);
  const std::string exported = sbd::write_string(arch, sbd::Format::sbd_json);
  try {
    (void)sbd::read_string(exported, "<export>", options);
  } catch (const sbd::Error& e) {
    sbd_fuzz::finding(std::string("written export does not read back: ") + e.what() + "\n" + exported);
  }
  return 0;
}
