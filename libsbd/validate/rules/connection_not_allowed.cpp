// SBD0101 connection-not-allowed: an edge between two kinds that the catalog
// does not connect (edges into a schedule are SBD0107).
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class ConnectionNotAllowed final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0101", "connection-not-allowed", Severity::error,
            "an edge between two kinds of node that the catalog does not connect", "docs/rules/SBD0101.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    const Catalog& catalog = arch.catalog();
    for (const Edge& e : arch.edges()) {
      if (arch.connection_of(e)) continue;
      const Node& from = arch.node_at(e.from_index);
      const Node& to = arch.node_at(e.to_index);
      if (to.kind == "schedule") continue;  // SBD0107 says it better
      std::vector<std::string> targets;
      for (const ConnectionSpec* c : catalog.connections_from(from.kind)) {
        std::string t = c->to + " (";
        for (std::size_t i = 0; i < c->actions.size(); ++i) t += (i ? ", " : "") + c->actions[i];
        targets.push_back(t + ")");
      }
      std::string hint = targets.empty()
                             ? "a " + from.kind + " has no outgoing connections; it can only be a target"
                             : "a " + from.kind + " can connect to " + join_or(targets);
      if (catalog.connection(to.kind, from.kind))
        hint += "; did you mean " + to.id + " -> " + from.id + "?";
      ctx.report({from.id, to.id},
                 label(arch, from) + " cannot connect to " + label(arch, to) + ": the catalog has no " + from.kind +
                     " -> " + to.kind + " connection",
                 hint, &e.location);
    }
  }
};

}  // namespace

const Rule& rule_connection_not_allowed() {
  static const ConnectionNotAllowed rule;
  return rule;
}

}  // namespace sbd::detail
