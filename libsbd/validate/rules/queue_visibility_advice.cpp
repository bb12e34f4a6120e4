// SBD0302 queue-visibility-advice: AWS advises a visibility timeout of at
// least six times the function timeout, so that retries of a throttled or
// slow batch do not make messages visible again while they are processed.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class QueueVisibilityAdvice final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0302", "queue-visibility-advice", Severity::warning,
            "a queue whose visibility timeout is less than six times the timeout of a function it triggers",
            "docs/rules/SBD0302.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    for (const Edge& e : arch.edges()) {
      const Node& q = arch.node_at(e.from_index);
      const Node& fn = arch.node_at(e.to_index);
      if (q.kind != "queue" || fn.kind != "fn" || e.action != "trigger") continue;
      const long long visibility = int_property(arch, q, "visibility_timeout", 30);
      const long long timeout = function_timeout(arch, fn);
      if (visibility < timeout || visibility >= 6 * timeout) continue;  // SBD0301 / fine
      ctx.report({q.id, fn.id},
                 "queue " + q.id + " has a visibility timeout of " + std::to_string(visibility) +
                     " s, less than six times the " + std::to_string(timeout) + " s timeout of function " + fn.id +
                     " that it triggers (" + std::to_string(6 * timeout) + " s), as AWS advises",
                 "set visibility_timeout on " + q.id + " to at least " + std::to_string(6 * timeout));
    }
  }
};

}  // namespace

const Rule& rule_queue_visibility_advice() {
  static const QueueVisibilityAdvice rule;
  return rule;
}

}  // namespace sbd::detail
