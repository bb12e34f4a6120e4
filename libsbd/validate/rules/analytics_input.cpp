// SBD0106 analytics-input: an analytics application that no stream feeds
// has nothing to analyse.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class AnalyticsInput final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0106", "analytics-input", Severity::warning, "an analytics application without an input stream",
            "docs/rules/SBD0106.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    for (const Node& n : arch.nodes()) {
      if (n.kind != "analyticsStream") continue;
      bool fed = false;
      for (std::size_t ei : arch.in_edge_indexes(n.index)) {
        const Edge& e = arch.edge_at(ei);
        fed = fed || (arch.connection_of(e) && e.action == "input");
      }
      if (!fed)
        ctx.report({n.id}, "analytics application " + n.id + " has no input",
                   "connect a Kinesis stream to it: SomeStream -> " + n.id + " (input)");
    }
  }
};

}  // namespace

const Rule& rule_analytics_input() {
  static const AnalyticsInput rule;
  return rule;
}

}  // namespace sbd::detail
