// SBD0305 sync-chain-timeout: an API waits for its function, which waits for
// the functions it invokes synchronously (fn -> fn: invoke), and so on; the
// sum of the timeouts along the longest such chain must fit the API's limit
// (29 s REST, 30 s HTTP). Linear: one memoised depth-first pass over the
// fn -> fn invoke edges (edges closing a cycle are skipped; SBD0401 reports
// the cycle).
#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <utility>

namespace sbd::detail {
namespace {

bool is_sync_invoke(const Architecture& arch, const Edge& e) {
  return e.action == "invoke" && arch.node_at(e.from_index).kind == "fn" && arch.node_at(e.to_index).kind == "fn";
}

class SyncChainTimeout final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0305", "sync-chain-timeout", Severity::warning,
            "a synchronous chain API -> function -> function whose total timeout exceeds the API's limit",
            "docs/rules/SBD0305.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    const std::size_t n = arch.node_count();
    // longest[i]: the longest sum of timeouts of a sync chain that starts at
    // function i; next[i]: the callee on it (n = none).
    std::vector<long long> longest(n, -1);
    std::vector<std::size_t> next(n, n);
    std::vector<char> state(n, 0);  // 0 new, 1 on the stack, 2 done
    const auto adjacency = out_adjacency(arch);

    auto solve = [&](std::size_t root) {
      std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};  // node, next out-edge position
      state[root] = 1;
      while (!stack.empty()) {
        auto& [v, pos] = stack.back();
        const auto& outs = adjacency[v];
        if (pos < outs.size()) {
          const Edge& e = arch.edge_at(outs[pos++]);
          if (!is_sync_invoke(arch, e)) continue;
          const std::size_t w = e.to_index;
          if (state[w] == 0) {
            state[w] = 1;
            stack.emplace_back(w, 0);
          }
          continue;
        }
        // All callees done: combine.
        long long best = 0;
        std::size_t best_next = n;
        for (std::size_t ei : outs) {
          const Edge& e = arch.edge_at(ei);
          if (!is_sync_invoke(arch, e) || state[e.to_index] != 2) continue;
          if (longest[e.to_index] > best) {
            best = longest[e.to_index];
            best_next = e.to_index;
          }
        }
        longest[v] = function_timeout(arch, arch.node_at(v)) + best;
        next[v] = best_next;
        state[v] = 2;
        stack.pop_back();
      }
    };

    for (const Edge& e : arch.edges()) {
      const Node& api = arch.node_at(e.from_index);
      const Node& fn = arch.node_at(e.to_index);
      if ((api.kind != "api" && api.kind != "httpApi") || fn.kind != "fn" || !arch.connection_of(e)) continue;
      const long long limit = api.kind == "api" ? 29 : 30;
      if (function_timeout(arch, fn) > limit) continue;  // SBD0303 reports the function itself
      if (state[fn.index] == 0) solve(fn.index);
      if (longest[fn.index] <= limit || next[fn.index] == n) continue;
      std::vector<std::string> nodes{api.id};
      std::string chain = api.id;
      std::string sum;
      for (std::size_t v = fn.index; v != n; v = next[v]) {
        const Node& f = arch.node_at(v);
        nodes.push_back(f.id);
        chain += " -> " + f.id;
        sum += (sum.empty() ? "" : " + ") + std::to_string(function_timeout(arch, f)) + " s";
      }
      ctx.report(nodes,
                 "the synchronous chain " + chain + " may take " + std::to_string(longest[fn.index]) + " s (" + sum +
                     "), but " + (api.kind == "api" ? "REST API " : "HTTP API ") + api.id + " waits at most " +
                     std::to_string(limit) + " s",
                 "lower the timeouts along the chain so that they add up to " + std::to_string(limit) +
                     " s or less, or make the later calls asynchronous",
                 &e.location);
    }
  }
};

}  // namespace

const Rule& rule_sync_chain_timeout() {
  static const SyncChainTimeout rule;
  return rule;
}

}  // namespace sbd::detail
