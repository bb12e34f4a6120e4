// The whole build (what `sbd build MODEL --engine sam` does) on the benchmark
// model, at 10 to 10,000 cells (70 to 70,000 nodes):
//   BM_BuildInMemory: read the YAML text, validate every rule, emit the SAM
//                     application (template, starter code, README) in memory;
//   BM_BuildToDisk:   the same, then write every file under a fresh directory
//                     (measured separately: it depends on the file system).
#include <benchmark/benchmark.h>

#include <sbd/emit.hpp>
#include <sbd/read.hpp>
#include <sbd/validate.hpp>

#include "model_generator.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace {

namespace fs = std::filesystem;

sbd::FileSet build(const std::string& yaml) {
  sbd::ReadOptions read_options;
  read_options.format = sbd::Format::yaml;
  const sbd::Architecture arch = sbd::read_string(yaml, "bench.sbd.yaml", read_options);
  sbd::ValidateOptions validate_options;
  validate_options.today = "2026-11-27";
  // From 36 cells on, the benchmark model is over CloudFormation's 500
  // resources per stack (SBD0202, an error): switched off as a model would
  // with `x-sbd-disable`; every other rule runs.
  validate_options.disabled = {"SBD0202"};
  const sbd::Report report = sbd::validate(arch, validate_options);
  if (!report.ok()) throw std::runtime_error("the benchmark model does not validate");
  return sbd::emit(arch, "sam");
}

std::size_t total_bytes(const sbd::FileSet& files) {
  std::size_t bytes = 0;
  for (const auto& [path, content] : files) bytes += content.size();
  return bytes;
}

void BM_BuildInMemory(benchmark::State& state) {
  const int cells = static_cast<int>(state.range(0));
  const std::string yaml = sbd_bench::cells_yaml(cells);
  std::size_t bytes = 0;
  std::size_t files = 0;
  for (auto _ : state) {
    const sbd::FileSet out = build(yaml);
    files = out.size();
    bytes = total_bytes(out);
    benchmark::DoNotOptimize(bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(yaml.size()));
  state.counters["nodes"] = cells * 7;
  state.counters["in_bytes"] = static_cast<double>(yaml.size());
  state.counters["out_bytes"] = static_cast<double>(bytes);
  state.counters["files"] = static_cast<double>(files);
}

void write_all(const fs::path& root, const sbd::FileSet& files) {
  for (const auto& [path, content] : files) {
    const fs::path target = root / path;
    fs::create_directories(target.parent_path());
    std::ofstream out(target, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + target.string());
  }
}

void BM_BuildToDisk(benchmark::State& state) {
  const int cells = static_cast<int>(state.range(0));
  const std::string yaml = sbd_bench::cells_yaml(cells);
  const fs::path base = fs::temp_directory_path() / ("sbd-bench-build-" + std::to_string(cells));
  fs::remove_all(base);
  std::size_t files = 0;
  int round = 0;
  for (auto _ : state) {
    const fs::path dir = base / std::to_string(round++);
    const sbd::FileSet out = build(yaml);
    write_all(dir, out);
    files = out.size();
    state.PauseTiming();
    fs::remove_all(dir);
    state.ResumeTiming();
  }
  fs::remove_all(base);
  state.counters["nodes"] = cells * 7;
  state.counters["files"] = static_cast<double>(files);
}

}  // namespace

BENCHMARK(BM_BuildInMemory)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond);
// To disk up to 1,000 cells (10,000 cells write ~420 MB in ~140,000 files per
// iteration: run.sh times that once, with sbd build under /usr/bin/time -v).
BENCHMARK(BM_BuildToDisk)->RangeMultiplier(10)->Range(10, 1000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
