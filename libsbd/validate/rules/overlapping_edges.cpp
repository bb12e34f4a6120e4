// SBD0112 overlapping-edges: two edges between the same nodes that overlap (read or write next to read/write; read and write that
// should be one read/write edge). They would emit the same policy twice and
// the same environment variable twice.
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <unordered_map>

namespace sbd::detail {
namespace {

class OverlappingEdges final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0112", "overlapping-edges", Severity::warning,
            "two edges between the same nodes that overlap (read or write next to read/write)",
            "docs/rules/SBD0112.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    for (const Node& n : arch.nodes()) {
      // The first edge seen per (target, action), for this node's out edges.
      std::unordered_map<std::size_t, std::vector<const Edge*>> by_target;
      for (std::size_t ei : arch.out_edge_indexes(n.index)) {
        const Edge& e = arch.edge_at(ei);
        auto& seen = by_target[e.to_index];
        const Node& to = arch.node_at(e.to_index);
        for (const Edge* prior : seen) {
          const std::string& a = prior->action;
          const std::string& b = e.action;
          std::string message, hint;
          if ((a == "read/write" && (b == "read" || b == "write")) ||
                     (b == "read/write" && (a == "read" || a == "write"))) {
            message = "the edge " + n.id + " -> " + to.id + ": " + (a == "read/write" ? b : a) +
                      " is covered by the read/write edge between the same nodes";
            hint = "remove the " + (a == "read/write" ? b : a) + " edge";
          } else if ((a == "read" && b == "write") || (a == "write" && b == "read")) {
            message = n.id + " has both a read and a write edge to " + to.id;
            hint = "replace them with one read/write edge";
          } else {
            continue;
          }
          ctx.report({n.id, to.id}, message, hint, &e.location);
          break;
        }
        seen.push_back(&e);
      }
    }
  }
};

}  // namespace

const Rule& rule_overlapping_edges() {
  static const OverlappingEdges rule;
  return rule;
}

}  // namespace sbd::detail
