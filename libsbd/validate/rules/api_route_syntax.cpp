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
    (void)arch;
    const Analysis& a = ctx.analysis();
    auto check_list = [&](const Node& api, bool rest, const Value* routes, const std::vector<std::string>& nodes,
                          const SourceLocation& where) {
      if (!routes || !routes->is_list()) return;
      for (const Value& r : routes->items()) {
        if (!r.is_string()) continue;
        std::string problem = route_problem(r.as_string());
        if (problem.empty() && rest && r.as_string() == "$default")
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
    for (std::size_t i = 0; i < a.node_count(); ++i) {
      const Kind k = a.kind(i);
      if (k != Kind::api && k != Kind::httpApi) continue;
      const Node& n = a.node(i);
      if (const Value* routes = a.has_properties(i) ? n.properties.find("routes") : nullptr; routes && routes->is_list())
        check_list(n, k == Kind::api, routes, {n.id}, property_location(n, "routes"));
      for (std::size_t ei : a.out(i)) {
        if (!a.edge_has_properties(ei)) continue;
        const Edge& e = a.edge(ei);
        if (const Value* routes = e.properties.find("routes"); routes && routes->is_list())
          check_list(n, k == Kind::api, routes, {n.id, e.to}, property_location(e, "routes"));
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
