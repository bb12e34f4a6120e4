// SBD0503 stream-failure-destination: a function reading a Kinesis or
// DynamoDB stream retries a failing batch until the records expire, blocking
// its shard; an on-failure destination lets it skip and keep the batch
// (serverless-rules ES1001/ES4000). Advice.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class StreamFailureDestination final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0503", "stream-failure-destination", Severity::info,
            "a function reading a stream without an on-failure destination", "docs/rules/SBD0503.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i : a.nodes_of(Kind::fn)) {
      if (a.has_on_failure(i) || !a.invoked_as(i, Invocation::stream)) continue;
      const Node& fn = a.node(i);
      std::vector<std::string> nodes = a.node_and_sources(i, Invocation::stream);
      std::string message = cat({"function ", fn.id, " reads the stream of ",
                                 join_and(nodes.data() + 1, nodes.data() + nodes.size()),
                                 " without an on-failure destination: a failing batch is retried until its records expire"});
      ctx.report(std::move(nodes), std::move(message), cat({"add an edge ", fn.id, " -> SomeQueue: on-failure"}));
    }
  }
};

}  // namespace

const Rule& rule_stream_failure_destination() {
  static const StreamFailureDestination rule;
  return rule;
}

}  // namespace sbd::detail
