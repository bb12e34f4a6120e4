// Emitting: the SAM engine (template, starter code, README) and its template
// alone, on the benchmark model (cells of seven nodes, see model_generator.hpp)
// from 70 to 100,000 nodes. Should scale linearly: O(N) in nodes.
#include <benchmark/benchmark.h>

#include <sbd/emit.hpp>

#include "emit/sam/template.hpp"
#include "emit/starter/starter.hpp"
#include "emit/stream.hpp"
#include "model_generator.hpp"
#include "page_faults.hpp"

namespace {

void BM_EmitSam(benchmark::State& state) {
  const sbd::Architecture arch = sbd_bench::make_cells(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  const sbd_bench::PageFaults faults;
  for (auto _ : state) {
    const sbd::FileSet files = sbd::emit(arch, "sam");
    bytes = 0;
    for (const auto& [path, content] : files) bytes += content.size();
    benchmark::DoNotOptimize(bytes);
  }
  faults.report(state);
  state.SetComplexityN(static_cast<int64_t>(arch.node_count()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(arch.node_count()));
  // Bytes per second of output (the speed bar's measure for the template).
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.counters["nodes"] = static_cast<double>(arch.node_count());
  state.counters["bytes"] = static_cast<double>(bytes);
}

void BM_SamTemplate(benchmark::State& state) {
  const sbd::Architecture arch = sbd_bench::make_cells(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  const sbd_bench::PageFaults faults;
  for (auto _ : state) {
    const std::string yaml = sbd::detail::sam_template_yaml(arch, {});
    bytes = yaml.size();
    benchmark::DoNotOptimize(bytes);
  }
  faults.report(state);
  state.SetComplexityN(static_cast<int64_t>(arch.node_count()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(arch.node_count()));
  // Bytes per second of output (the speed bar's measure for the template).
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.counters["nodes"] = static_cast<double>(arch.node_count());
  state.counters["bytes"] = static_cast<double>(bytes);
}

// The starter code of every function alone (what BM_EmitSam adds to the
// template, but the README and project files).
void BM_StarterCode(benchmark::State& state) {
  const sbd::Architecture arch = sbd_bench::make_cells(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    sbd::FileSet files;
    for (const sbd::Node& n : arch.nodes())
      if (n.kind == "fn") sbd::detail::emit_starter_code(arch, n, {}, files);
    bytes = 0;
    for (const auto& [path, content] : files) bytes += content.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetComplexityN(static_cast<int64_t>(arch.node_count()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.counters["bytes"] = static_cast<double>(bytes);
}

// The same, handed file by file to a sink that keeps nothing (what the SAM
// engine does in sbd::emit_to, so what BM_BuildInMemory pays): without the
// FileSet's map of 15,000 paths per 1,000 cells.
void BM_StarterCodeStream(benchmark::State& state) {
  const sbd::Architecture arch = sbd_bench::make_cells(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    sbd_bench::CountingSink sink;
    sbd::detail::StreamingFileSet files(sink);
    for (const sbd::Node& n : arch.nodes())
      if (n.kind == "fn") sbd::detail::emit_starter_code(arch, n, {}, files);
    bytes = sink.content_bytes;
    benchmark::DoNotOptimize(bytes);
  }
  state.SetComplexityN(static_cast<int64_t>(arch.node_count()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.counters["bytes"] = static_cast<double>(bytes);
}

// The Serverless Framework engine (serverless.yml, starter code, README),
// handed file by file to a sink that keeps nothing, as `sbd build --engine
// serverless` pays it. Not in the speed bar; measured so that its growth is
// seen (docs/performance.md: it was quadratic in the functions until the
// ninth round).
void BM_EmitServerless(benchmark::State& state) {
  const sbd::Architecture arch = sbd_bench::make_cells(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  const sbd_bench::PageFaults faults;
  for (auto _ : state) {
    sbd_bench::CountingSink sink;
    sbd::emit_to(arch, "serverless", sink);
    bytes = sink.content_bytes;
    benchmark::DoNotOptimize(bytes);
  }
  faults.report(state);
  state.SetComplexityN(static_cast<int64_t>(arch.node_count()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.counters["bytes"] = static_cast<double>(bytes);
}

}  // namespace

// Cells of 7 nodes: 10 (the smoke size), 100, 1,000 and 10,000 cells (the
// speed bar's sizes, benchmarks/run.sh), and ~1,000, ~10,000 and ~100,000 nodes.
BENCHMARK(BM_SamTemplate)->Arg(10)->Arg(100)->Arg(143)->Arg(1000)->Arg(1429)->Arg(10000)->Arg(14286)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_EmitSam)->Arg(10)->Arg(100)->Arg(143)->Arg(1000)->Arg(1429)->Arg(10000)->Arg(14286)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_StarterCode)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_StarterCodeStream)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_EmitServerless)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

BENCHMARK_MAIN();
