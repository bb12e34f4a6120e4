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

class SyncChainTimeout final : public Rule {
 public:
  RuleInfo info() const override {
    return {"SBD0305", "sync-chain-timeout", Severity::warning,
            "a synchronous chain API -> function -> function whose total timeout exceeds the API's limit",
            "docs/rules/SBD0305.md"};
  }

  void check(const Architecture& arch, Context& ctx) const override {
    (void)arch;
    const Analysis& a = ctx.analysis();
    const std::size_t n = a.node_count();
    auto is_sync_invoke = [&](std::size_t ei) {
      return a.action(ei) == Action::invoke && a.kind(a.from(ei)) == Kind::fn && a.kind(a.to(ei)) == Kind::fn;
    };
    // longest[i]: the longest sum of timeouts of a sync chain that starts at
    // function i; next[i]: the callee on it (n = none). Sized on the first
    // API -> function edge (most models have few).
    std::vector<long long> longest;
    std::vector<std::size_t> next;
    std::vector<char> state;  // 0 new, 1 on the stack, 2 done

    auto solve = [&](std::size_t root) {
      std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};  // node, next out-edge position
      state[root] = 1;
      while (!stack.empty()) {
        auto& [v, pos] = stack.back();
        const IndexRange outs = a.out(v);
        if (pos < outs.size()) {
          const std::size_t ei = outs.first[pos++];
          if (!is_sync_invoke(ei)) continue;
          const std::size_t w = a.to(ei);
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
          const std::size_t w = a.to(ei);
          if (!is_sync_invoke(ei) || state[w] != 2) continue;
          if (longest[w] > best) {
            best = longest[w];
            best_next = w;
          }
        }
        longest[v] = a.timeout(v) + best;
        next[v] = best_next;
        state[v] = 2;
        stack.pop_back();
      }
    };

    for (std::size_t i = 0; i < a.edge_count(); ++i) {
      const Kind from = a.kind(a.from(i));
      if ((from != Kind::api && from != Kind::httpApi) || a.kind(a.to(i)) != Kind::fn || !a.connection(i)) continue;
      const std::size_t fn = a.to(i);
      const long long limit = from == Kind::api ? 29 : 30;
      if (a.timeout(fn) > limit) continue;  // SBD0303 reports the function itself
      // A function that invokes no function has no chain.
      bool calls = false;
      for (std::size_t ei : a.out(fn)) calls = calls || is_sync_invoke(ei);
      if (!calls) continue;
      if (state.empty()) {
        longest.assign(n, -1);
        next.assign(n, n);
        state.assign(n, 0);
      }
      if (state[fn] == 0) solve(fn);
      if (longest[fn] <= limit || next[fn] == n) continue;
      const Edge& e = a.edge(i);
      const Node& api = a.node(a.from(i));
      std::vector<std::string> nodes{api.id};
      std::string chain = api.id;
      std::string sum;
      for (std::size_t v = fn; v != n; v = next[v]) {
        const Node& f = a.node(v);
        nodes.push_back(f.id);
        chain += " -> " + f.id;
        sum += (sum.empty() ? "" : " + ") + std::to_string(a.timeout(v)) + " s";
      }
      ctx.report(nodes,
                 "the synchronous chain " + chain + " may take " + std::to_string(longest[fn]) + " s (" + sum +
                     "), but " + (from == Kind::api ? "REST API " : "HTTP API ") + api.id + " waits at most " +
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
