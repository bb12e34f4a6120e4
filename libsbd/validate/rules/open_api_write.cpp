// SBD0603 open-api-write: an API without authorisation (a REST API without
// auth: iam and without an authorizer edge; an HTTP API without a user pool) in front of a function
// that writes data. Public writes can be intended (a sign-up form, a webhook),
// so this is information.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

class OpenApiWrite final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0603", "open-api-write", Severity::info,
            "an API without authorisation in front of a function that writes data", "docs/rules/SBD0603.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    const std::vector<char> writes = data_writers(arch);
    for (const Node& api : arch.nodes()) {
      if (api.kind != "api" && api.kind != "httpApi") continue;
      // As the SAM engine emits it: IAM auth, or an authorizer from a user
      // pool or identity pool edge (auth: cognito alone adds none: SBD0111).
      if (api.kind == "api" && string_property(arch, api, "auth", "none") == "iam") continue;
      bool authorised = false;
      for (std::size_t ei : arch.in_edge_indexes(api.index))
        authorised = authorised || arch.edge_at(ei).action == "authorize";
      if (authorised) continue;
      for (std::size_t ei : arch.out_edge_indexes(api.index)) {
        const Edge& e = arch.edge_at(ei);
        const Node& fn = arch.node_at(e.to_index);
        if (fn.kind != "fn" || e.action != "integration" || !writes[fn.index]) continue;
        ctx.report({api.id, fn.id},
                   "anyone can call " + api.id + " without authorisation, and its function " + fn.id + " writes data",
                   api.kind == "api" ? "set auth: iam or cognito on " + api.id + " (or connect a user pool to it) if "
                                           "the writes are not meant to be public"
                                     : "connect a user pool to " + api.id + " if the writes are not meant to be public",
                   &e.location);
      }
    }
  }
};

}  // namespace

const Rule& rule_open_api_write() {
  static const OpenApiWrite rule;
  return rule;
}

}  // namespace sbd::detail
