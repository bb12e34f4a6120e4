// SBD0501 async-on-failure: a function invoked asynchronously (by S3, SNS,
// EventBridge, a schedule or IoT) retries twice and then drops the event
// unless it has an on-failure destination (serverless-rules ES1007).
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class AsyncOnFailure final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0501", "async-on-failure", Severity::warning,
            "an asynchronously invoked function without an on-failure destination", "docs/rules/SBD0501.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i : a.nodes_of(Kind::fn)) {
      if (a.has_on_failure(i) || !a.invoked_as(i, Invocation::async)) continue;
      const std::string_view fn = a.id(i);
      std::vector<std::string> nodes = a.node_and_sources(i, Invocation::async);
      std::string message = cat({"function ", fn, " is invoked asynchronously by ",
                                 join_and(nodes.data() + 1, nodes.data() + nodes.size()),
                                 " but has no on-failure destination: events that fail three times are lost"});
      ctx.report(std::move(nodes), std::move(message), cat({"add an edge ", fn, " -> SomeQueue: on-failure (or to a topic)"}),
                 &a.node(i).location);  // (the first node's: no lookup by id)
    }
  }
};

}  // namespace

const Rule& rule_async_on_failure() {
  static const AsyncOnFailure rule;
  return rule;
}

}  // namespace sbd::detail
