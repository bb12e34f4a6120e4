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
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i : a.nodes_of(Kind::analyticsStream)) {
      const Node& n = a.node(i);
      bool fed = false;
      for (std::size_t ei : a.in(i)) fed = fed || (a.connection(ei) && a.action(ei) == Action::input);
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
