// SBD0601 wildcard-permissions: overrides that add IAM statements with `*`
// actions ("*", "s3:*") or `*` resources, or broad managed policies
// (AdministratorAccess, PowerUserAccess, *FullAccess), defeat the
// least-privilege policies that the edges produce (serverless-rules WS1003,
// cfn-lint I3510).
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <set>

namespace sbd::detail {
namespace {

bool wildcard_action(const std::string& a) {
  return a == "*" || (a.size() > 2 && a.compare(a.size() - 2, 2, ":*") == 0);
}

bool broad_policy(const std::string& p) {
  const std::string name = p.substr(p.rfind('/') == std::string::npos ? 0 : p.rfind('/') + 1);
  return name == "AdministratorAccess" || name == "PowerUserAccess" ||
         (name.size() > 10 && name.compare(name.size() - 10, 10, "FullAccess") == 0);
}

void strings_of(const Value& v, std::vector<std::string>& out) {
  if (v.is_string()) out.push_back(v.as_string());
  if (v.is_list())
    for (const Value& i : v.items())
      if (i.is_string()) out.push_back(i.as_string());
}

// Walks the override tree (iteratively: it may be deep) and collects findings.
void scan(const Value& root, std::set<std::string>& found, int& line, int& column) {
  std::vector<std::pair<const Value*, std::string>> stack{{&root, ""}};
  while (!stack.empty()) {
    auto [v, key] = stack.back();
    stack.pop_back();
    auto note = [&](const std::string& what, const Value& at) {
      if (found.insert(what).second && line == 0) {
        line = at.line();
        column = at.column();
      }
    };
    if (v->is_string() && (key == "Policies" || key == "ManagedPolicyArns") && broad_policy(v->as_string()))
      note("the managed policy " + v->as_string(), *v);
    if (v->is_map()) {
      const Value* effect = v->find("Effect");
      const bool deny = effect && effect->is_string() && effect->as_string() == "Deny";
      const Value* action = v->find("Action");
      if (!action) action = v->find("NotAction");
      if (action && !deny) {
        std::vector<std::string> actions;
        strings_of(*action, actions);
        for (const auto& a : actions)
          if (wildcard_action(a)) note("the action " + a, *action);
        if (v->find("NotAction")) note("NotAction (everything but a list)", *action);
        if (const Value* res = v->find("Resource")) {
          std::vector<std::string> resources;
          strings_of(*res, resources);
          for (const auto& r : resources)
            if (r == "*") note("the resource *", *res);
        }
      }
      for (std::size_t i = v->keys().size(); i-- > 0;) stack.emplace_back(&v->value_at(i), v->keys()[i]);
    } else if (v->is_list()) {
      for (std::size_t i = v->size(); i-- > 0;) stack.emplace_back(&v->items()[i], key);
    }
  }
}

class WildcardPermissions final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0601", "wildcard-permissions", Severity::warning,
            "overrides that grant `*` actions or resources, or a broad managed policy", "docs/rules/SBD0601.md"};
  }

  void check(const Architecture&, Context& ctx) const override {
    const Analysis& a = ctx.analysis();
    for (std::size_t i = 0; i < a.node_count(); ++i) {
      if (!a.has_overrides(i)) continue;
      const Node& n = a.node(i);
      std::set<std::string> found;
      int line = 0, column = 0;
      scan(n.overrides, found, line, column);
      if (found.empty()) continue;
      SourceLocation where = n.location;
      if (line > 0) {
        where.line = line;
        where.column = column;
      }
      std::vector<std::string> items(found.begin(), found.end());
      ctx.report({n.id}, "the overrides of " + n.id + " grant " + join_and(items),
                 "name the actions and resources the node needs; edges to the nodes it uses already grant scoped "
                 "policies",
                 &where);
    }
  }
};

}  // namespace

const Rule& rule_wildcard_permissions() {
  static const WildcardPermissions rule;
  return rule;
}

}  // namespace sbd::detail
