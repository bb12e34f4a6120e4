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
    (void)arch;
    const Analysis& an = ctx.analysis();
    // The finding for a prior edge and a later one between the same nodes;
    // false when they do not overlap.
    auto overlap = [&](std::size_t from, std::size_t prior, std::size_t ei) {
      const Action pa = an.action(prior);
      const Action pb = an.action(ei);
      const bool rw = (pa == Action::read_write && (pb == Action::read || pb == Action::write)) ||
                      (pb == Action::read_write && (pa == Action::read || pa == Action::write));
      const bool both = (pa == Action::read && pb == Action::write) || (pa == Action::write && pb == Action::read);
      if (!rw && !both) return false;
      const Edge& e = an.edge(ei);
      const std::string& a = an.edge(prior).action;
      const std::string& b = e.action;
      const Node& n = an.node(from);
      const Node& to = an.node(e.to_index);
      std::string message, hint;
      if (rw) {
        message = "the edge " + n.id + " -> " + to.id + ": " + (a == "read/write" ? b : a) +
                  " is covered by the read/write edge between the same nodes";
        hint = "remove the " + (a == "read/write" ? b : a) + " edge";
      } else {
        message = n.id + " has both a read and a write edge to " + to.id;
        hint = "replace them with one read/write edge";
      }
      ctx.report({n.id, to.id}, message, hint, &e.location);
      return true;
    };
    for (std::size_t i = 0; i < an.node_count(); ++i) {
      const IndexRange outs = an.out(i);
      if (outs.size() < 2) continue;
      if (outs.size() <= small_degree) {
        // Few edges: compare each with the earlier ones (no allocation).
        for (std::size_t p = 1; p < outs.size(); ++p)
          for (std::size_t q = 0; q < p; ++q)
            if (an.to(outs.first[q]) == an.to(outs.first[p]) && overlap(i, outs.first[q], outs.first[p])) break;
        continue;
      }
      // The edges seen so far per target, for this node's out edges.
      std::unordered_map<std::size_t, std::vector<std::size_t>> by_target;
      for (std::size_t ei : outs) {
        auto& seen = by_target[an.to(ei)];
        for (std::size_t prior : seen)
          if (overlap(i, prior, ei)) break;
        seen.push_back(ei);
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
