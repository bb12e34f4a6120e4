// SBD0505 dead-letter-retention: a message's expiry counts from when it was
// first sent, so a dead-letter queue that keeps messages for less time than
// its source deletes failed messages early; AWS advises a longer retention.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class DeadLetterRetention final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0505", "dead-letter-retention", Severity::warning,
            "a dead-letter queue that keeps messages for less time than its source queue",
            "docs/rules/SBD0505.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    for (const Edge& e : arch.edges()) {
      if (e.action != "dead-letter" || !arch.connection_of(e)) continue;
      const Node& q = arch.node_at(e.from_index);
      const Node& dlq = arch.node_at(e.to_index);
      const long long a = int_property(arch, q, "retention", 345600);
      const long long b = int_property(arch, dlq, "retention", 345600);
      if (b >= a) continue;
      ctx.report({q.id, dlq.id},
                 "dead-letter queue " + dlq.id + " keeps messages " + std::to_string(b) + " s, less than the " +
                     std::to_string(a) + " s of " + q.id + ": failed messages expire early, counted from their first send",
                 "set retention on " + dlq.id + " to more than " + std::to_string(a) + " (e.g. 1209600, 14 days)",
                 &e.location);
    }
  }
};

}  // namespace

const Rule& rule_dead_letter_retention() {
  static const DeadLetterRetention rule;
  return rule;
}

}  // namespace sbd::detail
