// Private: Architecture::add_node and connect for the readers, which add
// nodes and edges by the thousand. The same checks, errors and results as
// the public functions, with the strings taken as views of the input (or the
// id moved in) instead of built, copied and copied again.
#pragma once

#include <sbd/architecture.hpp>

#include <string>
#include <string_view>

namespace sbd::detail {

/// Architecture::add_node(id, kind, properties), with the id moved in.
Node& add_node(Architecture& arch, std::string&& id, std::string_view kind, Value&& properties);

/// Architecture::connect(from, to, action, properties).
Edge& connect(Architecture& arch, std::string_view from, std::string_view to, std::string_view action,
              Value&& properties);

}  // namespace sbd::detail
