// SBD0602 unauthenticated-write: an identity pool that allows unauthenticated
// (guest) identities and authorises them to invoke a function that writes
// data, directly or through an API: anyone on the internet can write.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <unordered_set>

namespace sbd::detail {
namespace {

class UnauthenticatedWrite final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0602", "unauthenticated-write", Severity::warning,
            "a Cognito identity pool that lets unauthenticated identities reach a function that writes data",
            "docs/rules/SBD0602.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    for (std::size_t p : a.nodes_of(Kind::cognitoIdentity)) {
      if (!a.bool_property(p, "allow_unauthenticated", false)) continue;
      const Node& pool = a.node(p);
      std::vector<std::string> nodes{pool.id};
      std::vector<std::string> writers;
      std::unordered_set<std::size_t> listed{pool.index};
      auto add = [&](const Node& n) {
        if (listed.insert(n.index).second) nodes.push_back(n.id);
      };
      for (std::size_t ei : a.out(p)) {
        if (a.action(ei) != Action::authorize) continue;
        const std::size_t t = a.to(ei);
        const Node& target = a.node(t);
        if (a.kind(t) == Kind::fn && a.writes_data(t)) {
          if (listed.count(t) == 0) writers.push_back(target.id);
          add(target);
        } else if (a.kind(t) == Kind::api) {
          for (std::size_t fi : a.out(t)) {
            const std::size_t f = a.to(fi);
            if (a.kind(f) == Kind::fn && a.writes_data(f)) {
              add(target);
              if (listed.count(f) == 0) writers.push_back(a.node(f).id);
              add(a.node(f));
            }
          }
        }
      }
      if (writers.empty()) continue;
      const auto where = property_location(pool, "allow_unauthenticated");
      ctx.report(nodes,
                 "identity pool " + pool.id + " allows unauthenticated identities and lets them reach " +
                     join_and(writers) + ", which write" + (writers.size() == 1 ? "s" : "") + " data",
                 "set allow_unauthenticated: false on " + pool.id +
                     ", or put the writes behind a user pool and authenticated identities",
                 &where);
    }
  }
};

}  // namespace

const Rule& rule_unauthenticated_write() {
  static const UnauthenticatedWrite rule;
  return rule;
}

}  // namespace sbd::detail
