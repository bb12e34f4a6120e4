// SBD0108 deployment-references: the deployment preference names alarms and
// hook functions by node id; each must exist and be of the right kind, and
// the type must be one SAM knows.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <algorithm>

namespace sbd::detail {
namespace {

const char* const deployment_types[] = {
    "Canary10Percent5Minutes",      "Canary10Percent10Minutes",     "Canary10Percent15Minutes",
    "Canary10Percent30Minutes",     "Linear10PercentEvery1Minute",  "Linear10PercentEvery2Minutes",
    "Linear10PercentEvery3Minutes", "Linear10PercentEvery10Minutes", "AllAtOnce"};

class DeploymentReferences final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0108", "deployment-references", Severity::error,
            "deployment alarms or hooks that name missing nodes or nodes of the wrong kind",
            "docs/rules/SBD0108.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    const auto& d = arch.settings().deployment;
    if (!d) return;
    auto expect = [&](const std::string& id, const std::string& kind, const std::string& what) {
      const KindSpec* spec = arch.catalog().kind(kind);
      const std::string wanted = spec ? spec->name : kind;
      const Node* n = arch.find(id);
      if (!n) {
        ctx.report({id}, "the deployment's " + what + " " + id + " is not a node of the model",
                   "add a " + kind + " node " + id + " (" + wanted + ") or fix the id", &d->location);
      } else if (n->kind != kind) {
        ctx.report({id}, "the deployment's " + what + " " + id + " is a " + arch.kind_of(*n).name + ", not a " + wanted,
                   "name a " + kind + " node here (" + wanted + ")", &d->location);
      }
    };
    for (const auto& alarm : d->alarms) expect(alarm, "alarm", "alarm");
    if (!d->pre_traffic.empty()) expect(d->pre_traffic, "fn", "pre_traffic hook");
    if (!d->post_traffic.empty()) expect(d->post_traffic, "fn", "post_traffic hook");
    if (std::none_of(std::begin(deployment_types), std::end(deployment_types),
                     [&](const char* t) { return d->type == t; }))
      ctx.report({}, "the deployment type '" + d->type + "' is not a SAM DeploymentPreference type",
                 "use Canary10Percent5Minutes, Linear10PercentEvery1Minute, AllAtOnce or another SAM type",
                 &d->location);
  }
};

}  // namespace

const Rule& rule_deployment_references() {
  static const DeploymentReferences rule;
  return rule;
}

}  // namespace sbd::detail
