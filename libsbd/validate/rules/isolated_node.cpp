// SBD0104 isolated-node: a node with no edge does nothing for the app (a
// function that nothing invokes, a table that nothing reads).
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <unordered_set>

namespace sbd::detail {
namespace {

class IsolatedNode final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0104", "isolated-node", Severity::warning, "a node with no edge", "docs/rules/SBD0104.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    const Analysis& a = ctx.analysis();
    // Nodes named by the deployment preference are used even without edges.
    std::unordered_set<std::string> referenced;
    if (const auto& d = arch.settings().deployment) {
      referenced.insert(d->alarms.begin(), d->alarms.end());
      referenced.insert(d->pre_traffic);
      referenced.insert(d->post_traffic);
    }
    for (std::size_t i = 0; i < a.node_count(); ++i) {
      if (!a.out(i).empty() || !a.in(i).empty()) continue;
      const Node& n = a.node(i);
      if (referenced.count(n.id)) continue;
      ctx.report({n.id}, cat({a.label(i), " has no edge: nothing uses it and it uses nothing"}),
                 "connect it to the nodes it works with, or remove it");
    }
  }
};

}  // namespace

const Rule& rule_isolated_node() {
  static const IsolatedNode rule;
  return rule;
}

}  // namespace sbd::detail
