#include "commands.hpp"

#include <sbd/diagram.hpp>
#include <sbd/read.hpp>

#include <iostream>
#include <memory>

namespace sbd_cli {

void add_diagram_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::string input;
    std::string format = "svg";
    std::string output = "-";
    std::string layout = "prefer-model";
    bool no_legend = false;
    bool force = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("diagram", "Draw a picture of the architecture (SVG, DOT, Mermaid or HTML)");
  cmd->add_option("MODEL", opts->input, "The model to read (YAML, JSON or a browser export)")->required();
  cmd->add_option("--format", opts->format,
                  "svg (default), dot (Graphviz), mermaid (Markdown), or html (one page: pan, zoom, properties)")
      ->check(CLI::IsMember({"svg", "dot", "mermaid", "html"}));
  cmd->add_option("-o,--output", opts->output, "The file to write ('-', the default: standard output)");
  cmd->add_option("--layout", opts->layout,
                  "auto (layered, left to right), model (the model's positions), or prefer-model (the default: "
                  "the model's positions when every node has one)")
      ->check(CLI::IsMember({"auto", "model", "prefer-model"}));
  cmd->add_flag("--no-legend", opts->no_legend, "Leave the legend out (svg, html)");
  cmd->add_flag("--force", opts->force, "Overwrite the output file if it exists");
  cmd->callback([opts, &exit_code] {
    std::vector<sbd::ReadNote> notes;
    const sbd::Architecture arch = sbd::read_file(opts->input, {}, &notes);
    for (const auto& n : notes) std::cerr << n.location.str() << ": note: " << n.message << "\n";
    sbd::DiagramOptions options;
    options.format = sbd::parse_diagram_format(opts->format);
    options.layout = sbd::parse_diagram_layout(opts->layout);
    options.legend = !opts->no_legend;
    write_output(opts->output, sbd::diagram(arch, options), opts->force);
    exit_code = 0;
  });
}

}  // namespace sbd_cli
