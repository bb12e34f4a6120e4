// sbd_profile_stage: one stage of the speed bar on the benchmark model, for a
// profiler rather than a clock. The stage runs ROUNDS times (default 2);
// under callgrind only the last round is measured (client requests), so the
// setup (generating the model and its text) and the first round's cold
// caches stay out of the counts:
//
//   valgrind --tool=callgrind --instr-atstart=no [--cache-sim=yes]
//            build/release/benchmarks/sbd_profile_stage 1000 template
//
// Stages: yaml, json, export (read the text into an Architecture, then
// destroy it, as BM_Read* do), validate (every rule but SBD0202, as
// BM_BuildInMemory), template (sam_template_yaml), starter (every function's
// starter code into a sink that counts: BM_StarterCodeStream), build (read the YAML,
// validate, emit_to a sink that counts: BM_BuildInMemory). Without
// valgrind the rounds just run: `time sbd_profile_stage 10000 build 10`
// compares two builds of the library on a noisy machine.
#include <sbd/emit.hpp>
#include <sbd/read.hpp>
#include <sbd/validate.hpp>

#include "emit/sam/template.hpp"
#include "emit/starter/starter.hpp"
#include "emit/stream.hpp"
#include "model_generator.hpp"

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define SBD_PROFILE_START() CALLGRIND_START_INSTRUMENTATION
#define SBD_PROFILE_STOP() CALLGRIND_STOP_INSTRUMENTATION
#endif
#endif
#ifndef SBD_PROFILE_START
#define SBD_PROFILE_START() ((void)0)
#define SBD_PROFILE_STOP() ((void)0)
#endif

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace {

int usage() {
  std::fprintf(stderr, "usage: sbd_profile_stage CELLS yaml|json|export|validate|template|starter|build [ROUNDS]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 3) return usage();
  const int cells = std::atoi(argv[1]);
  const std::string stage = argv[2];
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 2;
  if (cells <= 0 || rounds <= 0) return usage();

  std::string text;
  sbd::ReadOptions read_options;
  // The benchmark model has about 45 values a cell (28 in its nodes): at
  // 100,000 cells it is over the readers' default limit on hostile input.
  read_options.max_values = std::max<std::size_t>(read_options.max_values, std::size_t(cells) * 100);
  if (stage == "yaml" || stage == "build") {
    text = sbd_bench::cells_yaml(cells);
    read_options.format = sbd::Format::yaml;
  } else if (stage == "json") {
    text = sbd_bench::cells_json(cells);
    read_options.format = sbd::Format::json;
  } else if (stage == "export") {
    text = sbd_bench::cells_sbd_json(cells);
    read_options.format = sbd::Format::sbd_json;
  } else if (stage != "validate" && stage != "template" && stage != "starter") {
    return usage();
  }
  const sbd::Architecture built = text.empty() ? sbd_bench::make_cells(cells) : sbd::Architecture();
  const sbd::ValidateOptions options = sbd_bench::build_validate_options();

  std::size_t total = 0;  // printed, so that no round is optimised away
  for (int round = 0; round < rounds; ++round) {
    const bool measured = round == rounds - 1;
    if (measured) SBD_PROFILE_START();
    if (stage == "validate") {
      total += sbd::validate(built, options).diagnostics.size();
    } else if (stage == "template") {
      total += sbd::detail::sam_template_yaml(built, {}).size();
    } else if (stage == "starter") {  // as BM_StarterCodeStream
      sbd_bench::CountingSink sink;
      sbd::detail::StreamingFileSet files(sink);
      for (const sbd::Node& n : built.nodes())
        if (n.kind == "fn") sbd::detail::emit_starter_code(built, n, {}, files);
      total += sink.content_bytes;
    } else if (stage == "build") {
      const sbd::Architecture arch = sbd::read_string(text, "bench.sbd.yaml", read_options);
      total += sbd::validate(arch, options).diagnostics.size();
      sbd_bench::CountingSink sink;
      sbd::emit_to(arch, "sam", sink);
      total += sink.path_bytes + sink.content_bytes;
    } else {
      total += sbd::read_string(text, "bench", read_options).node_count();
    }
    if (measured) SBD_PROFILE_STOP();
  }
  std::printf("%s at %d cells, %d rounds: %zu\n", stage.c_str(), cells, rounds, total);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "sbd_profile_stage: %s\n", e.what());
  return 1;
}
