// Helpers shared by the C++ tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace sbd_test {

inline std::string source_dir() { return SBD_SOURCE_DIR; }
inline std::string corpus_dir() { return SBD_CORPUS_DIR; }
inline std::string fixture(const std::string& rel) { return source_dir() + "/tests/fixtures/" + rel; }

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace sbd_test
