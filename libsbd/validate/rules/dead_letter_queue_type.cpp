// SBD0504 dead-letter-queue-type: a FIFO queue needs a FIFO dead-letter queue
// and a standard queue a standard one (cfn-lint E3502).
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class DeadLetterQueueType final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0504", "dead-letter-queue-type", Severity::error,
            "a dead-letter queue whose type (FIFO or standard) differs from its source queue",
            "docs/rules/SBD0504.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& an = ctx.analysis();
    for (std::size_t i = 0; i < an.edge_count(); ++i) {
      if (an.action(i) != Action::dead_letter || !an.connection(i)) continue;
      const Edge& e = an.edge(i);
      const bool a = an.bool_property(e.from_index, "fifo", false);
      const bool b = an.bool_property(e.to_index, "fifo", false);
      if (a == b) continue;
      const Node& q = an.node(e.from_index);
      const Node& dlq = an.node(e.to_index);
      ctx.report({q.id, dlq.id},
                 std::string(a ? "FIFO" : "standard") + " queue " + q.id + " has a " + (b ? "FIFO" : "standard") +
                     " dead-letter queue " + dlq.id + "; SQS needs both of the same type",
                 std::string("set fifo: ") + (a ? "true" : "false") + " on " + dlq.id, &e.location);
    }
  }
};

}  // namespace

const Rule& rule_dead_letter_queue_type() {
  static const DeadLetterQueueType rule;
  return rule;
}

}  // namespace sbd::detail
