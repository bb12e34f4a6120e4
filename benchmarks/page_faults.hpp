// The counter `faults` of the benchmarks: the minor page faults per
// iteration of a benchmark's loop (getrusage). Memory the allocator gave back
// to the system and a stage then faults in again costs kernel time on every
// run; this shows it as a figure (docs/performance.md, "Calling the library
// in a loop").
#pragma once

#include <benchmark/benchmark.h>

#include <sys/resource.h>

namespace sbd_bench {

/// Taken just before a benchmark's loop; report() just after it.
class PageFaults {
 public:
  PageFaults() : before_(now()) {}
  void report(benchmark::State& state) const {
    state.counters["faults"] =
        benchmark::Counter(static_cast<double>(now() - before_), benchmark::Counter::kAvgIterations);
  }

 private:
  static long now() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
  }
  long before_;
};

}  // namespace sbd_bench
