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
    for (const Node& n : arch.nodes()) {
      std::unordered_map<std::size_t, std::vector<const Edge*>> by_target;
      for (std::size_t ei : arch.out_edge_indexes(n.index)) {
        const Edge& e = arch.edge_at(ei);
        auto& seen = by_target[e.to_index];
        for (const Edge* prior : seen) {
          if (prior->action != e.action) continue;
          const Node& to = arch.node_at(e.to_index);
          ctx.report({n.id, to.id}, "the edge " + n.id + " -> " + to.id + ": " + e.action + " appears twice",
                     "remove one of them", &e.location);
          break;
        }
        seen.push_back(&e);
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
