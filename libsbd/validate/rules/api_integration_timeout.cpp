// SBD0303 api-integration-timeout: API Gateway waits at most 29 s (REST) or
// 30 s (HTTP API) for an integration; a function allowed to run longer times
// out at the API while it still runs.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class ApiIntegrationTimeout final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0303", "api-integration-timeout", Severity::warning,
            "a function behind an API with a timeout over the API's 29 s (REST) or 30 s (HTTP) limit",
            "docs/rules/SBD0303.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i = 0; i < a.edge_count(); ++i) {
      const Kind from = a.kind(a.from(i));
      if ((from != Kind::api && from != Kind::httpApi) || a.kind(a.to(i)) != Kind::fn || !a.connection(i)) continue;
      const long long limit = from == Kind::api ? 29 : 30;
      const long long timeout = a.timeout(a.to(i));
      if (timeout <= limit) continue;
      const Node& api = a.node(a.from(i));
      const Node& fn = a.node(a.to(i));
      const auto where = property_location(fn, "timeout");
      ctx.report({api.id, fn.id},
                 cat({"function ", fn.id, " has a timeout of ", std::to_string(timeout), " s, but ",
                      from == Kind::api ? "REST API " : "HTTP API ", api.id, " waits at most ", std::to_string(limit),
                      " s for it"}),
                 cat({"set timeout on ", fn.id, " to ", std::to_string(limit),
                      " or less, or hand long work to a queue or a state machine"}),
                 &where);
    }
  }
};

}  // namespace

const Rule& rule_api_integration_timeout() {
  static const ApiIntegrationTimeout rule;
  return rule;
}

}  // namespace sbd::detail
