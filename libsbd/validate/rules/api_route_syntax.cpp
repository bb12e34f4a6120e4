// SBD0703 api-route-syntax: API routes are "METHOD /path" with a known HTTP
// method and {parameters} ({proxy+} only last); HTTP APIs also take $default.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class ApiRouteSyntax final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0703", "api-route-syntax", Severity::error, "an API route that is not \"METHOD /path\"",
            "docs/rules/SBD0703.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    auto check_list = [&](const Node& api, const Value* routes, const std::vector<std::string>& nodes,
                          const SourceLocation& where) {
      if (!routes || !routes->is_list()) return;
      for (const Value& r : routes->items()) {
        if (!r.is_string()) continue;
        std::string problem = route_problem(r.as_string());
        if (problem.empty() && api.kind == "api" && r.as_string() == "$default")
          problem = "$default is a route of HTTP APIs only";
        if (problem.empty()) continue;
        SourceLocation at = where;
        if (r.line() > 0) {
          at.line = r.line();
          at.column = r.column();
        }
        ctx.report(nodes, "the route '" + r.as_string() + "' of " + api.id + " is not valid: " + problem,
                   "write routes as \"GET /items/{id}\" (methods GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS, ANY)",
                   &at);
      }
    };
    for (const Node& n : arch.nodes()) {
      if (n.kind != "api" && n.kind != "httpApi") continue;
      check_list(n, n.properties.find("routes"), {n.id}, property_location(n, "routes"));
      for (std::size_t ei : arch.out_edge_indexes(n.index)) {
        const Edge& e = arch.edge_at(ei);
        check_list(n, e.properties.find("routes"), {n.id, e.to}, property_location(e, "routes"));
      }
    }
  }
};

}  // namespace

const Rule& rule_api_route_syntax() {
  static const ApiRouteSyntax rule;
  return rule;
}

}  // namespace sbd::detail
