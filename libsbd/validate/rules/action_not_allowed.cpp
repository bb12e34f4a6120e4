// SBD0102 action-not-allowed: the pair of kinds may connect, but not with
// that action.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class ActionNotAllowed final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0102", "action-not-allowed", Severity::error,
            "an edge whose action the catalog does not allow for that pair of kinds", "docs/rules/SBD0102.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i = 0; i < a.edge_count(); ++i) {
      if (a.action_allowed(i)) continue;
      const ConnectionSpec* c = a.connection(i);
      const Edge& e = a.edge(i);
      const Node& from = a.node(e.from_index);
      const Node& to = a.node(e.to_index);
      ctx.report({from.id, to.id},
                 "the edge " + from.id + " -> " + to.id + " has the action '" + e.action + "', which a " + from.kind +
                     " -> " + to.kind + " connection does not allow",
                 "use " + join_or(c->actions) + " (the default is " + c->default_action() + ")", &e.location);
    }
  }
};

}  // namespace

const Rule& rule_action_not_allowed() {
  static const ActionNotAllowed rule;
  return rule;
}

}  // namespace sbd::detail
