// SBD0203 function-memory: memory outside the 128 to 10240 MB Lambda allows.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class FunctionMemory final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0203", "function-memory", Severity::error, "memory outside the 128 to 10240 MB Lambda allows", "docs/rules/SBD0203.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i : a.nodes_of(Kind::fn)) {
      if (!a.has_properties(i)) continue;
      const Node& n = a.node(i);
      const Value* v = n.properties.find("memory");
      if (!v || !v->is_number()) continue;
      const double x = v->as_number();
      if (x >= 128 && x <= 10240) continue;
      const auto where = property_location(n, "memory");
      const std::string shown = v->is_int() ? std::to_string(v->as_int()) : format_number(x);
      ctx.report({n.id}, "function " + n.id + " has memory " + shown + " MB, outside the 128 to 10240 MB Lambda allows",
                 "set memory on " + n.id + " to a value from 128 to 10240", &where);
    }
  }
};

}  // namespace

const Rule& rule_function_memory() {
  static const FunctionMemory rule;
  return rule;
}

}  // namespace sbd::detail
