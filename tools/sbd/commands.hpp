// The sbd command line: one file per subcommand, each a few calls of the
// public C++ API. Only this tool reads argv or writes directories.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace sbd_cli {

// Each add_*_command registers a subcommand whose callback stores the
// process exit status in exit_code (0 done, 1 validation errors, 2 unreadable
// input or bad command line).
void add_catalog_command(CLI::App& app, int& exit_code);
void add_import_command(CLI::App& app, int& exit_code);
void add_export_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_build_command(CLI::App& app, int& exit_code);
void add_diagram_command(CLI::App& app, int& exit_code);

/// Writes text to path, or to standard output when path is "-". Refuses to
/// overwrite an existing file unless force; writes to a temporary file and
/// renames, so a failure leaves no half-written file. Throws sbd::Error(io).
void write_output(const std::string& path, const std::string& text, bool force);

}  // namespace sbd_cli
