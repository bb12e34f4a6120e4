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
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i = 0; i < a.edge_count(); ++i) {
      if (a.kind(a.from(i)) != Kind::queue || a.kind(a.to(i)) != Kind::fn || a.action(i) != Action::trigger) continue;
      const long long visibility = a.int_property(a.from(i), "visibility_timeout", 30);
      const long long timeout = a.timeout(a.to(i));
      if (visibility < timeout || visibility >= 6 * timeout) continue;  // SBD0301 / fine
      const Node& q = a.node(a.from(i));
      const Node& fn = a.node(a.to(i));
      const std::string six = std::to_string(6 * timeout);
      ctx.report({q.id, fn.id},
                 cat({"queue ", q.id, " has a visibility timeout of ", std::to_string(visibility),
                      " s, less than six times the ", std::to_string(timeout), " s timeout of function ", fn.id,
                      " that it triggers (", six, " s), as AWS advises"}),
                 cat({"set visibility_timeout on ", q.id, " to at least ", six}));
    }
  }
};

}  // namespace

const Rule& rule_queue_visibility_advice() {
  static const QueueVisibilityAdvice rule;
  return rule;
}

}  // namespace sbd::detail
