// SBD0001 unknown-disabled-rule: the model's `x-sbd-disable` names a rule
// that does not exist (a typo would silently keep the rule on).
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class UnknownDisabledRule final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0001", "unknown-disabled-rule", Severity::warning,
            "x-sbd-disable names a rule code or name that does not exist", "docs/rules/SBD0001.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    const Value* list = arch.settings().extensions.find("x-sbd-disable");
    if (!list) return;
    auto where = [&](const Value& v) {
      SourceLocation loc;
      loc.line = v.line();
      loc.column = v.column();
      if (!arch.nodes().empty()) loc.file = arch.nodes().front().location.file;
      return loc;
    };
    if (!list->is_list()) {
      const auto loc = where(*list);
      ctx.report({}, "x-sbd-disable must be a list of rule codes, not a " + std::string(list->type_name()),
                 "write x-sbd-disable: [SBD0104]", &loc);
      return;
    }
    const auto known = sbd::rules();
    for (const Value& item : list->items()) {
      const auto loc = where(item);
      if (!item.is_string()) {
        ctx.report({}, "x-sbd-disable has an entry that is not a rule code", "write rule codes such as SBD0104", &loc);
        continue;
      }
      const std::string& entry = item.as_string();
      bool found = entry == internal_error_code || entry == internal_error_name;
      for (const auto& r : known) found = found || r.code == entry || r.name == entry;
      if (!found)
        ctx.report({}, "x-sbd-disable names '" + entry + "', which is not a rule",
                   "`sbd validate --list-rules` lists the codes and names", &loc);
    }
  }
};

}  // namespace

const Rule& rule_unknown_disabled_rule() {
  static const UnknownDisabledRule rule;
  return rule;
}

}  // namespace sbd::detail
