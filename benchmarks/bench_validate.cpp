// Validation: every rule on the benchmark model (cells of seven nodes, see
// model_generator.hpp) from 70 to 100,000 nodes, and on a worst case for the
// graph rules: one ring of N functions invoking each other behind an API (a
// loop through every node, a synchronous chain as long as the model). Both
// should scale linearly: the reported complexity is O(N) in nodes.
#include <benchmark/benchmark.h>

#include <sbd/validate.hpp>

#include "model_generator.hpp"

#include <string>

namespace {

sbd::ValidateOptions options() {
  sbd::ValidateOptions o;
  o.today = "2026-11-27";
  return o;
}

void BM_Validate(benchmark::State& state) {
  const int cells = static_cast<int>(state.range(0));
  const sbd::Architecture arch = sbd_bench::make_cells(cells);
  const auto opts = options();
  std::size_t findings = 0;
  for (auto _ : state) {
    const sbd::Report report = sbd::validate(arch, opts);
    findings = report.diagnostics.size();
    benchmark::DoNotOptimize(findings);
  }
  state.SetComplexityN(static_cast<int64_t>(arch.node_count()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(arch.node_count()));
  state.counters["nodes"] = static_cast<double>(arch.node_count());
  state.counters["edges"] = static_cast<double>(arch.edge_count());
  state.counters["findings"] = static_cast<double>(findings);
}

sbd::Architecture ring(int n) {
  sbd::Architecture arch("ring");
  arch.add_node("Api", "api");
  for (int i = 0; i < n; ++i) arch.add_node("Fn" + std::to_string(i), "fn");
  arch.connect("Api", "Fn0");
  for (int i = 0; i < n; ++i) arch.connect("Fn" + std::to_string(i), "Fn" + std::to_string((i + 1) % n), "invoke");
  return arch;
}

void BM_ValidateRing(benchmark::State& state) {
  const sbd::Architecture arch = ring(static_cast<int>(state.range(0)));
  const auto opts = options();
  for (auto _ : state) {
    const sbd::Report report = sbd::validate(arch, opts);
    benchmark::DoNotOptimize(report.diagnostics.data());
  }
  state.SetComplexityN(static_cast<int64_t>(arch.node_count()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(arch.node_count()));
  state.counters["nodes"] = static_cast<double>(arch.node_count());
}

}  // namespace

// Cells of 7 nodes: 10 (the smoke size), 100, 1,000 and 10,000 cells (the
// speed bar's sizes, benchmarks/run.sh), and ~1,000, ~10,000 and ~100,000 nodes.
BENCHMARK(BM_Validate)->Arg(10)->Arg(100)->Arg(143)->Arg(1000)->Arg(1429)->Arg(10000)->Arg(14286)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_ValidateRing)->Arg(10)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

BENCHMARK_MAIN();
