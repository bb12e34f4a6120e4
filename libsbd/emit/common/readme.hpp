// Shared by the engines that write a project README and configuration files
// (SAM, the Serverless Framework): Markdown cells, quoted strings, the unit
// test command of each language and the environment variables section.
#pragma once

#include <sbd/architecture.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace sbd::detail {

/// A Markdown table cell: pipes and line breaks become spaces.
std::string md_cell(std::string s);
/// A double-quoted string as both TOML and JSON read it: '"' and '\' escaped,
/// control characters dropped.
std::string quoted_string(const std::string& s);
/// The command that runs the unit tests of a function's starter code in dir
/// ("" for a language without starter tests).
std::string unit_test_command(const std::string& language, const std::string& dir);
/// The function nodes, in id order.
std::vector<const Node*> functions_by_id(const Architecture& arch);
/// The README's "Environment variables" section (nothing when no function
/// has a wiring variable).
void write_environment_section(std::ostream& o, const Architecture& arch, const std::vector<const Node*>& fns);

}  // namespace sbd::detail
