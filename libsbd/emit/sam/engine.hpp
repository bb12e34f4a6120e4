// The SAM engine: template.yaml, starter code per function, README.md,
// .gitignore and samconfig.toml. See docs/engines/sam.md.
#pragma once

#include <sbd/emit.hpp>

#include <string>
#include <utility>
#include <vector>

namespace sbd::detail {

class NodesById;

/// The one SAM engine (stateless).
const Engine& sam_engine();

/// The first sample event of each function's starter code (path order), by
/// node index: "src/Resize/events/s3.json" for the function Resize, empty for
/// a node without one.
using SampleEvents = std::vector<std::string>;

/// The generated project's README.md, .gitignore and samconfig.toml. The
/// README names the sample events of the starter code (`sam local invoke`);
/// nodes are every node of arch in the order of their ids.
std::string sam_readme(const Architecture& arch, const EmitOptions& options, const SampleEvents& samples,
                       const NodesById& nodes);
std::string sam_gitignore();
std::string sam_config(const Architecture& arch);

}  // namespace sbd::detail
