// SBD0208 fifo-batch-size: a FIFO queue feeds a function at most 10 messages
// per batch (cfn-lint E3705); a larger batch_size is rejected.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class FifoBatchSize final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0208", "fifo-batch-size", Severity::error, "a FIFO queue trigger with a batch size above 10",
            "docs/rules/SBD0208.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i = 0; i < a.edge_count(); ++i) {
      if (a.kind(a.from(i)) != Kind::queue || a.kind(a.to(i)) != Kind::fn || !a.connection(i)) continue;
      if (!a.bool_property(a.from(i), "fifo", false)) continue;
      const Value* b = a.edge_property(i, "batch_size");
      if (!b || !b->is_int() || b->as_int() <= 10) continue;
      const Edge& e = a.edge(i);
      const Node& q = a.node(e.from_index);
      const auto where = property_location(e, "batch_size");
      ctx.report({q.id, e.to},
                 "FIFO queue " + q.id + " triggers " + e.to + " with a batch size of " + std::to_string(b->as_int()) +
                     "; a FIFO queue allows at most 10",
                 "set batch_size on the edge " + q.id + " -> " + e.to + " to 10 or less", &where);
    }
  }
};

}  // namespace

const Rule& rule_fifo_batch_size() {
  static const FifoBatchSize rule;
  return rule;
}

}  // namespace sbd::detail
