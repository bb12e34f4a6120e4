#include "commands.hpp"

#include <sbd/read.hpp>

#include <iostream>
#include <memory>

namespace sbd_cli {

void add_export_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::string input;
    std::string format;
    std::string output = "-";
    bool force = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("export", "Write a model in another format, the browser tool's included");
  cmd->add_option("MODEL", opts->input, "The model to read (YAML, JSON or a browser export)")->required();
  cmd->add_option("--format", opts->format, "yaml, json or sbd-json (the browser tool's format)")
      ->required()
      ->check(CLI::IsMember({"yaml", "json", "sbd-json"}));
  cmd->add_option("-o,--output", opts->output, "The file to write ('-': standard output)");
  cmd->add_flag("--force", opts->force, "Overwrite the output file if it exists");
  cmd->callback([opts, &exit_code] {
    std::vector<sbd::ReadNote> notes;
    const sbd::Architecture arch = sbd::read_file(opts->input, {}, &notes);
    for (const auto& n : notes) std::cerr << n.location.str() << ": note: " << n.message << "\n";
    write_output(opts->output, sbd::write_string(arch, sbd::parse_format(opts->format)), opts->force);
    exit_code = 0;
  });
}

}  // namespace sbd_cli
