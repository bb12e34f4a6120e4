// SBD0304 firehose-transform-timeout: Firehose waits at most 5 minutes for a
// transform function.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class FirehoseTransformTimeout final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0304", "firehose-transform-timeout", Severity::warning,
            "a Firehose transform function with a timeout over Firehose's 5-minute limit",
            "docs/rules/SBD0304.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    if (a.nodes_of(Kind::deliveryStream).empty()) return;
    for (std::size_t i = 0; i < a.edge_count(); ++i) {
      if (a.kind(a.from(i)) != Kind::deliveryStream || a.kind(a.to(i)) != Kind::fn ||
          a.action(i) != Action::transform)
        continue;
      const long long timeout = a.timeout(a.to(i));
      if (timeout <= 300) continue;
      const Node& ds = a.node(a.from(i));
      const Node& fn = a.node(a.to(i));
      const auto where = property_location(fn, "timeout");
      ctx.report({ds.id, fn.id},
                 "transform function " + fn.id + " of delivery stream " + ds.id + " has a timeout of " +
                     std::to_string(timeout) + " s; Firehose waits at most 300 s (5 minutes) for a transform",
                 "set timeout on " + fn.id + " to 300 or less (a transform should take seconds)", &where);
    }
  }
};

}  // namespace

const Rule& rule_firehose_transform_timeout() {
  static const FirehoseTransformTimeout rule;
  return rule;
}

}  // namespace sbd::detail
