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
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t i = 0; i < a.node_count(); ++i) {
      const Kind k = a.kind(i);
      if (k != Kind::api && k != Kind::httpApi) continue;
      // As the SAM engine emits it: IAM auth, or an authorizer from a user
      // pool or identity pool edge (auth: cognito alone adds none: SBD0111).
      if (k == Kind::api && a.string_property(i, "auth", "none") == "iam") continue;
      bool authorised = false;
      for (std::size_t ei : a.in(i)) authorised = authorised || a.action(ei) == Action::authorize;
      if (authorised) continue;
      const std::string_view api = a.id(i);
      for (std::size_t ei : a.out(i)) {
        const std::size_t to = a.to(ei);
        if (a.kind(to) != Kind::fn || a.action(ei) != Action::integration || !a.writes_data(to)) continue;
        const std::string_view fn = a.id(to);
        ctx.report({std::string(api), std::string(fn)},
                   cat({"anyone can call ", api, " without authorisation, and its function ", fn, " writes data"}),
                   k == Kind::api ? cat({"set auth: iam or cognito on ", api,
                                         " (or connect a user pool to it) if the writes are not meant to be public"})
                                  : cat({"connect a user pool to ", api, " if the writes are not meant to be public"}),
                   &a.edge(ei).location);
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
