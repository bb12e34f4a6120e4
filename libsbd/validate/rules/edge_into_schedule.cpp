// SBD0107 edge-into-schedule: a schedule fires on time; nothing can trigger
// or write to it.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class EdgeIntoSchedule final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0107", "edge-into-schedule", Severity::error, "an edge that ends at a schedule",
            "docs/rules/SBD0107.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    if (a.nodes_of(Kind::schedule).empty()) return;
    for (std::size_t i = 0; i < a.edge_count(); ++i) {
      if (a.kind(a.to(i)) != Kind::schedule || a.connection(i)) continue;
      const Edge& e = a.edge(i);
      const Node& to = a.node(e.to_index);
      const Node& from = a.node(e.from_index);
      ctx.report({from.id, to.id},
                 "the edge " + from.id + " -> " + to.id + " ends at a schedule, which only fires on its expression",
                 "reverse it (" + to.id + " -> " + from.id + ") if " + to.id + " should trigger " + from.id +
                     ", or remove it",
                 &e.location);
    }
  }
};

}  // namespace

const Rule& rule_edge_into_schedule() {
  static const EdgeIntoSchedule rule;
  return rule;
}

}  // namespace sbd::detail
