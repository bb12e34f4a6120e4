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
    for (const Node& q : arch.nodes()) {
      if (q.kind != "queue") continue;
      std::vector<std::string> nodes{q.id};
      bool has_dlq = false;
      for (std::size_t ei : arch.out_edge_indexes(q.index)) {
        const Edge& e = arch.edge_at(ei);
        if (e.action == "dead-letter") has_dlq = true;
        if (e.action == "trigger" && arch.node_at(e.to_index).kind == "fn") nodes.push_back(e.to);
      }
      bool is_dlq = false;
      for (std::size_t ei : arch.in_edge_indexes(q.index)) is_dlq = is_dlq || arch.edge_at(ei).action == "dead-letter";
      if (has_dlq || is_dlq || nodes.size() == 1) continue;
      ctx.report(nodes,
                 "queue " + q.id + " triggers " + join_and({nodes.begin() + 1, nodes.end()}) +
                     " but has no dead-letter queue: a message that keeps failing is retried until it expires",
                 "add a queue and an edge " + q.id + " -> " + q.id + "Dlq: dead-letter");
    }
  }
};

}  // namespace

const Rule& rule_queue_dead_letter() {
  static const QueueDeadLetter rule;
  return rule;
}

}  // namespace sbd::detail
