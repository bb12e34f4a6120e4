// Validation: every rule on the benchmark model (cells of seven nodes, see
// model_generator.hpp) from 70 to 100,000 nodes, and on a worst case for the
// graph rules: one ring of N functions invoking each other behind an API (a
// loop through every node, a synchronous chain as long as the model). Both
// should scale linearly: the reported complexity is O(N) in nodes.
// BM_Findings measures what the findings' memory costs by itself (see
// docs/performance.md, "Fifth round").
#include <benchmark/benchmark.h>

#include <sbd/validate.hpp>

#include "model_generator.hpp"
#include "page_faults.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

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
  const sbd_bench::PageFaults faults;
  for (auto _ : state) {
    const sbd::Report report = sbd::validate(arch, opts);
    findings = report.diagnostics.size();
    benchmark::DoNotOptimize(findings);
  }
  faults.report(state);
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

// N findings shaped as the benchmark model's (a code, a rule name over the
// short-string size, two node ids, a message of about 120 bytes), made in
// the order of their nodes and destroyed: /0 in that order, /1 after being
// moved into another order, as a report's findings are put in the order of
// their codes and node ids. No rule runs: only the Diagnostics' memory.
void BM_Findings(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const bool reordered = state.range(1) != 0;
  for (auto _ : state) {
    std::vector<sbd::Diagnostic> found;
    found.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      sbd::Diagnostic& d = found.emplace_back();
      d.code = "SBD0501";
      d.rule = "async-on-failure";
      d.severity = sbd::Severity::warning;
      const std::string fn = "Worker" + std::to_string(i);
      d.nodes = {fn, "Bucket" + std::to_string(i)};
      d.message = "function " + fn + " is invoked asynchronously by Bucket" + std::to_string(i) +
                  " but has no on-failure destination: events that fail three times are lost";
    }
    if (reordered) {  // a fixed shuffle (multiplying by a prime modulo n)
      std::vector<sbd::Diagnostic> report;
      report.reserve(n);
      for (std::size_t i = 0; i < n; ++i) report.push_back(std::move(found[(i * 7919) % n]));
      found = std::move(report);
    }
    benchmark::DoNotOptimize(found.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}

}  // namespace

// Cells of 7 nodes: 10 (the smoke size), 100, 1,000 and 10,000 cells (the
// speed bar's sizes, benchmarks/run.sh), ~1,000, ~10,000 and ~100,000 nodes,
// and 100,000 cells (700,000 nodes: the growth past the bar's sizes).
BENCHMARK(BM_Validate)->Arg(10)->Arg(100)->Arg(143)->Arg(1000)->Arg(1429)->Arg(10000)->Arg(14286)->Arg(100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
// 3,000, 30,000 and 300,000 findings: the benchmark model's at 1,000, 10,000
// and 100,000 cells.
BENCHMARK(BM_Findings)->ArgsProduct({{3000, 30000, 300000}, {0, 1}})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ValidateRing)->Arg(10)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

BENCHMARK_MAIN();
