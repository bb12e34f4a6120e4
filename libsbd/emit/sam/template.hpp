// The SAM engine's template (AWS::Serverless-2016-10-31): as a Value tree
// built from the architecture, or as its YAML text written straight.
#pragma once

#include "emit/common/resources.hpp"

#include <sbd/emit.hpp>
#include <sbd/value.hpp>

namespace sbd::detail {

/// The template.yaml document of an architecture. Throws sbd::Error(invalid)
/// for what no template can express (e.g. a route that is not "METHOD /path").
Value sam_template(const Architecture& arch, const EmitOptions& options);
/// Exactly to_yaml(sam_template(arch, options)), written as text node by node
/// without the document's tree (what the SAM engine writes). id_order, when
/// given, is every node index in the order of their ids (NodesById's, which
/// the engine has made anyway); else the template sorts them itself.
std::string sam_template_yaml(const Architecture& arch, const EmitOptions& options,
                              const std::vector<std::size_t>* id_order = nullptr);

/// The routes of an API, parsed as every engine parses them (resources.hpp):
/// "METHOD /path" (METHOD: ANY, GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS,
/// in any case); sbd::Error(invalid) naming the node for anything else (the
/// validator reports the same routes as SBD0703).
using Route = ApiRoute;
inline Route parse_route(const std::string& text, const std::string& node_id) { return parse_api_route(text, node_id); }

}  // namespace sbd::detail
