// SBD0105 delivery-stream-destination: a Firehose delivery stream delivers to
// exactly one destination; without a bucket CloudFormation rejects it.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class DeliveryStreamDestination final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0105", "delivery-stream-destination", Severity::error,
            "a delivery stream without exactly one bucket destination", "docs/rules/SBD0105.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i : a.nodes_of(Kind::deliveryStream)) {
      const Node& n = a.node(i);
      std::vector<std::string> buckets;
      for (std::size_t ei : a.out(i)) {
        const Edge& e = a.edge(ei);
        if (a.kind(e.to_index) == Kind::bucket && a.action(ei) == Action::destination)
          buckets.push_back(a.node(e.to_index).id);
      }
      if (buckets.empty()) {
        ctx.report({n.id}, "delivery stream " + n.id + " has no destination",
                   "connect it to a bucket: " + n.id + " -> SomeBucket (destination)");
      } else if (buckets.size() > 1) {
        std::vector<std::string> nodes{n.id};
        nodes.insert(nodes.end(), buckets.begin(), buckets.end());
        ctx.report(nodes,
                   "delivery stream " + n.id + " has " + std::to_string(buckets.size()) +
                       " bucket destinations (" + join_and(buckets) + "); Firehose delivers to exactly one",
                   "keep one destination edge; to fan out, use one delivery stream per bucket");
      }
    }
  }
};

}  // namespace

const Rule& rule_delivery_stream_destination() {
  static const DeliveryStreamDestination rule;
  return rule;
}

}  // namespace sbd::detail
