// How each stage's cost grows with the model, between the speed bar's two
// sizes: the benchmark model (model_generator.hpp) at 1,000, 2,000, 3,000,
// 5,000, 7,000 and 10,000 cells, the counter per_cell giving the time per
// cell. Four stages: reading the YAML model, validating it (every rule of the
// whole build), emitting the SAM application (template, starter code, README)
// to a sink that keeps nothing, and the three together (the whole build in
// memory, as bench_build's BM_BuildInMemory).
//
// Each is timed two ways:
//   warm: back to back, as every other program here: what the last run
//      left in the processor's caches is still there (at 1,000 cells the
//      whole model is; from 2,000 cells on it is not: docs/performance.md);
//   cold: the caches flushed before each run, untimed, by reading a buffer
//      of twice the last-level cache; every size then starts from memory.
// Linear costs show as a constant per_cell; a step between two sizes is the
// working set leaving the cache, not work that grows.
#include <benchmark/benchmark.h>

#include <sbd/emit.hpp>
#include <sbd/read.hpp>
#include <sbd/validate.hpp>

#include "model_generator.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// Reads a buffer of twice the last-level cache (at least 64 MiB), a byte per
// cache line: what the run before left in the caches is evicted.
void flush_caches() {
  static const std::vector<unsigned char> buffer = [] {
    const long l3 = sysconf(_SC_LEVEL3_CACHE_SIZE);
    const std::size_t twice_l3 = l3 > 0 ? 2 * static_cast<std::size_t>(l3) : 0;
    const std::size_t size = std::max<std::size_t>(std::size_t{64} << 20, twice_l3);
    return std::vector<unsigned char>(size, 1);
  }();
  unsigned sum = 0;
  for (std::size_t i = 0; i < buffer.size(); i += 64) sum += buffer[i];
  benchmark::DoNotOptimize(sum);
}

// Runs op once per iteration, the caches flushed before each when cold;
// reports the time per cell.
template <typename Op>
void timed(benchmark::State& state, bool cold, Op op) {
  const int cells = static_cast<int>(state.range(0));
  for (auto _ : state) {
    if (cold) {
      state.PauseTiming();
      flush_caches();
      state.ResumeTiming();
    }
    op();
  }
  state.counters["cells"] = cells;
  state.counters["per_cell"] = benchmark::Counter(
      static_cast<double>(cells), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

sbd::Architecture read_yaml(const std::string& yaml) {
  sbd::ReadOptions options;
  options.format = sbd::Format::yaml;
  return sbd::read_string(yaml, "bench.sbd.yaml", options);
}

void emit_sam(const sbd::Architecture& arch) {
  sbd_bench::CountingSink sink;
  sbd::emit_to(arch, "sam", sink);
  benchmark::DoNotOptimize(sink.content_bytes);
}

void BM_GrowthReadYaml(benchmark::State& state, bool cold) {
  const std::string yaml = sbd_bench::cells_yaml(static_cast<int>(state.range(0)));
  timed(state, cold, [&] {
    const sbd::Architecture arch = read_yaml(yaml);
    benchmark::DoNotOptimize(arch.node_count());
  });
}

void BM_GrowthValidate(benchmark::State& state, bool cold) {
  const sbd::Architecture arch = read_yaml(sbd_bench::cells_yaml(static_cast<int>(state.range(0))));
  const sbd::ValidateOptions options = sbd_bench::build_validate_options();
  timed(state, cold, [&] {
    const sbd::Report report = sbd::validate(arch, options);
    benchmark::DoNotOptimize(report.diagnostics.size());
  });
}

void BM_GrowthEmitSam(benchmark::State& state, bool cold) {
  const sbd::Architecture arch = read_yaml(sbd_bench::cells_yaml(static_cast<int>(state.range(0))));
  timed(state, cold, [&] { emit_sam(arch); });
}

void BM_GrowthBuild(benchmark::State& state, bool cold) {
  const std::string yaml = sbd_bench::cells_yaml(static_cast<int>(state.range(0)));
  const sbd::ValidateOptions options = sbd_bench::build_validate_options();
  timed(state, cold, [&] {
    const sbd::Architecture arch = read_yaml(yaml);
    if (!sbd::validate(arch, options).ok()) throw std::runtime_error("the benchmark model does not validate");
    emit_sam(arch);
  });
}

// 10 cells: the smoke size of the test run (CMakeLists.txt), not a figure.
void sizes(benchmark::internal::Benchmark* b) {
  for (int cells : {10, 1000, 2000, 3000, 5000, 7000, 10000}) b->Arg(cells);
  b->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK_CAPTURE(BM_GrowthReadYaml, warm, false)->Apply(sizes);
BENCHMARK_CAPTURE(BM_GrowthReadYaml, cold, true)->Apply(sizes);
BENCHMARK_CAPTURE(BM_GrowthValidate, warm, false)->Apply(sizes);
BENCHMARK_CAPTURE(BM_GrowthValidate, cold, true)->Apply(sizes);
BENCHMARK_CAPTURE(BM_GrowthEmitSam, warm, false)->Apply(sizes);
BENCHMARK_CAPTURE(BM_GrowthEmitSam, cold, true)->Apply(sizes);
BENCHMARK_CAPTURE(BM_GrowthBuild, warm, false)->Apply(sizes);
BENCHMARK_CAPTURE(BM_GrowthBuild, cold, true)->Apply(sizes);

BENCHMARK_MAIN();
