// SBD0702 iot-rule-sql: an IoT topic rule's sql must be SELECT ... FROM
// '<topic filter>' [WHERE ...], with '+' and '#' only as whole levels.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class IotRuleSql final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0702", "iot-rule-sql", Severity::error,
            "an IoT rule whose sql is not SELECT ... FROM '<topic filter>'", "docs/rules/SBD0702.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i : a.nodes_of(Kind::iotRule)) {
      const Node& n = a.node(i);
      const std::string sql = a.string_property(i, "sql");
      const std::string problem = iot_sql_problem(sql);
      if (problem.empty()) continue;
      const auto where = property_location(n, "sql");
      ctx.report({n.id}, "the sql of IoT rule " + n.id + " is not valid: " + problem,
                 "e.g. SELECT * FROM 'sensors/+/temperature' WHERE value > 30", &where);
    }
  }
};

}  // namespace

const Rule& rule_iot_rule_sql() {
  static const IotRuleSql rule;
  return rule;
}

}  // namespace sbd::detail
