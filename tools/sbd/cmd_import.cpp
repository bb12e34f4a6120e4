#include "commands.hpp"

#include <sbd/read.hpp>

#include <iostream>
#include <memory>

namespace sbd_cli {

void add_import_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::string input;
    std::string output = "-";
    bool force = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Read a Serverless by Design export (or a model) and write the model as YAML");
  cmd->add_option("FILE", opts->input, "The file to import")->required();
  cmd->add_option("-o,--output", opts->output, "The model file to write ('-': standard output)");
  cmd->add_flag("--force", opts->force, "Overwrite the output file if it exists");
  cmd->callback([opts, &exit_code] {
    std::vector<sbd::ReadNote> notes;
    const sbd::Architecture arch = sbd::read_file(opts->input, {}, &notes);
    for (const auto& n : notes) std::cerr << n.location.str() << ": note: " << n.message << "\n";
    write_output(opts->output, sbd::write_string(arch, sbd::Format::yaml), opts->force);
    exit_code = 0;
  });
}

}  // namespace sbd_cli
