// The SAM engine's template: a Value tree (AWS::Serverless-2016-10-31) built
// from the architecture, serialised with sbd::to_yaml.
#pragma once

#include <sbd/emit.hpp>
#include <sbd/value.hpp>

namespace sbd::detail {

/// The template.yaml document of an architecture. Throws sbd::Error(invalid)
/// for what no template can express (e.g. a route that is not "METHOD /path").
Value sam_template(const Architecture& arch, const EmitOptions& options);

/// One route of an API: "GET /photos/{id}" -> {"GET", "/photos/{id}"}.
struct Route {
  std::string method;  ///< upper case; ANY for any method
  std::string path;    ///< starts with '/'
};
/// Parses "METHOD /path" (METHOD: ANY, GET, POST, PUT, PATCH, DELETE, HEAD,
/// OPTIONS, in any case). Throws sbd::Error(invalid) naming the node for
/// anything else (the validator reports the same routes as SBD0703).
Route parse_route(const std::string& text, const std::string& node_id);

}  // namespace sbd::detail
