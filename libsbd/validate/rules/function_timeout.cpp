// SBD0204 function-timeout: a function timeout outside the 1 to 900 s Lambda allows.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class FunctionTimeout final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0204", "function-timeout", Severity::error, "a function timeout outside the 1 to 900 s Lambda allows", "docs/rules/SBD0204.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i : a.nodes_of(Kind::fn)) {
      if (!a.has_properties(i)) continue;
      const Node& n = a.node(i);
      const Value* v = n.properties.find("timeout");
      if (!v || !v->is_number()) continue;
      const double x = v->as_number();
      if (x >= 1 && x <= 900) continue;
      const auto where = property_location(n, "timeout");
      const std::string shown = v->is_int() ? std::to_string(v->as_int()) : format_number(x);
      ctx.report({n.id}, "function " + n.id + " has timeout " + shown + " s, outside the 1 to 900 s Lambda allows",
                 "set timeout on " + n.id + " to a value from 1 to 900", &where);
    }
  }
};

}  // namespace

const Rule& rule_function_timeout() {
  static const FunctionTimeout rule;
  return rule;
}

}  // namespace sbd::detail
