// libFuzzer: read (any format, detected) -> validate -> emit with every
// engine. Nothing may throw but sbd::Error, every emitted path is a safe
// relative path, and emitting is deterministic (twice, the same files).
#include "fuzz_support.hpp"

#include <sbd/emit.hpp>
#include <sbd/validate.hpp>

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sbd::Architecture arch;
  try {
    arch = sbd::read_string(text, "fuzz-model");
  } catch (const sbd::Error&) {
    return 0;
  }
  sbd::ValidateOptions vo;
  vo.today = "2026-11-27";  // date rules: deterministic
  (void)sbd::validate(arch, vo);
  static const std::vector<std::string> names = sbd::engines();
  for (const std::string& engine : names) {
    sbd::FileSet first;
    try {
      first = sbd::emit(arch, engine);
    } catch (const sbd::Error& e) {
      // An engine may refuse a model it cannot build, but not with a bug.
      sbd_fuzz::require(e.code() != sbd::ErrorCode::internal,
                        "engine " + engine + " failed with an internal error: " + e.what());
      continue;
    }
    for (const auto& [path, content] : first) {
      try {
        sbd::FileSet::check_path(path);
      } catch (const sbd::Error& e) {
        sbd_fuzz::finding("engine " + engine + " emitted an unsafe path: " + path);
      }
    }
    const sbd::FileSet second = sbd::emit(arch, engine);
    sbd_fuzz::require(first.files() == second.files(), "engine " + engine + " is not deterministic");
  }
  return 0;
}
