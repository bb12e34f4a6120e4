// SBD0111 api-authorizer: a REST API's `auth` must agree with its authorizer
// edges. `auth: cognito` needs a user pool connected to the API (userPool ->
// api), or there is no authorizer to emit and the API would be open; with
// `auth: iam`, a connected user pool is ignored.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class ApiAuthorizer final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0111", "api-authorizer", Severity::error,
            "a REST API whose auth setting does not match its user pool edges", "docs/rules/SBD0111.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i : a.nodes_of(Kind::api)) {
      const Node& api = a.node(i);
      const std::string auth = a.string_property(i, "auth", "none");
      if (auth != "cognito" && auth != "iam") continue;
      std::vector<std::string> pools;
      for (std::size_t ei : a.in(i)) {
        const Edge& e = a.edge(ei);
        if (a.action(ei) == Action::authorize && a.kind(e.from_index) == Kind::userPool) pools.push_back(e.from);
      }
      const auto where = property_location(api, "auth");
      if (auth == "cognito" && pools.empty()) {
        ctx.report({api.id},
                   "REST API " + api.id + " has auth: cognito but no user pool is connected to it: it has no "
                   "authorizer and would be open",
                   "connect a user pool: SomePool -> " + api.id + " (authorize)", &where);
      } else if (auth == "iam" && !pools.empty()) {
        std::vector<std::string> nodes{api.id};
        nodes.insert(nodes.end(), pools.begin(), pools.end());
        ctx.report(nodes,
                   "REST API " + api.id + " has auth: iam, so the user pool " + join_and(pools) +
                       " connected to it authorises nothing",
                   "set auth: cognito on " + api.id + " to use the user pool, or remove the authorize edge",
                   &where);
      }
    }
  }
};

}  // namespace

const Rule& rule_api_authorizer() {
  static const ApiAuthorizer rule;
  return rule;
}

}  // namespace sbd::detail
