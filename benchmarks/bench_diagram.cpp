// Diagrams: the automatic layout and the SVG writer on the benchmark model
// (cells of seven nodes, see model_generator.hpp) from 70 to 70,000 nodes,
// and the layout of one ring of N functions invoking each other (a cycle
// through every node: one reversed edge that crosses every layer). The
// layout should scale as O((V + E') log V): the reported complexity is in
// nodes.
#include <benchmark/benchmark.h>

#include <sbd/diagram.hpp>

#include "model_generator.hpp"

#include <string>

namespace {

void BM_DiagramLayout(benchmark::State& state) {
  const sbd::Architecture arch = sbd_bench::make_cells(static_cast<int>(state.range(0)));
  int layers = 0;
  for (auto _ : state) {
    const sbd::DiagramGeometry g = sbd::diagram_layout(arch, sbd::DiagramLayout::automatic);
    layers = g.layers;
    benchmark::DoNotOptimize(g.nodes.data());
  }
  state.SetComplexityN(static_cast<int64_t>(arch.node_count()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(arch.node_count()));
  state.counters["nodes"] = static_cast<double>(arch.node_count());
  state.counters["layers"] = layers;
}

void BM_DiagramSvg(benchmark::State& state) {
  const sbd::Architecture arch = sbd_bench::make_cells(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string svg = sbd::diagram(arch, {});
    bytes = svg.size();
    benchmark::DoNotOptimize(svg.data());
  }
  state.SetComplexityN(static_cast<int64_t>(arch.node_count()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.counters["nodes"] = static_cast<double>(arch.node_count());
}

void BM_DiagramLayoutRing(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  sbd::Architecture arch("ring");
  arch.add_node("Api", "api");
  for (int i = 0; i < n; ++i) arch.add_node("Fn" + std::to_string(i), "fn");
  arch.connect("Api", "Fn0");
  for (int i = 0; i < n; ++i) arch.connect("Fn" + std::to_string(i), "Fn" + std::to_string((i + 1) % n), "invoke");
  for (auto _ : state) {
    const sbd::DiagramGeometry g = sbd::diagram_layout(arch, sbd::DiagramLayout::automatic);
    benchmark::DoNotOptimize(g.nodes.data());
  }
  state.SetComplexityN(static_cast<int64_t>(arch.node_count()));
  state.counters["nodes"] = static_cast<double>(arch.node_count());
}

}  // namespace

BENCHMARK(BM_DiagramLayout)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond)->Complexity();
BENCHMARK(BM_DiagramSvg)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond)->Complexity();
BENCHMARK(BM_DiagramLayoutRing)->RangeMultiplier(10)->Range(100, 10000)->Unit(benchmark::kMillisecond)->Complexity();

BENCHMARK_MAIN();
