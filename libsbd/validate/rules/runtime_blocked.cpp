// SBD0207 runtime-blocked: a runtime for which AWS Lambda blocks creating
// functions (as of ValidateOptions::today); a deploy of this model fails.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class RuntimeBlocked final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0207", "runtime-blocked", Severity::error,
            "a runtime for which AWS Lambda no longer lets you create functions", "docs/rules/SBD0207.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    const long today = ctx.today_days();
    const Analysis& an = ctx.analysis();
    for (const Analysis::RuntimeGroup& group : an.runtime_uses()) {
      RuntimeUse use{*group.runtime, {}, group.inherited};  // the functions' ids once reported
      const RuntimeSpec* r = arch.catalog().runtime(use.runtime);
      if (!r || r->block_create.empty() || today < parse_iso_date(r->block_create)) continue;
      use.functions = an.ids(group.functions);
      const std::string who = use.inherited ? "the app's runtime " + use.runtime + " (used by " +
                                                  join_and(use.functions) + ")"
                                            : "the runtime " + use.runtime + " of function " + use.functions.front();
      std::string message = who + " is deprecated";
      if (!r->deprecated.empty()) message += " (since " + r->deprecated + ")";
      message += " and AWS Lambda blocks creating functions with it since " + r->block_create;
      if (!r->block_update.empty()) message += " (updating them from " + r->block_update + ")";
      const std::string successor = runtime_successor(arch.catalog(), *r);
      const std::string hint = successor.empty() ? "move to a newer " + r->family + " runtime" : "move to " + successor;
      SourceLocation where;
      if (!use.inherited) where = property_location(arch.node(use.functions.front()), "runtime");
      ctx.report(use.functions, message, hint, use.inherited ? nullptr : &where);
    }
  }
};

}  // namespace

const Rule& rule_runtime_blocked() {
  static const RuntimeBlocked rule;
  return rule;
}

}  // namespace sbd::detail
