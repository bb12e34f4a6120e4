// sbd: the command line of libsbd. Each subcommand is a few calls of the
// public C++ API (see commands.hpp).
#include "commands.hpp"

#include <sbd/error.hpp>
#include <sbd/version.hpp>

#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"sbd - Serverless by Design: design serverless architectures, validate them, generate their code"};
  app.set_version_flag("--version", std::string("sbd ") + sbd::version());
  app.require_subcommand(1);
  app.fallthrough(false);
  int exit_code = 0;
  sbd_cli::add_catalog_command(app, exit_code);
  sbd_cli::add_import_command(app, exit_code);
  sbd_cli::add_export_command(app, exit_code);
  sbd_cli::add_validate_command(app, exit_code);
  sbd_cli::add_build_command(app, exit_code);
  sbd_cli::add_diagram_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;  // a wrong command line: exit status 2 (CLI.md)
  } catch (const sbd::Error& e) {
    std::cerr << "sbd: " << e.what() << "\n";
    return e.code() == sbd::ErrorCode::internal ? 3 : 2;
  } catch (const std::exception& e) {
    std::cerr << "sbd: internal error: " << e.what() << "\n";
    return 3;
  }
  return exit_code;
}
