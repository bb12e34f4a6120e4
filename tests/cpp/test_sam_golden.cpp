// Golden files of the SAM engine (tests/golden/sam/, listed in models.txt):
// the engine's output must not change unnoticed. When a change is intended,
// run scripts/refresh-golden.sh and review the diff.
#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <sbd/emit.hpp>
#include <sbd/read.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct GoldenModel {
  std::string name;
  std::string path;
};

std::vector<GoldenModel> manifest() {
  std::ifstream in(sbd_test::source_dir() + "/tests/golden/sam/models.txt");
  std::vector<GoldenModel> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    GoldenModel m;
    words >> m.name >> m.path;
    if (m.path.rfind("corpus/", 0) == 0) m.path = sbd_test::corpus_dir() + "/" + m.path.substr(7);
    else m.path = sbd_test::source_dir() + "/" + m.path;
    out.push_back(m);
  }
  return out;
}

}  // namespace

TEST_CASE("the SAM engine's output matches the golden files") {
  const auto models = manifest();
  REQUIRE(models.size() >= 3);
  for (const GoldenModel& m : models) {
    const sbd::FileSet files = sbd::emit(sbd::read_file(m.path), "sam");
    for (const char* f : {"template.yaml", "README.md", "samconfig.toml", ".gitignore"}) {
      INFO(m.name << "/" << f << " differs: if the change is intended, run scripts/refresh-golden.sh sam");
      const std::string golden = sbd_test::slurp(sbd_test::source_dir() + "/tests/golden/sam/" + m.name + "/" + f);
      REQUIRE_FALSE(golden.empty());
      CHECK(files.at(f) == golden);
    }
  }
}
