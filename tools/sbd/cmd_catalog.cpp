#include "commands.hpp"

#include <sbd/catalog.hpp>

#include <iostream>
#include <memory>

namespace sbd_cli {

void add_catalog_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::string format = "text";
    std::string extra;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("catalog", "Print the kinds, their properties, the allowed connections and the runtimes");
  cmd->add_option("--format", opts->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--catalog", opts->extra, "A catalog file that extends the built-in one")->check(CLI::ExistingFile);
  cmd->callback([opts, &exit_code] {
    const sbd::Catalog catalog =
        opts->extra.empty() ? sbd::Catalog::builtin() : sbd::Catalog::builtin_extended_by(opts->extra);
    std::cout << (opts->format == "json" ? catalog.to_json() : catalog.to_text());
    exit_code = 0;
  });
}

}  // namespace sbd_cli
