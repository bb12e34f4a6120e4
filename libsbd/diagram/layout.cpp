// Private: where the boxes and edges of a picture go.
//
// The automatic layout is a layered (Sugiyama) layout, left to right in the
// direction of the edges:
//   1. cycles are broken by reversing the back edges of a depth-first search
//      (self edges take no part in the layering);
//   2. layers by longest path, then each source node is pulled next to its
//      nearest target, and empty layers are dropped;
//   3. an edge that spans several layers gets a dummy vertex in each layer it
//      crosses, so that it has a slot of its own there and avoids the boxes;
//   4. the order in each layer: barycentre sweeps, down and up, keeping the
//      order with the fewest crossings (counted in O(E log V) per layer pair);
//   5. vertical places: each layer is pulled towards its neighbours' places
//      under the constraint that boxes keep their order and spacing, solved
//      exactly by isotonic regression (pool adjacent violators, linear);
//   6. columns as wide as their widest box; the gaps are as wide as the
//      labels of the edges that cross them.
// Every step is O((V + E') log V) at most, E' counting dummy vertices, and
// runs a fixed number of times; ties are broken by node and edge order, so
// the result is deterministic.
//
// The model layout uses the positions a visual editor stored: they are scaled
// (by the smallest factor that separates every pair of boxes, found by
// bisection with a sweep-line test) and snapped to a grid of cells larger
// than any box, so no two boxes overlap.
#include "scene.hpp"
#include "style.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>

namespace sbd {
namespace detail {

namespace {

constexpr double kMargin = 24;
constexpr double kNodeHeight = 54;
constexpr double kMinNodeWidth = 124;
constexpr std::size_t kMaxIdChars = 40;
constexpr double kKindFont = 11;
constexpr double kIdFont = 13;
constexpr double kLabelFont = 10.5;
constexpr double kLabelHeight = 15;
constexpr double kRowGap = 30;       // between two boxes in a column
constexpr double kDummyHeight = 10;  // the slot of an edge crossing a column
constexpr double kDummyGap = 10;
constexpr double kMinLayerGap = 64;
constexpr double kSelfLoopRoom = 26;  // above a box with a self edge
constexpr int kOrderSweeps = 24;
constexpr int kPlaceSweeps = 12;
// Model coordinates closer than this share a column or row (the browser
// tool draws icons about 50 units wide).
constexpr double kModelJoin = 40;

double shape_extra(Shape shape) {
  switch (shape) {
    case Shape::hexagon:
    case Shape::parallelogram:
    case Shape::tag:
    case Shape::stadium:
      return 22;
    case Shape::octagon:
    case Shape::subroutine:
      return 14;
    default:
      return 0;
  }
}

// Isotonic regression with spacing: the y minimising sum w_k (y_k - t_k)^2
// subject to y_{k+1} - y_k >= sep_k, for k in order. O(n).
std::vector<double> place_in_order(const std::vector<double>& target, const std::vector<double>& weight,
                                   const std::vector<double>& sep) {
  const std::size_t n = target.size();
  std::vector<double> offset(n, 0);
  for (std::size_t k = 1; k < n; ++k) offset[k] = offset[k - 1] + sep[k - 1];
  struct Block {
    double wsum, wtsum;
    std::size_t count;
  };
  std::vector<Block> blocks;
  blocks.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    blocks.push_back({weight[k], weight[k] * (target[k] - offset[k]), 1});
    while (blocks.size() > 1) {
      const Block& b = blocks.back();
      const Block& a = blocks[blocks.size() - 2];
      if (a.wtsum / a.wsum <= b.wtsum / b.wsum) break;
      Block merged{a.wsum + b.wsum, a.wtsum + b.wtsum, a.count + b.count};
      blocks.pop_back();
      blocks.back() = merged;
    }
  }
  std::vector<double> y(n);
  std::size_t k = 0;
  for (const auto& b : blocks) {
    const double z = b.wtsum / b.wsum;
    for (std::size_t i = 0; i < b.count; ++i, ++k) y[k] = z + offset[k];
  }
  return y;
}

// Crossings between two adjacent layers: edges as (upper position, lower
// position) pairs; counts inversions with a Fenwick tree.
long long count_crossings(std::vector<std::pair<int, int>>& edges, std::size_t lower_size) {
  std::sort(edges.begin(), edges.end());
  std::vector<int> tree(lower_size + 1, 0);
  long long crossings = 0;
  long long seen = 0;
  for (const auto& e : edges) {
    // edges seen so far whose lower end is strictly greater than e.second
    long long not_greater = 0;
    for (int i = e.second + 1; i > 0; i -= i & -i) not_greater += tree[i];
    crossings += seen - not_greater;
    for (int i = e.second + 1; i <= static_cast<int>(lower_size); i += i & -i) ++tree[i];
    ++seen;
  }
  return crossings;
}

struct Vertex {
  double w = 0, h = 0;
  bool dummy = false;
  std::size_t node = 0;  // scene node index (real vertices)
  int layer = 0;
  double y = 0;          // centre
  double room_above = 0;
  std::vector<int> preds, succs;  // layout vertices in the layer before / after
};

struct Chain {
  std::size_t edge = 0;
  std::vector<int> verts;  // in layout direction (left to right)
  bool reversed = false;
};

DiagramPoint pt(double x, double y) { return DiagramPoint{x, y}; }

void self_loop_route(EdgeRoute& r, const NodeBox& b, const std::string& action) {
  const double top = b.y, right = b.right();
  r.self_loop = true;
  r.points = {pt(right - 28, top), pt(right - 28, top - 22), pt(right + 22, top - 22),
              pt(right + 22, top + 16), pt(right, top + 16)};
  r.label = pt(right + 16 + text_width(action, kLabelFont) / 2, top - 14);
}

void finish_extent(DiagramGeometry& g, const Scene& scene) {
  double w = 0, h = 0;
  for (const auto& b : g.nodes) {
    w = std::max(w, b.right());
    h = std::max(h, b.bottom());
  }
  for (const auto& r : g.edges) {
    for (const auto& p : r.points) {
      w = std::max(w, p.x);
      h = std::max(h, p.y);
    }
    const double lw = text_width(scene.edges[r.edge_index].action, kLabelFont) / 2 + 4;
    w = std::max(w, r.label.x + lw);
    h = std::max(h, r.label.y + kLabelHeight / 2);
  }
  g.width = std::ceil(w + kMargin);
  g.height = std::ceil(h + kMargin);
}

// Moves everything so that the top-left of the drawing is at (margin, margin).
void normalise(DiagramGeometry& g, const Scene& scene) {
  double minx = std::numeric_limits<double>::infinity(), miny = minx;
  for (const auto& b : g.nodes) {
    minx = std::min(minx, b.x);
    miny = std::min(miny, b.y);
  }
  for (const auto& r : g.edges) {
    for (const auto& p : r.points) {
      minx = std::min(minx, p.x);
      miny = std::min(miny, p.y);
    }
    const double lw = text_width(scene.edges[r.edge_index].action, kLabelFont) / 2 + 4;
    minx = std::min(minx, r.label.x - lw);
    miny = std::min(miny, r.label.y - kLabelHeight / 2);
  }
  if (!std::isfinite(minx)) minx = miny = 0;
  const double dx = kMargin - minx, dy = kMargin - miny;
  for (auto& b : g.nodes) {
    b.x += dx;
    b.y += dy;
  }
  for (auto& r : g.edges) {
    for (auto& p : r.points) {
      p.x += dx;
      p.y += dy;
    }
    r.label.x += dx;
    r.label.y += dy;
  }
  finish_extent(g, scene);
}

// ---------------------------------------------------------------- automatic

DiagramGeometry layout_layered(const Scene& scene) {
  const std::size_t n = scene.nodes.size();
  DiagramGeometry geo;
  geo.nodes.resize(n);
  geo.edges.resize(scene.edges.size());
  std::vector<bool> has_self(n, false);
  for (const auto& e : scene.edges)
    if (e.from == e.to) has_self[e.from] = true;

  // 1. Break cycles: iterative DFS, roots first the nodes nothing points to.
  std::vector<std::vector<std::size_t>> out(n);  // edge indexes
  std::vector<int> indeg(n, 0);
  for (std::size_t i = 0; i < scene.edges.size(); ++i) {
    const auto& e = scene.edges[i];
    if (e.from == e.to) continue;
    out[e.from].push_back(i);
    ++indeg[e.to];
  }
  std::vector<bool> reversed(scene.edges.size(), false);
  {
    std::vector<int> state(n, 0);  // 0 new, 1 on the stack, 2 done
    std::vector<std::size_t> roots;
    for (std::size_t v = 0; v < n; ++v)
      if (indeg[v] == 0) roots.push_back(v);
    for (std::size_t v = 0; v < n; ++v)
      if (indeg[v] != 0) roots.push_back(v);
    std::vector<std::pair<std::size_t, std::size_t>> stack;  // node, next out position
    for (std::size_t root : roots) {
      if (state[root] != 0) continue;
      state[root] = 1;
      stack.push_back({root, 0});
      while (!stack.empty()) {
        auto& top = stack.back();
        if (top.second == out[top.first].size()) {
          state[top.first] = 2;
          stack.pop_back();
          continue;
        }
        const std::size_t ei = out[top.first][top.second++];
        const std::size_t v = scene.edges[ei].to;
        if (state[v] == 1) {
          reversed[ei] = true;
        } else if (state[v] == 0) {
          state[v] = 1;
          stack.push_back({v, 0});
        }
      }
    }
  }

  // 2. Layers: longest path over the acyclic graph (Kahn's order).
  std::vector<std::vector<std::size_t>> dag_out(n), dag_in(n);  // node indexes
  for (std::size_t i = 0; i < scene.edges.size(); ++i) {
    const auto& e = scene.edges[i];
    if (e.from == e.to) continue;
    const std::size_t a = reversed[i] ? e.to : e.from, b = reversed[i] ? e.from : e.to;
    dag_out[a].push_back(b);
    dag_in[b].push_back(a);
  }
  std::vector<int> layer(n, 0);
  {
    std::vector<std::size_t> remaining(n);
    std::vector<std::size_t> queue;
    for (std::size_t v = 0; v < n; ++v) {
      remaining[v] = dag_in[v].size();
      if (remaining[v] == 0) queue.push_back(v);
    }
    for (std::size_t qi = 0; qi < queue.size(); ++qi) {
      const std::size_t u = queue[qi];
      for (std::size_t v : dag_out[u]) {
        layer[v] = std::max(layer[v], layer[u] + 1);
        if (--remaining[v] == 0) queue.push_back(v);
      }
    }
    // Sources sit just before their nearest target.
    for (std::size_t v = 0; v < n; ++v) {
      if (!dag_in[v].empty() || dag_out[v].empty()) continue;
      int m = std::numeric_limits<int>::max();
      for (std::size_t w : dag_out[v]) m = std::min(m, layer[w]);
      layer[v] = m - 1;
    }
    // Drop empty layers.
    int top = 0;
    for (std::size_t v = 0; v < n; ++v) top = std::max(top, layer[v]);
    std::vector<int> used(static_cast<std::size_t>(top) + 1, 0);
    for (std::size_t v = 0; v < n; ++v) used[static_cast<std::size_t>(layer[v])] = 1;
    std::vector<int> remap(used.size(), 0);
    int next = 0;
    for (std::size_t l = 0; l < used.size(); ++l) {
      remap[l] = next;
      next += used[l];
    }
    for (std::size_t v = 0; v < n; ++v) layer[v] = remap[static_cast<std::size_t>(layer[v])];
    geo.layers = n == 0 ? 0 : next;
  }
  const std::size_t layer_count = static_cast<std::size_t>(geo.layers);

  // 3. Vertices: the nodes, then a dummy per layer an edge crosses.
  std::vector<Vertex> verts(n);
  for (std::size_t v = 0; v < n; ++v) {
    const auto size = node_box_size(scene.nodes[v]);
    verts[v].w = size.first;
    verts[v].h = size.second;
    verts[v].node = v;
    verts[v].layer = layer[v];
    verts[v].room_above = has_self[v] ? kSelfLoopRoom : 0;
  }
  std::vector<Chain> chains;
  for (std::size_t i = 0; i < scene.edges.size(); ++i) {
    const auto& e = scene.edges[i];
    if (e.from == e.to) continue;
    Chain c;
    c.edge = i;
    c.reversed = reversed[i];
    const std::size_t a = reversed[i] ? e.to : e.from, b = reversed[i] ? e.from : e.to;
    c.verts.push_back(static_cast<int>(a));
    for (int l = layer[a] + 1; l < layer[b]; ++l) {
      Vertex d;
      d.dummy = true;
      d.h = kDummyHeight;
      d.layer = l;
      verts.push_back(d);
      c.verts.push_back(static_cast<int>(verts.size() - 1));
    }
    c.verts.push_back(static_cast<int>(b));
    for (std::size_t k = 0; k + 1 < c.verts.size(); ++k) {
      verts[static_cast<std::size_t>(c.verts[k])].succs.push_back(c.verts[k + 1]);
      verts[static_cast<std::size_t>(c.verts[k + 1])].preds.push_back(c.verts[k]);
    }
    chains.push_back(std::move(c));
  }

  // 4. Order within layers. Start from a depth-first visit order.
  std::vector<std::vector<int>> layers(layer_count);
  std::vector<int> pos(verts.size(), 0);
  {
    std::vector<bool> seen(verts.size(), false);
    std::vector<std::pair<int, std::size_t>> stack;
    auto visit = [&](int root) {
      if (seen[static_cast<std::size_t>(root)]) return;
      seen[static_cast<std::size_t>(root)] = true;
      layers[static_cast<std::size_t>(verts[static_cast<std::size_t>(root)].layer)].push_back(root);
      stack.push_back({root, 0});
      while (!stack.empty()) {
        auto& top = stack.back();
        const auto& succs = verts[static_cast<std::size_t>(top.first)].succs;
        if (top.second == succs.size()) {
          stack.pop_back();
          continue;
        }
        const int w = succs[top.second++];
        if (!seen[static_cast<std::size_t>(w)]) {
          seen[static_cast<std::size_t>(w)] = true;
          layers[static_cast<std::size_t>(verts[static_cast<std::size_t>(w)].layer)].push_back(w);
          stack.push_back({w, 0});
        }
      }
    };
    for (std::size_t v = 0; v < n; ++v)
      if (verts[v].preds.empty()) visit(static_cast<int>(v));
    for (std::size_t v = 0; v < n; ++v) visit(static_cast<int>(v));
    for (auto& l : layers)
      for (std::size_t k = 0; k < l.size(); ++k) pos[static_cast<std::size_t>(l[k])] = static_cast<int>(k);
  }
  auto total_crossings = [&]() {
    long long total = 0;
    std::vector<std::pair<int, int>> pairs;
    for (std::size_t l = 0; l + 1 < layer_count; ++l) {
      pairs.clear();
      for (int v : layers[l])
        for (int w : verts[static_cast<std::size_t>(v)].succs)
          pairs.push_back({pos[static_cast<std::size_t>(v)], pos[static_cast<std::size_t>(w)]});
      total += count_crossings(pairs, layers[l + 1].size());
    }
    return total;
  };
  {
    long long best = total_crossings();
    std::vector<std::vector<int>> best_layers = layers;
    std::vector<std::pair<double, int>> keyed;
    for (int sweep = 0; sweep < kOrderSweeps && best > 0; ++sweep) {
      const bool down = sweep % 2 == 0;
      for (std::size_t step = 1; step < layer_count; ++step) {
        const std::size_t l = down ? step : layer_count - 1 - step;
        auto& lay = layers[l];
        keyed.clear();
        for (int v : lay) {
          const auto& nb = down ? verts[static_cast<std::size_t>(v)].preds : verts[static_cast<std::size_t>(v)].succs;
          double key;
          if (nb.empty()) {
            key = pos[static_cast<std::size_t>(v)];
          } else {
            double sum = 0;
            for (int w : nb) sum += pos[static_cast<std::size_t>(w)];
            key = sum / static_cast<double>(nb.size());
          }
          keyed.push_back({key, v});
        }
        // ties keep the current order
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t k = 0; k < keyed.size(); ++k) {
          lay[k] = keyed[k].second;
          pos[static_cast<std::size_t>(lay[k])] = static_cast<int>(k);
        }
      }
      const long long c = total_crossings();
      if (c < best) {
        best = c;
        best_layers = layers;
      }
    }
    layers = best_layers;
    for (auto& l : layers)
      for (std::size_t k = 0; k < l.size(); ++k) pos[static_cast<std::size_t>(l[k])] = static_cast<int>(k);
  }

  // 5. Vertical places.
  auto separation = [&](int a, int b) {
    const Vertex& va = verts[static_cast<std::size_t>(a)];
    const Vertex& vb = verts[static_cast<std::size_t>(b)];
    const double gap = (va.dummy || vb.dummy) ? kDummyGap : kRowGap;
    return va.h / 2 + vb.h / 2 + gap + vb.room_above;
  };
  for (auto& lay : layers) {
    double y = 0;
    for (std::size_t k = 0; k < lay.size(); ++k) {
      if (k > 0) y += separation(lay[k - 1], lay[k]);
      verts[static_cast<std::size_t>(lay[k])].y = y;
    }
    for (int v : lay) verts[static_cast<std::size_t>(v)].y -= y / 2;  // centre on 0
  }
  {
    std::vector<double> target, weight, sep;
    for (int sweep = 0; sweep < kPlaceSweeps; ++sweep) {
      const int mode = sweep == kPlaceSweeps - 1 ? 2 : sweep % 2;  // 0 down, 1 up, 2 both
      for (std::size_t step = 0; step < layer_count; ++step) {
        const std::size_t l = mode == 1 ? layer_count - 1 - step : step;
        auto& lay = layers[l];
        target.assign(lay.size(), 0);
        weight.assign(lay.size(), 0);
        sep.assign(lay.size(), 0);
        for (std::size_t k = 0; k < lay.size(); ++k) {
          const Vertex& v = verts[static_cast<std::size_t>(lay[k])];
          double sum = 0;
          std::size_t count = 0;
          if (mode != 1)
            for (int w : v.preds) sum += verts[static_cast<std::size_t>(w)].y, ++count;
          if (mode != 0)
            for (int w : v.succs) sum += verts[static_cast<std::size_t>(w)].y, ++count;
          if (count == 0) {
            target[k] = v.y;
            weight[k] = 0.05;
          } else {
            target[k] = sum / static_cast<double>(count);
            weight[k] = v.dummy ? 4.0 : 1.0;  // long edges straight first
          }
          if (k + 1 < lay.size()) sep[k] = separation(lay[k], lay[k + 1]);
        }
        const auto y = place_in_order(target, weight, sep);
        for (std::size_t k = 0; k < lay.size(); ++k) verts[static_cast<std::size_t>(lay[k])].y = y[k];
      }
    }
  }

  // 6. Columns and gaps. An edge's label goes in the middle gap it crosses.
  std::vector<double> col_w(layer_count, 0), gap_w(layer_count, kMinLayerGap);
  for (std::size_t v = 0; v < n; ++v) {
    auto& w = col_w[static_cast<std::size_t>(verts[v].layer)];
    w = std::max(w, verts[v].w);
  }
  std::vector<std::size_t> label_step(chains.size(), 0), gap_count(layer_count, 0);
  for (std::size_t c = 0; c < chains.size(); ++c) {
    const auto& ch = chains[c];
    label_step[c] = (ch.verts.size() - 2) / 2;
    const auto gap = static_cast<std::size_t>(verts[static_cast<std::size_t>(ch.verts[label_step[c]])].layer);
    gap_w[gap] = std::max(gap_w[gap], text_width(scene.edges[ch.edge].action, kLabelFont) + 36);
    ++gap_count[gap];
  }
  // A gap that many labels share is wider, so that they can sit apart
  // along their curves.
  for (std::size_t l = 0; l < layer_count; ++l)
    if (gap_count[l] > 3) gap_w[l] *= std::min(2.5, 1 + 0.2 * static_cast<double>(gap_count[l] - 3));
  std::vector<double> col_x(layer_count, 0);
  for (std::size_t l = 1; l < layer_count; ++l) col_x[l] = col_x[l - 1] + col_w[l - 1] + gap_w[l - 1];

  for (std::size_t v = 0; v < n; ++v) {
    NodeBox& b = geo.nodes[v];
    const Vertex& vx = verts[v];
    const auto l = static_cast<std::size_t>(vx.layer);
    b.id = scene.nodes[v].id;
    b.node_index = v;
    b.width = vx.w;
    b.height = vx.h;
    b.x = col_x[l] + (col_w[l] - vx.w) / 2;
    b.y = vx.y - vx.h / 2;
    b.layer = vx.layer;
  }

  // 7. Routes. Ports spread along a box's side, in the order of the other ends.
  std::vector<double> port_out(chains.size(), 0), port_in(chains.size(), 0);
  {
    std::vector<std::vector<std::pair<double, std::size_t>>> right(n), left(n);
    for (std::size_t c = 0; c < chains.size(); ++c) {
      const auto& vs = chains[c].verts;
      right[static_cast<std::size_t>(vs.front())].push_back({verts[static_cast<std::size_t>(vs[1])].y, c});
      left[static_cast<std::size_t>(vs.back())].push_back(
          {verts[static_cast<std::size_t>(vs[vs.size() - 2])].y, c});
    }
    auto spread = [&](std::vector<std::pair<double, std::size_t>>& side, std::size_t v,
                      std::vector<double>& port) {
      std::sort(side.begin(), side.end());
      const double cy = verts[v].y;
      const double step =
          side.size() > 1 ? std::min(10.0, (verts[v].h - 18) / static_cast<double>(side.size() - 1)) : 0;
      for (std::size_t k = 0; k < side.size(); ++k)
        port[side[k].second] = cy + (static_cast<double>(k) - static_cast<double>(side.size() - 1) / 2) * step;
    };
    for (std::size_t v = 0; v < n; ++v) {
      spread(right[v], v, port_out);
      spread(left[v], v, port_in);
    }
  }
  // Labels by gap, to be moved apart afterwards; the piece of curve each
  // label sits on.
  std::vector<std::vector<std::size_t>> gap_labels(layer_count);
  std::vector<std::pair<DiagramPoint, DiagramPoint>> label_piece(scene.edges.size());
  for (std::size_t c = 0; c < chains.size(); ++c) {
    const auto& ch = chains[c];
    EdgeRoute& r = geo.edges[ch.edge];
    r.edge_index = ch.edge;
    r.reversed = ch.reversed;
    std::vector<DiagramPoint> p;
    auto add = [&p](double x, double y) {
      if (p.empty() || std::fabs(p.back().x - x) > 0.01 || std::fabs(p.back().y - y) > 0.01) p.push_back(pt(x, y));
    };
    std::size_t label_from = 0;
    for (std::size_t k = 0; k < ch.verts.size(); ++k) {
      const auto vi = static_cast<std::size_t>(ch.verts[k]);
      const Vertex& v = verts[vi];
      const auto l = static_cast<std::size_t>(v.layer);
      const double left = col_x[l], right = col_x[l] + col_w[l];
      if (k == 0) {
        add(geo.nodes[vi].right(), port_out[c]);
        add(right, port_out[c]);
      } else if (k + 1 == ch.verts.size()) {
        add(left, port_in[c]);
        add(geo.nodes[vi].x, port_in[c]);
      } else {
        add(left, v.y);
        add(right, v.y);
      }
      if (k == label_step[c]) label_from = p.size() - 1;
    }
    const DiagramPoint a = p[label_from], b = p[label_from + 1];
    r.label = pt((a.x + b.x) / 2, (a.y + b.y) / 2);
    label_piece[ch.edge] = {a, b};
    if (ch.reversed) std::reverse(p.begin(), p.end());
    r.points = std::move(p);
    gap_labels[static_cast<std::size_t>(verts[static_cast<std::size_t>(ch.verts[label_step[c]])].layer)].push_back(
        ch.edge);
  }
  // In each gap, a label sits on its curve: in the middle if it is free,
  // else a little before or after along the curve. Where a gap is too
  // crowded for that, its labels are stacked apart around their middles.
  struct Rect {
    double x0, y0, x1, y1;
  };
  for (auto& labels : gap_labels) {
    std::sort(labels.begin(), labels.end(), [&](std::size_t a, std::size_t b) {
      return geo.edges[a].label.y < geo.edges[b].label.y ||
             (geo.edges[a].label.y == geo.edges[b].label.y && a < b);
    });
    std::multimap<double, Rect> placed;  // by top
    bool all_free = true;
    std::vector<DiagramPoint> chosen(labels.size());
    for (std::size_t k = 0; k < labels.size() && all_free; ++k) {
      const std::size_t e = labels[k];
      const auto& piece = label_piece[e];
      const double lo = std::min(piece.first.x, piece.second.x) + 2;
      const double hi = std::max(piece.first.x, piece.second.x) - 2;
      const double hw = text_width(scene.edges[e].action, kLabelFont) / 2 + 4;
      const double hh = kLabelHeight / 2 + 1;
      bool free = false;
      for (double t : {0.5, 0.3, 0.7, 0.18, 0.82}) {
        const double u = 1 - t;
        const DiagramPoint& a = piece.first;
        const DiagramPoint& b = piece.second;
        const double mx = (a.x + b.x) / 2;
        double x = u * u * u * a.x + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * b.x;
        const double y = u * u * u * a.y + 3 * u * u * t * a.y + 3 * u * t * t * b.y + t * t * t * b.y;
        x = std::max(lo + hw, std::min(hi - hw, x));
        const Rect r{x - hw, y - hh, x + hw, y + hh};
        bool clear = true;
        for (auto it = placed.lower_bound(r.y0 - 2 * hh - 1); it != placed.end() && it->first < r.y1 && clear; ++it)
          clear = !(it->second.x0 < r.x1 && r.x0 < it->second.x1 && it->second.y0 < r.y1 && r.y0 < it->second.y1);
        if (clear) {
          placed.insert({r.y0, r});
          chosen[k] = pt(x, y);
          free = true;
          break;
        }
      }
      all_free = free;
    }
    if (all_free) {
      for (std::size_t k = 0; k < labels.size(); ++k) geo.edges[labels[k]].label = chosen[k];
      continue;
    }
    std::vector<double> target, weight(labels.size(), 1.0), sep(labels.size(), kLabelHeight + 2);
    for (std::size_t e : labels) target.push_back(geo.edges[e].label.y);
    const auto y = place_in_order(target, weight, sep);
    for (std::size_t k = 0; k < labels.size(); ++k) geo.edges[labels[k]].label.y = y[k];
  }
  for (std::size_t i = 0; i < scene.edges.size(); ++i) {
    const auto& e = scene.edges[i];
    if (e.from != e.to) continue;
    geo.edges[i].edge_index = i;
    self_loop_route(geo.edges[i], geo.nodes[e.from], e.action);
  }
  normalise(geo, scene);
  return geo;
}

// Unconnected parts of a model (separate pipelines, lone nodes) are laid out
// one by one and packed in rows, largest first, into a picture about twice as
// wide as it is high, instead of one very tall stack of columns.
DiagramGeometry layout_parts(const Scene& scene) {
  const std::size_t n = scene.nodes.size();
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  auto find = [&parent](std::size_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (const auto& e : scene.edges) {
    const std::size_t a = find(e.from), b = find(e.to);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<std::size_t> part_of(n), local(n);
  std::map<std::size_t, std::size_t> part_of_root;  // in the order of the parts' first nodes
  std::vector<Scene> parts;
  std::vector<std::vector<std::size_t>> node_map, edge_map;
  for (std::size_t v = 0; v < n; ++v) {
    const auto it = part_of_root.emplace(find(v), parts.size()).first;
    if (it->second == parts.size()) {
      parts.emplace_back();
      node_map.emplace_back();
      edge_map.emplace_back();
    }
    part_of[v] = it->second;
    local[v] = parts[it->second].nodes.size();
    parts[it->second].nodes.push_back(scene.nodes[v]);
    node_map[it->second].push_back(v);
  }
  if (parts.size() <= 1) return layout_layered(scene);
  for (std::size_t i = 0; i < scene.edges.size(); ++i) {
    SceneEdge e = scene.edges[i];
    const std::size_t p = part_of[e.from];
    e.from = local[e.from];
    e.to = local[e.to];
    parts[p].edges.push_back(e);
    edge_map[p].push_back(i);
  }
  std::vector<DiagramGeometry> geos;
  double area = 0, widest = 0;
  for (const auto& part : parts) {
    geos.push_back(layout_layered(part));
    area += geos.back().width * geos.back().height;
    widest = std::max(widest, geos.back().width);
  }
  std::vector<std::size_t> order(parts.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return geos[a].height > geos[b].height; });
  const double row_width = std::max(widest, std::sqrt(area * 2.0));
  DiagramGeometry geo;
  geo.nodes.resize(n);
  geo.edges.resize(scene.edges.size());
  double x = 0, y = 0, row_h = 0;
  for (std::size_t p : order) {
    const DiagramGeometry& g = geos[p];
    if (x > 0 && x + g.width > row_width) {
      x = 0;
      y += row_h;
      row_h = 0;
    }
    for (std::size_t k = 0; k < g.nodes.size(); ++k) {
      NodeBox b = g.nodes[k];
      b.node_index = node_map[p][k];
      b.x += x;
      b.y += y;
      geo.nodes[b.node_index] = b;
    }
    for (std::size_t k = 0; k < g.edges.size(); ++k) {
      EdgeRoute r = g.edges[k];
      r.edge_index = edge_map[p][k];
      for (auto& q : r.points) {
        q.x += x;
        q.y += y;
      }
      r.label.x += x;
      r.label.y += y;
      geo.edges[r.edge_index] = std::move(r);
    }
    geo.layers = std::max(geo.layers, g.layers);
    geo.width = std::max(geo.width, x + g.width);
    x += g.width;
    row_h = std::max(row_h, g.height);
  }
  geo.height = y + row_h;
  return geo;
}

// -------------------------------------------------------------------- model

// One axis of the model layout: coordinates closer than `join` to the
// previous one share a line (a column or a row); consecutive lines are at
// least `cell` apart, further when the model has them further apart. With
// `lanes` (the rows, for the columns), a line also ends where the next
// coordinate's lane is already taken in it, so no two nodes share a place.
// Returns each coordinate's place, in the coordinates' order. O(n log n).
std::vector<double> compact_axis(const std::vector<double>& coords, double join, double cell,
                                 const std::vector<double>* lanes = nullptr) {
  std::vector<std::size_t> order(coords.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return coords[a] < coords[b] || (coords[a] == coords[b] && lanes && (*lanes)[a] < (*lanes)[b]);
  });
  std::vector<double> place(coords.size(), 0);
  std::set<double> taken;
  double line = 0, prev = 0, line_start = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const double c = coords[order[k]];
    if (k == 0) {
      line_start = c;
    } else if (c - prev > join || (lanes && taken.count((*lanes)[order[k]]))) {
      line += std::max(cell, c - line_start);
      line_start = c;
      taken.clear();
    }
    if (lanes) taken.insert((*lanes)[order[k]]);
    place[order[k]] = line;
    prev = c;
  }
  return place;
}

DiagramGeometry layout_from_model(const Scene& scene) {
  const std::size_t n = scene.nodes.size();
  DiagramGeometry geo;
  geo.from_model = true;
  geo.nodes.resize(n);
  geo.edges.resize(scene.edges.size());
  double max_w = kMinNodeWidth, max_h = kNodeHeight;
  for (std::size_t v = 0; v < n; ++v) {
    const auto size = node_box_size(scene.nodes[v]);
    auto& b = geo.nodes[v];
    b.id = scene.nodes[v].id;
    b.node_index = v;
    b.width = size.first;
    b.height = size.second;
    max_w = std::max(max_w, size.first);
    max_h = std::max(max_h, size.second);
  }
  bool self_edges = false;
  double max_label = 0;
  for (const auto& e : scene.edges) {
    self_edges = self_edges || e.from == e.to;
    max_label = std::max(max_label, text_width(e.action, kLabelFont));
  }
  // A cell holds one box with room around it for edges and their labels
  // (a label between two boxes side by side leaves some of its line seen).
  const double cell_w = max_w + std::max(64.0, max_label + 56),
               cell_h = max_h + 40 + (self_edges ? kSelfLoopRoom : 0);

  // Rows, then columns, from the model's coordinates, in the model's order;
  // the cell size separates any two boxes in different columns or rows, and
  // no two nodes share both.
  std::vector<std::size_t> placed;
  std::vector<double> xs, ys;
  for (std::size_t v = 0; v < n; ++v) {
    if (!scene.nodes[v].position) continue;
    placed.push_back(v);
    xs.push_back(scene.nodes[v].position->x);
    ys.push_back(scene.nodes[v].position->y);
  }
  const auto py = compact_axis(ys, kModelJoin, cell_h);
  const auto px = compact_axis(xs, kModelJoin, cell_w, &py);
  double max_x = 0, min_y = 0;
  std::vector<DiagramPoint> centre(n);
  for (std::size_t k = 0; k < placed.size(); ++k) {
    centre[placed[k]] = pt(px[k], py[k]);
    max_x = k == 0 ? px[k] : std::max(max_x, px[k]);
    min_y = k == 0 ? py[k] : std::min(min_y, py[k]);
  }
  // Nodes without a position: a column to the right, in model order.
  double y = min_y;
  const double extra_x = placed.empty() ? 0 : max_x + cell_w;
  for (std::size_t v = 0; v < n; ++v) {
    if (scene.nodes[v].position) continue;
    centre[v] = pt(extra_x, y);
    y += cell_h;
  }
  for (std::size_t v = 0; v < n; ++v) {
    auto& b = geo.nodes[v];
    b.x = centre[v].x - b.width / 2;
    b.y = centre[v].y - b.height / 2;
  }

  // Edges: a straight line between the boxes, or, where that would cross
  // another box (or is a second edge between the same two), a quadratic
  // curve bent to one side, the least bend that misses every other box.
  // Boxes are found through a grid of cells, so each test is O(1).
  std::map<std::pair<long long, long long>, std::vector<std::size_t>> grid;
  auto cell_of = [&](double px_, double py_) {
    return std::make_pair(static_cast<long long>(std::floor(px_ / cell_w)),
                          static_cast<long long>(std::floor(py_ / cell_h)));
  };
  for (std::size_t v = 0; v < n; ++v) grid[cell_of(centre[v].x, centre[v].y)].push_back(v);
  auto hits_box = [&](const DiagramPoint& p, std::size_t skip_a, std::size_t skip_b) {
    const auto c = cell_of(p.x, p.y);
    for (long long gx = c.first - 1; gx <= c.first + 1; ++gx)
      for (long long gy = c.second - 1; gy <= c.second + 1; ++gy) {
        auto it = grid.find({gx, gy});
        if (it == grid.end()) continue;
        for (std::size_t v : it->second) {
          if (v == skip_a || v == skip_b) continue;
          const NodeBox& b = geo.nodes[v];
          if (p.x > b.x - 4 && p.x < b.right() + 4 && p.y > b.y - 4 && p.y < b.bottom() + 4) return true;
        }
      }
    return false;
  };
  auto clip = [](const NodeBox& b, double dx, double dy) {
    // from the box centre along (dx, dy) to its border
    const double hw = b.width / 2, hh = b.height / 2;
    const double tx = dx != 0 ? hw / std::fabs(dx) : std::numeric_limits<double>::infinity();
    const double ty = dy != 0 ? hh / std::fabs(dy) : std::numeric_limits<double>::infinity();
    const double t = std::min(tx, ty);
    return pt(b.x + hw + dx * t, b.y + hh + dy * t);
  };
  auto quad = [](const DiagramPoint& p0, const DiagramPoint& c, const DiagramPoint& p1, double t) {
    const double u = 1 - t;
    return pt(u * u * p0.x + 2 * u * t * c.x + t * t * p1.x, u * u * p0.y + 2 * u * t * c.y + t * t * p1.y);
  };
  std::map<std::pair<std::size_t, std::size_t>, int> seen_pairs;
  for (std::size_t i = 0; i < scene.edges.size(); ++i) {
    const auto& e = scene.edges[i];
    if (e.from == e.to) continue;
    const NodeBox& a = geo.nodes[e.from];
    const NodeBox& b = geo.nodes[e.to];
    const DiagramPoint ca = centre[e.from], cb = centre[e.to];
    double dx = cb.x - ca.x, dy = cb.y - ca.y;
    const double len = std::hypot(dx, dy);
    if (len < 1e-9) dx = 1, dy = 0; else dx /= len, dy /= len;
    // the normal, the same for both directions of a pair
    const double sign = e.from < e.to ? 1.0 : -1.0;
    const double nx = -dy * sign, ny = dx * sign;
    const int nth = seen_pairs[{std::min(e.from, e.to), std::max(e.from, e.to)}]++;
    const double base = nth == 0 ? 0.0 : (nth % 2 == 1 ? 1 : -1) * 22.0 * ((nth + 1) / 2);
    EdgeRoute& r = geo.edges[i];
    r.edge_index = i;
    DiagramPoint best_p0, best_c, best_p1;
    bool found = false;
    for (int attempt = 0; attempt < 15 && !found; ++attempt) {
      // bends of 0, +36, -36, +72, -72, ... at the curve's middle
      const double bend =
          base + (attempt == 0 ? 0.0 : (attempt % 2 == 1 ? 1 : -1) * 36.0 * ((attempt + 1) / 2));
      const DiagramPoint mid = pt((ca.x + cb.x) / 2 + nx * bend * 2, (ca.y + cb.y) / 2 + ny * bend * 2);
      const DiagramPoint p0 = clip(a, mid.x - ca.x, mid.y - ca.y);
      const DiagramPoint p1 = clip(b, mid.x - cb.x, mid.y - cb.y);
      bool clear = true;
      for (int k = 1; k < 24 && clear; ++k) clear = !hits_box(quad(p0, mid, p1, k / 24.0), e.from, e.to);
      if (clear || attempt == 0) {
        best_p0 = p0;
        best_c = mid;
        best_p1 = p1;
        found = clear;
      }
    }
    const DiagramPoint m = quad(best_p0, best_c, best_p1, 0.5);
    r.points = {best_p0, m, best_p1};
    // The label on the curve, where it covers no box.
    r.label = m;
    const double lw = text_width(e.action, kLabelFont) / 2 + 4;
    for (double t : {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8}) {
      const DiagramPoint q = quad(best_p0, best_c, best_p1, t);
      bool clear = true;
      for (double ox : {-lw, 0.0, lw})
        for (double oy : {-kLabelHeight / 2, kLabelHeight / 2}) clear = clear && !hits_box(pt(q.x + ox, q.y + oy), n, n);
      if (clear) {
        r.label = q;
        break;
      }
    }
  }
  for (std::size_t i = 0; i < scene.edges.size(); ++i) {
    const auto& e = scene.edges[i];
    if (e.from != e.to) continue;
    geo.edges[i].edge_index = i;
    self_loop_route(geo.edges[i], geo.nodes[e.from], e.action);
  }
  normalise(geo, scene);
  return geo;
}

}  // namespace

std::pair<double, double> node_box_size(const SceneNode& node) {
  const CategoryStyle& style = category_style(node.category);
  const std::string id = ellipsize(node.id, kMaxIdChars);
  const double text = std::max(text_width(node.kind_name, kKindFont), text_width(id, kIdFont, true));
  const double w = std::max(kMinNodeWidth, std::ceil(text + 28 + shape_extra(style.shape)));
  return {w, kNodeHeight};
}

DiagramGeometry layout_scene(const Scene& scene, DiagramLayout layout) {
  bool all = !scene.nodes.empty();
  for (const auto& node : scene.nodes) all = all && node.position.has_value();
  bool any = false;
  for (const auto& node : scene.nodes) any = any || node.position.has_value();
  const bool use_model = layout == DiagramLayout::model ? any
                         : layout == DiagramLayout::prefer_model ? all
                                                                 : false;
  return use_model ? layout_from_model(scene) : layout_parts(scene);
}

}  // namespace detail
}  // namespace sbd
