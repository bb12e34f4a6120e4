// SBD0103 duplicate-edge: the same edge (from, to, action) twice. MODEL.md
// makes it an error: the function would get the same policy and the same
// environment variable twice. Overlapping edges (read next to read/write) are
// SBD0112 overlapping-edges.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <unordered_map>

namespace sbd::detail {
namespace {

class DuplicateEdge final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0103", "duplicate-edge", Severity::error, "the same edge (from, to, action) twice",
            "docs/rules/SBD0103.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    auto report = [&](std::size_t from, const Edge& e) {
      const Node& n = a.node(from);
      const Node& to = a.node(e.to_index);
      ctx.report({n.id, to.id}, "the edge " + n.id + " -> " + to.id + ": " + e.action + " appears twice",
                 "remove one of them", &e.location);
    };
    auto same_action = [&](std::size_t x, std::size_t y) {
      return a.action(x) == a.action(y) && (a.action(x) != Action::other || a.edge(x).action == a.edge(y).action);
    };
    for (std::size_t i = 0; i < a.node_count(); ++i) {
      const IndexRange outs = a.out(i);
      if (outs.size() < 2) continue;
      if (outs.size() <= small_degree) {
        // Few edges: compare each with the earlier ones (no allocation).
        for (std::size_t p = 1; p < outs.size(); ++p) {
          const std::size_t ep = outs.first[p];
          for (std::size_t q = 0; q < p; ++q) {
            const std::size_t eq = outs.first[q];
            if (a.to(eq) != a.to(ep) || !same_action(eq, ep)) continue;
            report(i, a.edge(ep));
            break;
          }
        }
        continue;
      }
      std::unordered_map<std::size_t, std::vector<std::size_t>> by_target;
      for (std::size_t ei : outs) {
        auto& seen = by_target[a.to(ei)];
        for (std::size_t prior : seen) {
          if (!same_action(prior, ei)) continue;
          report(i, a.edge(ei));
          break;
        }
        seen.push_back(ei);
      }
    }
  }
};

}  // namespace

const Rule& rule_duplicate_edge() {
  static const DuplicateEdge rule;
  return rule;
}

}  // namespace sbd::detail
