// sbd build MODEL --engine ENGINE -o DIR [--runtime R] [--force]
#include "commands.hpp"
#include "write_tree.hpp"

#include <sbd/emit.hpp>
#include <sbd/error.hpp>
#include <sbd/read.hpp>
#include <sbd/validate.hpp>

#include <iostream>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <memory>

namespace sbd_cli {

void add_build_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::string input;
    std::string engine;
    std::string output;
    std::string runtime;
    bool force = false;
  };
  auto opts = std::make_shared<Options>();
  std::string engines;
  for (const std::string& e : sbd::engines()) engines += (engines.empty() ? "" : ", ") + e;
  CLI::App* cmd = app.add_subcommand(
      "build", "Validate a model, then write its application: template, starter code per function, README");
  cmd->add_option("MODEL", opts->input, "The model to read (YAML, JSON or a browser export)")->required();
  cmd->add_option("--engine", opts->engine, "The engine: " + engines)->required();
  cmd->add_option("-o,--output", opts->output, "The directory to write (created if missing)")->required();
  cmd->add_option("--runtime", opts->runtime, "The default runtime of the functions (overrides the model's)");
  cmd->add_flag("--force", opts->force, "Overwrite files that exist in the directory");
  cmd->callback([opts, &exit_code] {
    if (!sbd::find_engine(opts->engine)) {
      std::string known;
      for (const std::string& e : sbd::engines()) known += (known.empty() ? "" : ", ") + e;
      throw sbd::Error(sbd::ErrorCode::argument, "unknown engine '" + opts->engine + "' (known: " + known + ")");
    }
    std::vector<sbd::ReadNote> notes;
    sbd::Architecture arch = sbd::read_file(opts->input, {}, &notes);
    for (const auto& n : notes) std::cerr << n.location.str() << ": note: " << n.message << "\n";
    sbd::EmitOptions options;
    if (!opts->runtime.empty()) {
      if (!arch.catalog().runtime(opts->runtime)) {
        std::string known;
        for (const auto& r : arch.catalog().runtimes())
          if (r.starter_code) known += (known.empty() ? "" : ", ") + r.name;
        throw sbd::Error(sbd::ErrorCode::argument,
                         "unknown runtime '" + opts->runtime + "' (runtimes with starter code: " + known + ")");
      }
      // The runtime given on the command line is the app's default: validate
      // what will be generated.
      arch.set_runtime(opts->runtime);
      options.runtime = opts->runtime;
    }
    {
      // Scoped: the report (30,000 findings at 10,000 cells) is freed before
      // the engine runs, whose peak is the build's.
      const sbd::Report report = sbd::validate(arch);
      std::cerr << report.to_text(opts->input);
      if (!report.ok()) {
        std::cerr << "sbd: " << report.errors() << " error(s) in " << opts->input << "; nothing was written\n";
        exit_code = 1;
        return;
      }
    }
#if defined(__GLIBC__)
    // Reading and validating freed far more than they keep (the parsed
    // document, the findings), in pieces the engine's allocations do not all
    // reuse: give the free pages back before the engine's peak.
    ::malloc_trim(0);
#endif
    // The engine hands each file to the writer as it is produced: the
    // application is never held whole in memory (10,000 cells: 419 MB).
    // Until commit() every file is a temporary beside its final name; any
    // failure (or an interrupt) rolls back, leaving the folder as it was.
    std::size_t n = 0;
    std::string refusal;
    {
      TreeWriter writer(opts->output, opts->force);
      try {
        sbd::emit_to(arch, opts->engine, writer, options);
      } catch (const sbd::Error& e) {
        // What the engine cannot express is a fault of the model, like a
        // validation error: exit 1, nothing written.
        if (e.code() != sbd::ErrorCode::invalid) throw;
        refusal = e.message();
      }
      if (refusal.empty()) n = writer.commit();
    }  // without commit() the writer rolls back here
    if (!refusal.empty()) {
      std::cerr << opts->input << ": error: " << refusal << "\nsbd: nothing was written\n";
      exit_code = 1;
      return;
    }
    std::cerr << "sbd: wrote " << n << " files to " << opts->output << "\n";
    exit_code = 0;
  });
}

}  // namespace sbd_cli
