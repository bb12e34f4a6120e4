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
    for (const Node& fn : arch.nodes()) {
      if (fn.kind != "fn" || has_on_failure(arch, fn)) continue;
      std::vector<std::string> nodes{fn.id};
      for (std::size_t ei : arch.in_edge_indexes(fn.index)) {
        const Edge& e = arch.edge_at(ei);
        if (invocation_of(arch, e) == Invocation::stream) nodes.push_back(e.from);
      }
      if (nodes.size() == 1) continue;
      ctx.report(nodes,
                 "function " + fn.id + " reads the stream of " + join_and({nodes.begin() + 1, nodes.end()}) +
                     " without an on-failure destination: a failing batch is retried until its records expire",
                 "add an edge " + fn.id + " -> SomeQueue: on-failure");
    }
  }
};

}  // namespace

const Rule& rule_stream_failure_destination() {
  static const StreamFailureDestination rule;
  return rule;
}

}  // namespace sbd::detail
