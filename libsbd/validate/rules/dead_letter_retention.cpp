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
    (void)arch;
    const Analysis& an = ctx.analysis();
    for (std::size_t i = 0; i < an.edge_count(); ++i) {
      if (an.action(i) != Action::dead_letter || !an.connection(i)) continue;
      const Edge& e = an.edge(i);
      const long long a = an.int_property(e.from_index, "retention", 345600);
      const long long b = an.int_property(e.to_index, "retention", 345600);
      if (b >= a) continue;
      const Node& q = an.node(e.from_index);
      const Node& dlq = an.node(e.to_index);
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
