// SBD0301 queue-visibility-timeout: a queue's visibility timeout shorter than
// the timeout of a function it triggers; Lambda rejects the event source
// mapping (cfn-lint E3505).
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class QueueVisibilityTimeout final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0301", "queue-visibility-timeout", Severity::error,
            "a queue whose visibility timeout is shorter than the timeout of a function it triggers",
            "docs/rules/SBD0301.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i = 0; i < a.edge_count(); ++i) {
      if (a.kind(a.from(i)) != Kind::queue || a.kind(a.to(i)) != Kind::fn || a.action(i) != Action::trigger) continue;
      const long long visibility = a.int_property(a.from(i), "visibility_timeout", 30);
      const long long timeout = a.timeout(a.to(i));
      if (visibility >= timeout) continue;
      const Node& q = a.node(a.from(i));
      const Node& fn = a.node(a.to(i));
      ctx.report({q.id, fn.id},
                 cat({"queue ", q.id, " has a visibility timeout of ", std::to_string(visibility),
                      " s, shorter than the ", std::to_string(timeout), " s timeout of function ", fn.id,
                      " that it triggers"}),
                 cat({"set visibility_timeout on ", q.id, " to at least ", std::to_string(6 * timeout),
                      " (six times the function timeout)"}));
    }
  }
};

}  // namespace

const Rule& rule_queue_visibility_timeout() {
  static const QueueVisibilityTimeout rule;
  return rule;
}

}  // namespace sbd::detail
