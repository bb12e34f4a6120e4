// SBD0701 schedule-expression: a schedule's expression must be an
// EventBridge rate(value unit) or cron(six fields) expression.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class ScheduleExpression final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0701", "schedule-expression", Severity::error,
            "a schedule expression that is not a valid rate(...) or cron(...)", "docs/rules/SBD0701.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i : a.nodes_of(Kind::schedule)) {
      const Node& n = a.node(i);
      const std::string expr = a.string_property(i, "expression", "rate(5 minutes)");
      const std::string problem = schedule_expression_problem(expr);
      if (problem.empty()) continue;
      const auto where = property_location(n, "expression");
      ctx.report({n.id}, "the expression '" + expr + "' of schedule " + n.id + " is not valid: " + problem,
                 "e.g. rate(5 minutes), rate(1 hour), cron(0 3 * * ? *) (minutes hours day-of-month month "
                 "day-of-week year, one of the two days '?')",
                 &where);
    }
  }
};

}  // namespace

const Rule& rule_schedule_expression() {
  static const ScheduleExpression rule;
  return rule;
}

}  // namespace sbd::detail
