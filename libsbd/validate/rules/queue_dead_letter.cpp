// SBD0502 queue-dead-letter: a queue that triggers a function without a
// dead-letter queue retries a failing message until its retention ends, then
// loses it (serverless-rules ES6000 in spirit). A queue that is itself a
// dead-letter queue is not asked for another.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class QueueDeadLetter final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0502", "queue-dead-letter", Severity::warning,
            "a queue that triggers a function and has no dead-letter queue", "docs/rules/SBD0502.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i : a.nodes_of(Kind::queue)) {
      bool has_dlq = false;
      std::size_t triggered = 0;
      for (std::size_t ei : a.out(i)) {
        if (a.action(ei) == Action::dead_letter) has_dlq = true;
        if (a.action(ei) == Action::trigger && a.kind(a.to(ei)) == Kind::fn) ++triggered;
      }
      if (has_dlq || triggered == 0) continue;
      bool is_dlq = false;
      for (std::size_t ei : a.in(i)) is_dlq = is_dlq || a.action(ei) == Action::dead_letter;
      if (is_dlq) continue;
      const std::string_view q = a.id(i);
      std::vector<std::string> nodes;
      nodes.reserve(triggered + 1);
      nodes.emplace_back(q);
      for (std::size_t ei : a.out(i))
        if (a.action(ei) == Action::trigger && a.kind(a.to(ei)) == Kind::fn) nodes.emplace_back(a.id(a.to(ei)));
      std::string message = cat({"queue ", q, " triggers ", join_and(nodes.data() + 1, nodes.data() + nodes.size()),
                                 " but has no dead-letter queue: a message that keeps failing is retried until it expires"});
      ctx.report(std::move(nodes), std::move(message), cat({"add a queue and an edge ", q, " -> ", q, "Dlq: dead-letter"}),
                 &a.node(i).location);  // (the first node's: no lookup by id)
    }
  }
};

}  // namespace

const Rule& rule_queue_dead_letter() {
  static const QueueDeadLetter rule;
  return rule;
}

}  // namespace sbd::detail
