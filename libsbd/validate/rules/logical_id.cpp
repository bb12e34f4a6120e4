// SBD0201 logical-id: CloudFormation logical ids are letters and digits, at
// most 255 characters, unique in the template. The model's readers refuse
// invalid node ids, so what remains is what SAM derives from them: a
// function's role <Id>Role, an API's stage <Id><stage>Stage... must stay
// within 255 characters and must not collide with another node's id.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <unordered_map>

namespace sbd::detail {
namespace {

class LogicalId final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0201", "logical-id", Severity::error,
            "a node id, or a logical id SAM derives from it, that CloudFormation rejects or that collides",
            "docs/rules/SBD0201.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    std::unordered_map<std::string, const Node*> ids;
    for (const Node& n : arch.nodes()) ids.emplace(n.id, &n);
    for (const Node& n : arch.nodes()) {
      if (!is_valid_logical_id(n.id)) {
        ctx.report({n.id}, "'" + n.id + "' is not a valid CloudFormation logical id",
                   "use ASCII letters and digits only, a letter first, at most 255 characters");
        continue;
      }
      for (const DerivedId& d : derived_logical_ids(arch, n)) {
        if (d.id.size() > 255) {
          ctx.report({n.id},
                     "SAM names a resource of " + n.id + " '" + (d.exact ? d.id : d.id.substr(0, 40) + "...") +
                         "', " + std::to_string(d.id.size()) + " characters: over the 255 CloudFormation allows",
                     "shorten the id of " + n.id + " to at most " + std::to_string(255 - (d.id.size() - n.id.size())) +
                         " characters");
          continue;
        }
        if (!d.exact) continue;
        auto it = ids.find(d.id);
        if (it == ids.end() || it->second == &n) continue;
        ctx.report({n.id, it->second->id},
                   "SAM names the " + std::string(n.kind == "httpApi" || n.kind == "api" ? "stage" : "role") +
                       " of " + n.id + " '" + d.id + "', the id of another node",
                   "rename " + it->second->id + " (e.g. " + it->second->id + "Node) or " + n.id);
      }
    }
  }
};

}  // namespace

const Rule& rule_logical_id() {
  static const LogicalId rule;
  return rule;
}

}  // namespace sbd::detail
