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
    const Analysis& a = ctx.analysis();
    const Catalog& catalog = arch.catalog();
    for (std::size_t i = 0; i < a.edge_count(); ++i) {
      if (a.connection(i)) continue;
      const Edge& e = a.edge(i);
      if (a.kind(e.to_index) == Kind::schedule) continue;  // SBD0107 says it better
      const Node& from = a.node(e.from_index);
      const Node& to = a.node(e.to_index);
      std::vector<std::string> targets;
      for (const ConnectionSpec* c : catalog.connections_from(from.kind)) {
        std::string t = c->to + " (";
        for (std::size_t j = 0; j < c->actions.size(); ++j) t += (j ? ", " : "") + c->actions[j];
        targets.push_back(t + ")");
      }
      std::string hint = targets.empty()
                             ? "a " + from.kind + " has no outgoing connections; it can only be a target"
                             : "a " + from.kind + " can connect to " + join_or(targets);
      if (catalog.connection(to.kind, from.kind))
        hint += "; did you mean " + to.id + " -> " + from.id + "?";
      ctx.report({from.id, to.id},
                 a.label(e.from_index) + " cannot connect to " + a.label(e.to_index) + ": the catalog has no " +
                     from.kind + " -> " + to.kind + " connection",
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
