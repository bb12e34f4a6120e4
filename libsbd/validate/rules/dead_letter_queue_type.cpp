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
    for (const Edge& e : arch.edges()) {
      if (e.action != "dead-letter" || !arch.connection_of(e)) continue;
      const Node& q = arch.node_at(e.from_index);
      const Node& dlq = arch.node_at(e.to_index);
      const bool a = bool_property(arch, q, "fifo", false);
      const bool b = bool_property(arch, dlq, "fifo", false);
      if (a == b) continue;
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
