// The Serverless Framework (v3) engine: serverless.yml, starter code per
// function, README.md, .gitignore and package.json. See docs/engines/serverless.md.
#pragma once

#include <sbd/emit.hpp>
#include <sbd/value.hpp>

#include <string>
#include <vector>

namespace sbd::detail {

struct StarterInfo;
class NodesById;

/// The one Serverless Framework engine (stateless).
const Engine& serverless_engine();

/// The serverless.yml document of an architecture. Throws sbd::Error(invalid)
/// for what the framework cannot express (two function ids that differ only
/// in the case of their first letter, a route that is not "METHOD /path").
Value serverless_config(const Architecture& arch, const EmitOptions& options);

/// The Lambda runtimes that Serverless Framework v3's configuration schema
/// accepts (others are set on the function's resource through
/// resources.extensions).
bool serverless_v3_accepts_runtime(const std::string& runtime);

/// The handler the framework is given for a function (relative to the service
/// root), and the files of its package.
struct SlsCode {
  std::string handler;                 ///< e.g. "src/Resize/serverless_handler.handler"
  std::string artifact;                ///< a prebuilt package (Java, Go), or ""
  std::vector<std::string> patterns;   ///< package patterns when no artifact
  std::string entry_file;              ///< an extra entry module sbd writes, or ""
  std::string entry_content;
  std::string build;                   ///< the shell command that builds it, or ""
};
SlsCode serverless_code(const Architecture& arch, const Node& fn, const EmitOptions& options);
/// The same from the function's starter facts (starter_info), already known.
SlsCode serverless_code(const Architecture& arch, const Node& fn, const StarterInfo& info);

/// The generated project's README.md, .gitignore and package.json. nodes
/// are every node of arch in the order of their ids.
std::string serverless_readme(const Architecture& arch, const EmitOptions& options, const NodesById& nodes);
std::string serverless_gitignore();
std::string serverless_package_json(const Architecture& arch);

}  // namespace sbd::detail
