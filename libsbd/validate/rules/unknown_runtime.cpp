// SBD0205 unknown-runtime: a function runtime that is not in the catalog's
// runtimes table (a typo such as provided.al2023023 or a made-up version).
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <algorithm>

namespace sbd::detail {
namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

class UnknownRuntime final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0205", "unknown-runtime", Severity::error, "a function runtime that AWS Lambda does not have",
            "docs/rules/SBD0205.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    const Catalog& catalog = arch.catalog();
    const Analysis& an = ctx.analysis();
    for (const Analysis::RuntimeGroup& group : an.runtime_uses()) {
      RuntimeUse use{*group.runtime, {}, group.inherited};  // the functions' ids once reported
      if (catalog.runtime(use.runtime)) continue;
      // Suggest the closest name (the catalog has a few dozen), preferring a
      // runtime that is not deprecated as of today.
      std::string best;
      std::size_t best_d = 4;
      for (int pass = 0; pass < 2 && best.empty(); ++pass) {
        for (const RuntimeSpec& r : catalog.runtimes()) {
          const bool current = r.deprecated.empty() || parse_iso_date(r.deprecated) > ctx.today_days();
          if (pass == 0 && !current) continue;
          const std::size_t d = edit_distance(use.runtime, r.name);
          if (d < best_d) {
            best_d = d;
            best = r.name;
          }
        }
      }
      use.functions = an.ids(group.functions);
      std::string hint = best.empty() ? "use a supported runtime such as " + std::string(default_runtime)
                                      : "did you mean " + best + "?";
      std::string subject = use.inherited ? "the app's runtime '" + use.runtime + "' (used by " +
                                                join_and(use.functions) + ")"
                                          : "function " + use.functions.front() + " has the runtime '" +
                                                use.runtime + "', which";
      const std::string message =
          use.inherited ? subject + " is not an AWS Lambda runtime" : subject + " is not an AWS Lambda runtime";
      SourceLocation where;
      if (!use.inherited) where = property_location(arch.node(use.functions.front()), "runtime");
      ctx.report(use.functions, message, hint, use.inherited ? nullptr : &where);
    }
  }
};

}  // namespace

const Rule& rule_unknown_runtime() {
  static const UnknownRuntime rule;
  return rule;
}

}  // namespace sbd::detail
