// SBD0206 deprecated-runtime: a runtime that AWS Lambda has deprecated, or
// will deprecate within 180 days (dates from the catalog's runtimes table,
// "today" from ValidateOptions::today). Once creating functions is blocked,
// SBD0207 reports it instead.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

constexpr long warn_ahead_days = 180;

class DeprecatedRuntime final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0206", "deprecated-runtime", Severity::warning,
            "a runtime AWS Lambda has deprecated or will deprecate within 180 days", "docs/rules/SBD0206.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    const long today = ctx.today_days();
    const Analysis& an = ctx.analysis();
    for (const Analysis::RuntimeGroup& group : an.runtime_uses()) {
      RuntimeUse use{*group.runtime, {}, group.inherited};  // the functions' ids once reported
      const RuntimeSpec* r = arch.catalog().runtime(use.runtime);
      if (!r || r->deprecated.empty()) continue;
      if (!r->block_create.empty() && today >= parse_iso_date(r->block_create)) continue;  // SBD0207
      const long deprecated = parse_iso_date(r->deprecated);
      const long days_left = deprecated - today;
      if (days_left > warn_ahead_days) continue;
      use.functions = an.ids(group.functions);
      const std::string who = use.inherited ? "the app's runtime " + use.runtime + " (used by " +
                                                  join_and(use.functions) + ")"
                                            : "the runtime " + use.runtime + " of function " + use.functions.front();
      std::string message =
          days_left <= 0
              ? who + " was deprecated by AWS Lambda on " + r->deprecated
              : who + " will be deprecated by AWS Lambda on " + r->deprecated + " (in " + std::to_string(days_left) +
                    " days)";
      if (!r->block_create.empty()) message += "; creating functions is blocked from " + r->block_create;
      const std::string successor = runtime_successor(arch.catalog(), *r);
      const std::string hint = successor.empty() ? "move to a newer " + r->family + " runtime" : "move to " + successor;
      SourceLocation where;
      if (!use.inherited) where = property_location(arch.node(use.functions.front()), "runtime");
      ctx.report(use.functions, message, hint, use.inherited ? nullptr : &where);
    }
  }
};

}  // namespace

const Rule& rule_deprecated_runtime() {
  static const DeprecatedRuntime rule;
  return rule;
}

}  // namespace sbd::detail
