// SBD0110 route-conflict: two targets of one API serve the same route (each
// integration edge serves the API's routes unless it lists its own), which
// API Gateway rejects as a duplicate method.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <cctype>
#include <unordered_map>

namespace sbd::detail {
namespace {

std::string normalise(const std::string& route) {
  const auto space = route.find(' ');
  if (space == std::string::npos) return route;
  std::string method = route.substr(0, space);
  for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return method + route.substr(space);
}

class RouteConflict final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0110", "route-conflict", Severity::error, "two targets of one API serve the same route",
            "docs/rules/SBD0110.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i = 0; i < a.node_count(); ++i) {
      const Kind k = a.kind(i);
      if (k != Kind::api && k != Kind::httpApi) continue;
      // A conflict needs two integration edges with routes.
      std::size_t with_routes = 0;
      for (std::size_t ei : a.out(i))
        with_routes += a.action(ei) == Action::integration && a.connection(ei);
      if (with_routes < 2) continue;
      const Node& api = a.node(i);
      std::unordered_map<std::string, std::size_t> owner;  // route -> node index of its target
      for (std::size_t ei : a.out(i)) {
        if (a.action(ei) != Action::integration || !a.connection(ei)) continue;
        const Edge& e = a.edge(ei);
        const Value* routes = a.edge_has_properties(ei) ? e.properties.find("routes") : nullptr;
        if (!routes || !routes->is_list()) routes = a.property(i, "routes");
        if (!routes || !routes->is_list()) continue;
        // The routes this edge shares with each earlier target, in order.
        std::vector<std::pair<std::size_t, std::vector<std::string>>> shared;
        std::unordered_map<std::size_t, std::size_t> slot_of;
        for (const Value& r : routes->items()) {
          if (!r.is_string()) continue;
          auto [it, fresh] = owner.emplace(normalise(r.as_string()), e.to_index);
          if (fresh || it->second == e.to_index) continue;
          // Group by the earlier target, in order of first conflict (a map
          // from target to its slot keeps this linear).
          auto [slot, added] = slot_of.emplace(it->second, shared.size());
          if (added) shared.push_back({it->second, {}});
          shared[slot->second].second.push_back("'" + r.as_string() + "'");
        }
        for (const auto& [first_index, list] : shared) {
          const Node& first = a.node(first_index);
          const Node& second = a.node(e.to_index);
          ctx.report({api.id, first.id, second.id},
                     std::string(list.size() == 1 ? "the route " : "the routes ") + join_and(list) + " of " + api.id +
                         (list.size() == 1 ? " is" : " are") + " served by both " + first.id + " and " + second.id,
                     "give each integration edge its own routes, e.g. {from: " + api.id + ", to: " + second.id +
                         ", routes: [\"GET /other\"]}",
                     &e.location);
        }
      }
    }
  }
};

}  // namespace

const Rule& rule_route_conflict() {
  static const RouteConflict rule;
  return rule;
}

}  // namespace sbd::detail
