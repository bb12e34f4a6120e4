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

bool causes_events(const Architecture& arch, const Edge& e) {
  if (!arch.connection_of(e)) return false;
  if (e.action == "read" || e.action == "metric" || e.action == "authorize") return false;
  const Node& from = arch.node_at(e.from_index);
  const Node& to = arch.node_at(e.to_index);
  if (from.kind == "bucket" && to.kind == "fn" &&
      (!string_property(arch, e, "prefix").empty() || !string_property(arch, e, "suffix").empty()))
    return false;
  if (from.kind == "eventBus" && from.properties.find("pattern")) return false;
  if (from.kind == "iotRule" && to.kind == "iotRule") {
    // As the SAM engine emits it: the republish goes to the target's `topic`;
    // without one, to a topic made from the target's FROM filter (which it
    // matches), or for a rule republishing to itself to
    // "republished/<kebab-id>" (which its filter may not select).
    const std::string filter = iot_sql_topic(string_property(arch, to, "sql"));
    if (filter.empty()) return false;  // unreadable sql: SBD0702 reports it
    std::string topic = string_property(arch, to, "topic");
    if (topic.empty()) {
      if (from.index != to.index) return true;
      topic = "republished/" + kebab(from.id);
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
    const std::size_t n = arch.node_count();
    constexpr std::size_t unset = std::numeric_limits<std::size_t>::max();
    std::vector<char> active(arch.edge_count());
    for (const Edge& e : arch.edges()) active[e.index] = causes_events(arch, e);
    const auto adjacency = out_adjacency(arch);

    // Iterative Tarjan.
    std::vector<std::size_t> index(n, unset), low(n, 0), component(n, unset);
    std::vector<char> on_stack(n, 0);
    std::vector<std::size_t> stack;
    std::vector<std::vector<std::size_t>> components;
    std::size_t counter = 0;
    for (std::size_t root = 0; root < n; ++root) {
      if (index[root] != unset) continue;
      std::vector<std::pair<std::size_t, std::size_t>> work{{root, 0}};
      index[root] = low[root] = counter++;
      stack.push_back(root);
      on_stack[root] = 1;
      while (!work.empty()) {
        const std::size_t v = work.back().first;
        const auto& outs = adjacency[v];
        if (work.back().second < outs.size()) {
          const Edge& e = arch.edge_at(outs[work.back().second++]);
          if (!active[e.index]) continue;
          const std::size_t w = e.to_index;
          if (index[w] == unset) {
            index[w] = low[w] = counter++;
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
          std::vector<std::size_t> members;
          std::size_t w;
          do {
            w = stack.back();
            stack.pop_back();
            on_stack[w] = 0;
            component[w] = components.size();
            members.push_back(w);
          } while (w != v);
          components.push_back(std::move(members));
        }
      }
    }

    // One finding per component that is a cycle (several nodes, or one with
    // an edge to itself), reported in model order of its first node.
    std::vector<std::size_t> order(components.size());
    for (std::size_t c = 0; c < components.size(); ++c) {
      auto& m = components[c];
      std::sort(m.begin(), m.end());
      order[c] = c;
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return components[a].front() < components[b].front(); });
    std::vector<std::size_t> parent(n, unset);
    for (std::size_t c : order) {
      const auto& members = components[c];
      const std::size_t start = members.front();
      bool self = false;
      for (std::size_t ei : adjacency[start])
        self = self || (active[ei] && arch.edge_at(ei).to_index == start);
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
          for (std::size_t ei : adjacency[v]) {
            if (!active[ei]) continue;
            const std::size_t w = arch.edge_at(ei).to_index;
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
        nodes.push_back(arch.node_at(v).id);
        path += arch.node_at(v).id + " -> ";
      }
      path += arch.node_at(start).id;
      for (std::size_t v : cycle) parent[v] = n;  // marks the cycle's nodes (parent is free again)
      for (std::size_t v : members)
        if (parent[v] != n) nodes.push_back(arch.node_at(v).id);

      std::string message = "event loop: " + path + "; every event runs the loop again";
      if (nodes.size() > cycle.size())
        message += " (the loop also runs through " + std::to_string(nodes.size() - cycle.size()) + " more node" +
                   (nodes.size() - cycle.size() > 1 ? "s" : "") + ")";
      std::string hint =
          "break the cycle: write to another resource than the one that triggers the function, or filter the "
          "trigger (an S3 prefix or suffix, an event pattern) so that the function's own output does not match";
      const Node& first = arch.node_at(start);
      if (self && first.kind == "iotRule")
        hint = "set topic on " + first.id + " to a topic its own sql does not select, or remove the republish edge";
      else if (self && first.kind == "fn")
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
