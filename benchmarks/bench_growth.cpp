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
//
// BM_X10_<stage> measure the bar's own figure, the time at 10,000 cells over
// the time at 1,000, with the two sizes in alternation: the machine's speed
// drifts by 10% to 30% from one minute to the next (docs/performance.md),
// and two benchmarks run a minute apart can read 9.9x or 13x for the same
// code. Each iteration times the stage warm at 1,000 cells (the median of
// five runs after an untimed one), then warm at 10,000 (the median of three
// after an untimed one), a fraction of a second in all, and keeps the ratio;
// the counter x10 is the median of the iterations' ratios, small_ms and
// big_ms the medians of their times (thread CPU time).
//
// BM_X10_SamTemplate is the template alone (the bar's "SAM template in
// memory"), BM_X10_EmitSam the whole SAM application.
//
// Two more split the validator's x10 (docs/performance.md, eighth round):
// BM_X10_ValidateAnalysis times its shared analysis of the graph alone (the
// one walk of every node and edge), BM_X10_ValidateNoFindings every rule but
// the three that report on each cell of the benchmark model (SBD0501,
// SBD0502, SBD0603): the rules' work without the findings' memory.
#include <benchmark/benchmark.h>

#include <sbd/emit.hpp>
#include <sbd/read.hpp>
#include <sbd/validate.hpp>

#include "emit/sam/template.hpp"
#include "model_generator.hpp"
#include "validate/analysis.hpp"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
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

// The four stages, as both kinds of benchmark below time them.
void read_stage(const std::string& yaml) {
  const sbd::Architecture arch = read_yaml(yaml);
  benchmark::DoNotOptimize(arch.node_count());
}

void validate_stage(const sbd::Architecture& arch, const sbd::ValidateOptions& options) {
  const sbd::Report report = sbd::validate(arch, options);
  benchmark::DoNotOptimize(report.diagnostics.size());
}

void build_stage(const std::string& yaml, const sbd::ValidateOptions& options) {
  const sbd::Architecture arch = read_yaml(yaml);
  if (!sbd::validate(arch, options).ok()) throw std::runtime_error("the benchmark model does not validate");
  emit_sam(arch);
}

int cells_of(const benchmark::State& state) { return static_cast<int>(state.range(0)); }

void BM_GrowthReadYaml(benchmark::State& state, bool cold) {
  const std::string yaml = sbd_bench::cells_yaml(cells_of(state));
  timed(state, cold, [&] { read_stage(yaml); });
}

void BM_GrowthValidate(benchmark::State& state, bool cold) {
  const sbd::Architecture arch = read_yaml(sbd_bench::cells_yaml(cells_of(state)));
  const sbd::ValidateOptions options = sbd_bench::build_validate_options();
  timed(state, cold, [&] { validate_stage(arch, options); });
}

void BM_GrowthEmitSam(benchmark::State& state, bool cold) {
  const sbd::Architecture arch = read_yaml(sbd_bench::cells_yaml(cells_of(state)));
  timed(state, cold, [&] { emit_sam(arch); });
}

void BM_GrowthBuild(benchmark::State& state, bool cold) {
  const std::string yaml = sbd_bench::cells_yaml(cells_of(state));
  const sbd::ValidateOptions options = sbd_bench::build_validate_options();
  timed(state, cold, [&] { build_stage(yaml, options); });
}

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t h = v.size() / 2;
  return v.size() % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

// The median time of `runs` timed runs of op, after one untimed run that
// brings what it can into the caches (as a warm benchmark's first iterations).
template <typename Op>
double warm_median_ms(Op op, int runs) {
  op();
  std::vector<double> times;
  for (int r = 0; r < runs; ++r) {
    const double start = thread_cpu_ms();
    op();
    times.push_back(thread_cpu_ms() - start);
  }
  return median(std::move(times));
}

// op(0) runs the stage on the small input, op(1) on the big one.
template <typename Op>
void x10(benchmark::State& state, Op op) {
  std::vector<double> small, big, ratios;
  for (auto _ : state) {
    const double s = warm_median_ms([&] { op(0); }, 5);
    const double b = warm_median_ms([&] { op(1); }, 3);
    small.push_back(s);
    big.push_back(b);
    ratios.push_back(b / s);
  }
  state.counters["small_ms"] = median(small);
  state.counters["big_ms"] = median(big);
  state.counters["x10"] = median(ratios);
}

// The model at state.range(0) cells (1,000; 10 in the smoke run) and at ten
// times as many: as YAML text, and read.
std::array<std::string, 2> x10_yaml(const benchmark::State& state) {
  return {sbd_bench::cells_yaml(cells_of(state)), sbd_bench::cells_yaml(10 * cells_of(state))};
}
std::array<sbd::Architecture, 2> x10_models(const benchmark::State& state) {
  const std::array<std::string, 2> yaml = x10_yaml(state);
  return {read_yaml(yaml[0]), read_yaml(yaml[1])};
}

void BM_X10_ReadYaml(benchmark::State& state) {
  const std::array<std::string, 2> yaml = x10_yaml(state);
  x10(state, [&](std::size_t i) { read_stage(yaml[i]); });
}

// The whole build's validation, with the rules named also switched off.
void x10_validate(benchmark::State& state, std::initializer_list<const char*> also_disabled) {
  const std::array<sbd::Architecture, 2> arch = x10_models(state);
  sbd::ValidateOptions options = sbd_bench::build_validate_options();
  options.disabled.insert(also_disabled.begin(), also_disabled.end());
  x10(state, [&](std::size_t i) { validate_stage(arch[i], options); });
}

void BM_X10_Validate(benchmark::State& state) { x10_validate(state, {}); }

void BM_X10_ValidateAnalysis(benchmark::State& state) {
  const std::array<sbd::Architecture, 2> arch = x10_models(state);
  x10(state, [&](std::size_t i) {
    const sbd::detail::Analysis analysis(arch[i]);
    benchmark::DoNotOptimize(analysis.edge_count());
  });
}

void BM_X10_ValidateNoFindings(benchmark::State& state) { x10_validate(state, {"SBD0501", "SBD0502", "SBD0603"}); }

void BM_X10_SamTemplate(benchmark::State& state) {
  const std::array<sbd::Architecture, 2> arch = x10_models(state);
  x10(state, [&](std::size_t i) { benchmark::DoNotOptimize(sbd::detail::sam_template_yaml(arch[i], {}).size()); });
}

void BM_X10_EmitSam(benchmark::State& state) {
  const std::array<sbd::Architecture, 2> arch = x10_models(state);
  x10(state, [&](std::size_t i) { emit_sam(arch[i]); });
}

void BM_X10_Build(benchmark::State& state) {
  const std::array<std::string, 2> yaml = x10_yaml(state);
  const sbd::ValidateOptions options = sbd_bench::build_validate_options();
  x10(state, [&](std::size_t i) { build_stage(yaml[i], options); });
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

// 1,000 cells against 10,000 (and 10 against 100, the smoke run's size).
// Iterations are fixed: a whole build's iteration takes about a second.
BENCHMARK(BM_X10_ReadYaml)->Arg(10)->Arg(1000)->Iterations(15)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_X10_Validate)->Arg(10)->Arg(1000)->Iterations(15)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_X10_ValidateAnalysis)->Arg(10)->Arg(1000)->Iterations(15)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_X10_ValidateNoFindings)->Arg(10)->Arg(1000)->Iterations(15)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_X10_SamTemplate)->Arg(10)->Arg(1000)->Iterations(9)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_X10_EmitSam)->Arg(10)->Arg(1000)->Iterations(9)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_X10_Build)->Arg(10)->Arg(1000)->Iterations(9)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
