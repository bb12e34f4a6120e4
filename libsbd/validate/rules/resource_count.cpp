// SBD0202 resource-count: CloudFormation allows 500 resources per stack; the
// count is estimated by estimate_sam_resources() (resource_estimate.cpp).
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

namespace sbd::detail {
namespace {

constexpr std::size_t max_resources = 500;

class ResourceCount final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0202", "resource-count", Severity::error,
            "the SAM template would have more than the 500 resources a stack allows", "docs/rules/SBD0202.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const std::size_t n = estimate_sam_resources(ctx.analysis());
    if (n <= max_resources) return;
    ctx.report({},
               "the SAM template of this model would have about " + std::to_string(n) +
                   " resources, over the 500 a CloudFormation stack allows",
               "split the application into several models (stacks) that share resources by name");
  }
};

}  // namespace

const Rule& rule_resource_count() {
  static const ResourceCount rule;
  return rule;
}

}  // namespace sbd::detail
