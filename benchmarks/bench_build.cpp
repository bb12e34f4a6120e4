// The whole build (what `sbd build MODEL --engine sam -o DIR` does) on the
// benchmark model, at 10 to 10,000 cells (70 to 70,000 nodes):
//   BM_BuildInMemory: the bar's "whole build in memory": read the YAML text,
//                     validate every rule, emit the SAM application (template,
//                     starter code per function, README) file by file to a
//                     sink that counts the bytes (sbd::emit_to; what
//                     `sbd build` does but for the disk);
//   BM_BuildFileSet:  the same, collecting the application in a FileSet
//                     (sbd::emit, what the API returns): the cost of the set;
//   BM_WriteTree:     the disk write alone: an application emitted
//                     beforehand written under a fresh directory by the
//                     command line's writer (temporaries, then renames);
//   BM_BuildToDisk:   the whole `sbd build`: read, validate, emit each file
//                     straight to the writer, commit.
// The two disk benchmarks depend on the file system (and on the machine's
// load: mostly system time).
#include <benchmark/benchmark.h>

#include <sbd/emit.hpp>
#include <sbd/read.hpp>
#include <sbd/validate.hpp>

#include "model_generator.hpp"
#include "page_faults.hpp"
#include "write_tree.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>

namespace {

namespace fs = std::filesystem;

sbd::Architecture read_and_validate(const std::string& yaml) {
  sbd::ReadOptions read_options;
  read_options.format = sbd::Format::yaml;
  sbd::Architecture arch = sbd::read_string(yaml, "bench.sbd.yaml", read_options);
  const sbd::Report report = sbd::validate(arch, sbd_bench::build_validate_options());
  if (!report.ok()) throw std::runtime_error("the benchmark model does not validate");
  return arch;
}

using sbd_bench::CountingSink;

void counters(benchmark::State& state, int cells, const std::string& yaml, std::size_t files, std::size_t bytes) {
  state.counters["nodes"] = cells * 7;
  state.counters["in_bytes"] = static_cast<double>(yaml.size());
  state.counters["out_bytes"] = static_cast<double>(bytes);
  state.counters["files"] = static_cast<double>(files);
}

void BM_BuildInMemory(benchmark::State& state) {
  const int cells = static_cast<int>(state.range(0));
  const std::string yaml = sbd_bench::cells_yaml(cells);
  CountingSink last;
  const sbd_bench::PageFaults faults;
  for (auto _ : state) {
    const sbd::Architecture arch = read_and_validate(yaml);
    CountingSink sink;
    sbd::emit_to(arch, "sam", sink);
    last = sink;
  }
  faults.report(state);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(yaml.size()));
  counters(state, cells, yaml, last.files, last.path_bytes + last.content_bytes);
}

void BM_BuildFileSet(benchmark::State& state) {
  const int cells = static_cast<int>(state.range(0));
  const std::string yaml = sbd_bench::cells_yaml(cells);
  std::size_t files = 0, bytes = 0;
  for (auto _ : state) {
    const sbd::Architecture arch = read_and_validate(yaml);
    const sbd::FileSet out = sbd::emit(arch, "sam");
    files = out.size();
    bytes = 0;
    for (const auto& [path, content] : out) bytes += path.size() + content.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(yaml.size()));
  counters(state, cells, yaml, files, bytes);
}

fs::path fresh_base(const std::string& what, int cells) {
  const fs::path base = fs::temp_directory_path() / ("sbd-bench-" + what + "-" + std::to_string(cells));
  fs::remove_all(base);
  return base;
}

void BM_WriteTree(benchmark::State& state) {
  const int cells = static_cast<int>(state.range(0));
  const std::string yaml = sbd_bench::cells_yaml(cells);
  const sbd::FileSet app = sbd::emit(read_and_validate(yaml), "sam");
  const fs::path base = fresh_base("write", cells);
  std::size_t files = 0, bytes = 0;
  int round = 0;
  for (auto _ : state) {
    const fs::path dir = base / std::to_string(round++);
    sbd_cli::TreeWriter writer(dir.string(), /*force=*/false);
    for (const auto& [path, content] : app) writer.add(path, content);
    files = writer.commit();
    state.PauseTiming();
    fs::remove_all(dir);
    state.ResumeTiming();
  }
  fs::remove_all(base);
  for (const auto& [path, content] : app) bytes += path.size() + content.size();
  counters(state, cells, yaml, files, bytes);
}

void BM_BuildToDisk(benchmark::State& state) {
  const int cells = static_cast<int>(state.range(0));
  const std::string yaml = sbd_bench::cells_yaml(cells);
  const fs::path base = fresh_base("build", cells);
  std::size_t files = 0;
  int round = 0;
  for (auto _ : state) {
    const fs::path dir = base / std::to_string(round++);
    const sbd::Architecture arch = read_and_validate(yaml);
    sbd_cli::TreeWriter writer(dir.string(), /*force=*/false);
    sbd::emit_to(arch, "sam", writer);
    files = writer.commit();
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
BENCHMARK(BM_BuildFileSet)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond);
// To disk up to 1,000 cells (10,000 cells write ~420 MB in ~150,000 files per
// iteration: run.sh times that once, with sbd build under /usr/bin/time -v).
BENCHMARK(BM_WriteTree)->RangeMultiplier(10)->Range(10, 1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildToDisk)->RangeMultiplier(10)->Range(10, 1000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
