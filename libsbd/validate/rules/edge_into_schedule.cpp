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
    for (const Edge& e : arch.edges()) {
      const Node& to = arch.node_at(e.to_index);
      if (to.kind != "schedule" || arch.connection_of(e)) continue;
      const Node& from = arch.node_at(e.from_index);
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
