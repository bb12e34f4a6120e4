// The SAM engine: template.yaml, starter code per function, README.md,
// .gitignore and samconfig.toml. See docs/engines/sam.md.
#pragma once

#include <sbd/emit.hpp>

namespace sbd::detail {

/// The one SAM engine (stateless).
const Engine& sam_engine();

/// The generated project's README.md, .gitignore and samconfig.toml. The
/// README names the sample events of the starter code found in files.
std::string sam_readme(const Architecture& arch, const EmitOptions& options, const FileSet& files);
std::string sam_gitignore();
std::string sam_config(const Architecture& arch);

}  // namespace sbd::detail
