// One const Architecture, shared by 8 threads that validate it and emit it
// with every engine at the same time: each gets the same report and the same
// files as a single thread does. Run under ThreadSanitizer with
// `cmake --preset tsan && cmake --build --preset tsan && ctest --preset tsan`
// (or scripts/tsan.sh) to check for data races; the plain run checks that the
// results agree.
#include <catch2/catch.hpp>

#include <sbd/emit.hpp>
#include <sbd/read.hpp>
#include <sbd/validate.hpp>

#include "test_support.hpp"

#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Result {
  std::string report_json;
  std::map<std::string, std::map<std::string, std::string>> files;  // engine -> path -> bytes
  std::map<std::string, std::string> refusals;                      // engine -> error
  std::string yaml, json, exported;
};

Result work(const sbd::Architecture& arch, const sbd::ValidateOptions& options) {
  Result r;
  r.report_json = sbd::validate(arch, options).to_json();
  for (const std::string& engine : sbd::engines()) {
    try {
      r.files[engine] = sbd::emit(arch, engine).files();
    } catch (const sbd::Error& e) {
      r.refusals[engine] = e.what();
    }
  }
  r.yaml = sbd::write_string(arch, sbd::Format::yaml);
  r.json = sbd::write_string(arch, sbd::Format::json);
  r.exported = sbd::write_string(arch, sbd::Format::sbd_json);
  return r;
}

void run_threads(const sbd::Architecture& arch) {
  sbd::ValidateOptions options;
  options.today = "2026-11-27";
  const Result expected = work(arch, options);
  REQUIRE_FALSE(expected.files.empty());

  constexpr int kThreads = 8;
  constexpr int kRounds = 3;
  std::vector<Result> results(kThreads * kRounds);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();  // start together
      for (int round = 0; round < kRounds; ++round) results[t * kRounds + round] = work(arch, options);
    });
  }
  for (auto& th : threads) th.join();
  for (const Result& r : results) {
    CHECK(r.report_json == expected.report_json);
    CHECK(r.files == expected.files);
    CHECK(r.refusals == expected.refusals);
    CHECK(r.yaml == expected.yaml);
    CHECK(r.json == expected.json);
    CHECK(r.exported == expected.exported);
  }
}

}  // namespace

TEST_CASE("8 threads validate and emit one shared const model and agree") {
  const sbd::Architecture arch = sbd::read_file(sbd_test::fixture("sam/every-connection.yaml"));
  run_threads(arch);
}

TEST_CASE("8 threads on a model with validation errors and a browser export") {
  const sbd::Architecture photos = sbd::read_file(sbd_test::fixture("models/photo-share.yaml"));
  run_threads(photos);
  const sbd::Architecture full = sbd::read_file(sbd_test::corpus_dir() + "/sbd-examples/full-app.json");
  run_threads(full);
}

TEST_CASE("8 threads read models at once (the catalog is shared)") {
  const std::string text = sbd_test::slurp(sbd_test::fixture("sam/every-connection.yaml"));
  const std::string expected = sbd::write_string(sbd::read_string(text), sbd::Format::yaml);
  std::vector<std::string> got(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) got[t] = sbd::write_string(sbd::read_string(text), sbd::Format::yaml);
    });
  for (auto& th : threads) th.join();
  for (const std::string& g : got) CHECK(g == expected);
}
