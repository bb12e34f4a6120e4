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
    const std::vector<char> writes = data_writers(arch);
    for (const Node& pool : arch.nodes()) {
      if (pool.kind != "cognitoIdentity" || !bool_property(arch, pool, "allow_unauthenticated", false)) continue;
      std::vector<std::string> nodes{pool.id};
      std::vector<std::string> writers;
      std::unordered_set<std::size_t> listed{pool.index};
      auto add = [&](const Node& n) {
        if (listed.insert(n.index).second) nodes.push_back(n.id);
      };
      for (std::size_t ei : arch.out_edge_indexes(pool.index)) {
        const Edge& e = arch.edge_at(ei);
        if (e.action != "authorize") continue;
        const Node& target = arch.node_at(e.to_index);
        if (target.kind == "fn" && writes[target.index]) {
          if (listed.count(target.index) == 0) writers.push_back(target.id);
          add(target);
        } else if (target.kind == "api") {
          for (std::size_t fi : arch.out_edge_indexes(target.index)) {
            const Node& fn = arch.node_at(arch.edge_at(fi).to_index);
            if (fn.kind == "fn" && writes[fn.index]) {
              add(target);
              if (listed.count(fn.index) == 0) writers.push_back(fn.id);
              add(fn);
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
