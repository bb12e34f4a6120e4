// SBD0401 event-loop: a cycle of the "causes events in" relation: a function
// writing to the bucket, queue, topic, stream or table that triggers it,
// directly or through other nodes, or functions invoking each other in a
// cycle. Each run re-triggers the loop: cost without end (Lambda's recursion
// detection stops only some of them, after 16 rounds).
//
// The relation: every edge the catalog allows, except those that cause no
// event in their target (actions read, metric, authorize), and except
// triggers that a filter may keep the function's own writes out of: an S3
// trigger with a prefix or suffix, an EventBridge trigger of a bus with a
// custom pattern, an IoT republish whose topic the target rule does not
// select (the topic as the SAM engine emits it: see causes_events). One pass of Tarjan's strongly connected components: linear.
#include "emit/common/wiring.hpp"
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <algorithm>
#include <deque>
#include <limits>

namespace sbd::detail {
namespace {

bool causes_events(const Analysis& a, std::size_t ei) {
  if (!a.connection(ei)) return false;
  const Action act = a.action(ei);
  if (act == Action::read || act == Action::metric || act == Action::authorize) return false;
  const Kind from_kind = a.kind(a.from(ei));
  const Kind to_kind = a.kind(a.to(ei));
  auto filled = [&](std::string_view key) {  // !edge_string_property(ei, key).empty()
    const Value* v = a.edge_property(ei, key);
    return v && v->is_string() && !v->as_string().empty();
  };
  if (from_kind == Kind::bucket && to_kind == Kind::fn && (filled("prefix") || filled("suffix"))) return false;
  if (from_kind == Kind::eventBus && a.has_properties(a.from(ei)) && a.node(a.from(ei)).properties.find("pattern"))
    return false;
  if (from_kind == Kind::iotRule && to_kind == Kind::iotRule) {
    // As the SAM engine emits it: the republish goes to the target's `topic`;
    // without one, to a topic made from the target's FROM filter (which it
    // matches), or for a rule republishing to itself to
    // "republished/<kebab-id>" (which its filter may not select).
    const std::string filter = iot_sql_topic(a.string_property(a.to(ei), "sql"));
    if (filter.empty()) return false;  // unreadable sql: SBD0702 reports it
    std::string topic = a.string_property(a.to(ei), "topic");
    if (topic.empty()) {
      if (a.from(ei) != a.to(ei)) return true;
      topic = "republished/" + kebab(a.node(a.from(ei)).id);
    }
    return mqtt_matches(filter, topic);
  }
  return true;
}

class EventLoop final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0401", "event-loop", Severity::error,
            "a cycle of triggers, writes and invocations that re-triggers itself", "docs/rules/SBD0401.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    const std::size_t n = a.node_count();
    // (32-bit indexes, as the analysis's: these tables are per node.)
    constexpr Index unset = std::numeric_limits<Index>::max();
    std::vector<char> active(a.edge_count());
    for (std::size_t ei = 0; ei < a.edge_count(); ++ei) active[ei] = causes_events(a, ei);

    // Iterative Tarjan. Only the components that are cycles (several nodes,
    // or one with an edge to itself) keep their members.
    auto self_edge = [&](std::size_t v) {
      for (std::size_t ei : a.out(v))
        if (active[ei] && a.to(ei) == v) return true;
      return false;
    };
    struct Cycle {
      std::size_t id;                    // the component's number
      std::vector<std::size_t> members;  // sorted
    };
    std::vector<Index> index(n, unset), low(n, 0), component(n, unset);
    std::vector<char> on_stack(n, 0);
    std::vector<std::size_t> stack;
    std::vector<Cycle> cycles;
    std::vector<std::pair<std::size_t, std::size_t>> work;
    std::size_t counter = 0, components = 0;
    // A node without an active edge in or out is on no cycle: the walk
    // leaves it out (most nodes of most models), which changes no cycle.
    std::vector<char> inside(n, 0);
    {
      std::vector<char> has_in(n, 0);
      for (std::size_t ei = 0; ei < a.edge_count(); ++ei)
        if (active[ei]) has_in[a.to(ei)] = 1;
      for (std::size_t ei = 0; ei < a.edge_count(); ++ei)
        if (active[ei] && has_in[a.from(ei)]) inside[a.from(ei)] = 1;
    }
    for (std::size_t root = 0; root < n; ++root) {
      if (!inside[root] || index[root] != unset) continue;
      work.clear();
      work.emplace_back(root, 0);
      index[root] = low[root] = static_cast<Index>(counter++);
      stack.push_back(root);
      on_stack[root] = 1;
      while (!work.empty()) {
        const std::size_t v = work.back().first;
        const IndexRange outs = a.out(v);
        if (work.back().second < outs.size()) {
          const std::size_t ei = outs.first[work.back().second++];
          if (!active[ei]) continue;
          const std::size_t w = a.to(ei);
          if (!inside[w]) continue;
          if (index[w] == unset) {
            index[w] = low[w] = static_cast<Index>(counter++);
            stack.push_back(w);
            on_stack[w] = 1;
            work.emplace_back(w, 0);
          } else if (on_stack[w]) {
            low[v] = std::min(low[v], index[w]);
          }
          continue;
        }
        work.pop_back();
        if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[v]);
        if (low[v] == index[v]) {
          const std::size_t id = components++;
          if (stack.back() == v && !self_edge(v)) {  // a single node, no cycle
            stack.pop_back();
            on_stack[v] = 0;
            component[v] = static_cast<Index>(id);
            continue;
          }
          std::vector<std::size_t> members;
          std::size_t w;
          do {
            w = stack.back();
            stack.pop_back();
            on_stack[w] = 0;
            component[w] = static_cast<Index>(id);
            members.push_back(w);
          } while (w != v);
          std::sort(members.begin(), members.end());
          cycles.push_back(Cycle{id, std::move(members)});
        }
      }
    }

    // One finding per cycle, reported in model order of its first node.
    std::sort(cycles.begin(), cycles.end(),
              [](const Cycle& x, const Cycle& y) { return x.members.front() < y.members.front(); });
    std::vector<Index> parent(cycles.empty() ? 0 : n, unset);
    for (const Cycle& found : cycles) {
      const std::size_t c = found.id;
      const auto& members = found.members;
      const std::size_t start = members.front();
      bool self = false;
      for (std::size_t ei : a.out(start))
        self = self || (active[ei] && a.to(ei) == start);
      if (members.size() == 1 && !self) continue;

      // A concrete cycle through start: breadth-first inside the component.
      std::vector<std::size_t> cycle;
      if (self) {
        cycle.push_back(start);
      } else {
        std::deque<std::size_t> queue{start};
        parent[start] = start;
        std::size_t last = unset;
        while (!queue.empty() && last == unset) {
          const std::size_t v = queue.front();
          queue.pop_front();
          for (std::size_t ei : a.out(v)) {
            if (!active[ei]) continue;
            const std::size_t w = a.to(ei);
            if (component[w] != c) continue;
            if (w == start) {
              last = v;
              break;
            }
            if (parent[w] == unset) {
              parent[w] = v;
              queue.push_back(w);
            }
          }
        }
        for (std::size_t v = last; v != start; v = parent[v]) cycle.push_back(v);
        cycle.push_back(start);
        std::reverse(cycle.begin(), cycle.end());
      }
      std::vector<std::string> nodes;
      std::string path;
      for (std::size_t v : cycle) {
        nodes.push_back(a.node(v).id);
        path += a.node(v).id + " -> ";
      }
      path += a.node(start).id;
      for (std::size_t v : cycle) parent[v] = n;  // marks the cycle's nodes (parent is free again)
      for (std::size_t v : members)
        if (parent[v] != n) nodes.push_back(a.node(v).id);

      std::string message = "event loop: " + path + "; every event runs the loop again";
      if (nodes.size() > cycle.size())
        message += " (the loop also runs through " + std::to_string(nodes.size() - cycle.size()) + " more node" +
                   (nodes.size() - cycle.size() > 1 ? "s" : "") + ")";
      std::string hint =
          "break the cycle: write to another resource than the one that triggers the function, or filter the "
          "trigger (an S3 prefix or suffix, an event pattern) so that the function's own output does not match";
      const Node& first = a.node(start);
      if (self && a.kind(start) == Kind::iotRule)
        hint = "set topic on " + first.id + " to a topic its own sql does not select, or remove the republish edge";
      else if (self && a.kind(start) == Kind::fn)
        hint = "a function that invokes itself recurses without end; loop inside the function instead";
      ctx.report(nodes, message, hint);
    }
  }
};

}  // namespace

const Rule& rule_event_loop() {
  static const EventLoop rule;
  return rule;
}

}  // namespace sbd::detail
