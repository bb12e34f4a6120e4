// Reading: YAML, JSON and the browser export, at 10 to 10,000 cells (70 to
// 70,000 nodes). Reports bytes per second of input.
#include <benchmark/benchmark.h>

#include <sbd/read.hpp>

#include "model_generator.hpp"
#include "page_faults.hpp"
#include "read/parse.hpp"

#include <yaml.h>

#include <cstring>
#include <stdexcept>

namespace {

void read_format(benchmark::State& state, sbd::Format format) {
  const int cells = static_cast<int>(state.range(0));
  const std::string text = format == sbd::Format::yaml ? sbd_bench::cells_yaml(cells)
                           : format == sbd::Format::json ? sbd_bench::cells_json(cells)
                                                         : sbd_bench::cells_sbd_json(cells);
  sbd::ReadOptions options;
  options.format = format;
  // The browser export of 10,000 cells holds about 1.2 million values, over
  // the default guard (ReadOptions::max_values, a million): raised here so
  // that the largest size is measured (docs/performance.md).
  options.max_values = 100000000;
  const sbd_bench::PageFaults faults;
  for (auto _ : state) {
    sbd::Architecture arch = sbd::read_string(text, "bench", options);
    benchmark::DoNotOptimize(arch.node_count());
  }
  faults.report(state);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
  state.counters["nodes"] = cells * 7;
  state.counters["bytes"] = static_cast<double>(text.size());
}

void BM_ReadYaml(benchmark::State& state) { read_format(state, sbd::Format::yaml); }
void BM_ReadJson(benchmark::State& state) { read_format(state, sbd::Format::json); }
void BM_ReadBrowserExport(benchmark::State& state) { read_format(state, sbd::Format::sbd_json); }

// The parsers alone, for comparison with the graph building on top.
void BM_ParseYamlOnly(benchmark::State& state) {
  const std::string text = sbd_bench::cells_yaml(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(sbd::detail::parse_yaml(text, "bench").size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
// The reference for the YAML reader: libyaml's own event parser over the
// same text, doing nothing with the events (what no reader built on libyaml
// can beat).
void BM_LibyamlEventsOnly(benchmark::State& state) {
  const std::string text = sbd_bench::cells_yaml(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) throw std::runtime_error("libyaml: out of memory");
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    std::size_t events = 0;
    for (bool done = false; !done;) {
      yaml_event_t event;
      std::memset(&event, 0, sizeof event);
      if (!yaml_parser_parse(&parser, &event)) throw std::runtime_error("libyaml: parse error");
      done = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete(&event);
      ++events;
    }
    yaml_parser_delete(&parser);
    benchmark::DoNotOptimize(events);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
void BM_ParseJsonOnly(benchmark::State& state) {
  const std::string text = sbd_bench::cells_json(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(sbd::detail::parse_json(text, "bench").size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

// The reference for the JSON reader: the plain JSON scanner over the same
// text, its events going to a sink that keeps nothing (what the model
// building adds is BM_ReadJson minus this).
class NullSink final : public sbd::detail::EventSink {
 public:
  void start(bool, const char*, int, int) override {}
  void end() override {}
  void key(std::string_view, int, int) override {}
  void scalar(sbd::Value&&) override {}
  void text(std::string_view, int, int) override {}
};
void BM_ScanJsonOnly(benchmark::State& state) {
  const std::string text = sbd_bench::cells_json(static_cast<int>(state.range(0)));
  sbd::detail::ParseLimits limits;
  limits.max_values = 100000000;
  for (auto _ : state) {
    NullSink sink;
    if (!sbd::detail::stream_json_plain(text, limits, sink)) throw std::runtime_error("the scanner gave up");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

void BM_WriteYaml(benchmark::State& state) {
  const sbd::Architecture arch = sbd_bench::make_cells(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string out = sbd::write_string(arch, sbd::Format::yaml);
    bytes = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
}

}  // namespace

BENCHMARK(BM_ReadYaml)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadJson)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadBrowserExport)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseYamlOnly)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LibyamlEventsOnly)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseJsonOnly)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScanJsonOnly)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WriteYaml)->RangeMultiplier(10)->Range(10, 10000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
