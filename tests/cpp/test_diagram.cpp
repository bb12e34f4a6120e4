// Diagrams: the layout (no overlaps, left to right, edges around the boxes,
// cycles) and what each format contains. External checkers (XML parser,
// Graphviz, the Mermaid parser) run in tests/cli/test_diagram.py.
#include <catch2/catch.hpp>

#include <sbd/diagram.hpp>
#include <sbd/read.hpp>

#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace {

const std::vector<std::string> kExamples = {"basic-api", "firehose", "full-app", "iot", "s3-processing",
                                            "stream-test"};

sbd::Architecture example(const std::string& name) {
  return sbd::read_file(sbd_test::corpus_dir() + "/sbd-examples/" + name + ".json");
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

// A generated model of about n nodes: groups of an API, functions, a table,
// a queue, a topic, a bucket, a schedule, chained by function invocations
// (with cycles) and with self edges of IoT rules.
sbd::Architecture generated(std::size_t groups) {
  sbd::Architecture a("generated");
  for (std::size_t g = 0; g < groups; ++g) {
    const std::string s = std::to_string(g);
    a.add_node("Api" + s, "api");
    a.add_node("Handler" + s, "fn");
    a.add_node("Worker" + s, "fn");
    a.add_node("Table" + s, "table");
    a.add_node("Jobs" + s, "queue");
    a.add_node("Events" + s, "topic");
    a.add_node("Files" + s, "bucket");
    a.add_node("Tick" + s, "schedule");
    a.add_node("Rule" + s, "iotRule");
    a.add_node("Alarm" + s, "alarm");
    a.connect("Api" + s, "Handler" + s);
    a.connect("Handler" + s, "Table" + s, "write");
    a.connect("Handler" + s, "Jobs" + s, "send");
    a.connect("Jobs" + s, "Worker" + s);
    a.connect("Worker" + s, "Files" + s, "write");
    a.connect("Files" + s, "Worker" + s);  // a cycle through the bucket
    a.connect("Table" + s, "Worker" + s);
    a.connect("Tick" + s, "Worker" + s);
    a.connect("Worker" + s, "Events" + s, "notification");
    a.connect("Rule" + s, "Rule" + s, "republish");
    a.connect("Rule" + s, "Handler" + s);
    a.connect("Worker" + s, "Alarm" + s);
    if (g > 0) {
      const std::string p = std::to_string(g - 1);
      a.connect("Events" + p, "Handler" + s);
      a.connect("Worker" + s, "Handler" + p, "invoke");  // fn -> fn back to an earlier group
      a.connect("Worker" + s, "Table" + p, "read");
    }
  }
  return a;
}

void require_no_overlap(const sbd::DiagramGeometry& g) {
  for (std::size_t i = 0; i < g.nodes.size(); ++i)
    for (std::size_t j = i + 1; j < g.nodes.size(); ++j) {
      INFO(g.nodes[i].id << " and " << g.nodes[j].id);
      REQUIRE_FALSE(g.nodes[i].overlaps(g.nodes[j]));
    }
}

bool on_border(const sbd::NodeBox& b, const sbd::DiagramPoint& p) {
  const double e = 0.01;
  const bool inside = p.x >= b.x - e && p.x <= b.right() + e && p.y >= b.y - e && p.y <= b.bottom() + e;
  const bool edge = std::fabs(p.x - b.x) < e || std::fabs(p.x - b.right()) < e || std::fabs(p.y - b.y) < e ||
                    std::fabs(p.y - b.bottom()) < e;
  return inside && edge;
}

// The curve the SVG draws between two route points (horizontal tangents),
// sampled.
std::vector<sbd::DiagramPoint> sample(const sbd::DiagramPoint& a, const sbd::DiagramPoint& b) {
  std::vector<sbd::DiagramPoint> out;
  const double mx = (a.x + b.x) / 2;
  for (int i = 0; i <= 32; ++i) {
    const double t = i / 32.0, u = 1 - t;
    const double x = u * u * u * a.x + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * b.x;
    const double y = u * u * u * a.y + 3 * u * u * t * a.y + 3 * u * t * t * b.y + t * t * t * b.y;
    out.push_back({x, y});
  }
  return out;
}

bool strictly_inside(const sbd::NodeBox& b, const sbd::DiagramPoint& p) {
  return p.x > b.x + 0.5 && p.x < b.right() - 0.5 && p.y > b.y + 0.5 && p.y < b.bottom() - 0.5;
}

// Checks what every layout must satisfy; for the automatic one also the
// direction of the edges and that they avoid the boxes.
void check_geometry(const sbd::Architecture& arch, const sbd::DiagramGeometry& g) {
  REQUIRE(g.nodes.size() == arch.node_count());
  REQUIRE(g.edges.size() == arch.edge_count());
  require_no_overlap(g);
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const auto& b = g.nodes[i];
    REQUIRE(b.node_index == i);
    REQUIRE(b.id == arch.node_at(i).id);
    REQUIRE(b.x >= 0);
    REQUIRE(b.y >= 0);
    REQUIRE(b.right() <= g.width);
    REQUIRE(b.bottom() <= g.height);
  }
  for (std::size_t i = 0; i < g.edges.size(); ++i) {
    const auto& r = g.edges[i];
    const auto& e = arch.edge_at(i);
    INFO(e.from << " -> " << e.to);
    REQUIRE(r.edge_index == i);
    REQUIRE(r.points.size() >= 2);
    REQUIRE(r.self_loop == (e.from == e.to));
    const auto& from = g.nodes[e.from_index];
    const auto& to = g.nodes[e.to_index];
    REQUIRE(on_border(from, r.points.front()));
    REQUIRE(on_border(to, r.points.back()));
    for (const auto& p : r.points) {
      REQUIRE(p.x >= 0);
      REQUIRE(p.x <= g.width);
      REQUIRE(p.y >= 0);
      REQUIRE(p.y <= g.height);
    }
    if (g.from_model || r.self_loop) continue;
    // Left to right in the direction of the edge, unless reversed to break a cycle.
    if (r.reversed)
      REQUIRE(from.layer > to.layer);
    else
      REQUIRE(from.layer < to.layer);
    // The drawn curve enters no box but its own two.
    std::string crossed;
    for (std::size_t k = 0; k + 1 < r.points.size(); ++k)
      for (const auto& p : sample(r.points[k], r.points[k + 1]))
        for (const auto& b : g.nodes)
          if (b.node_index != e.from_index && b.node_index != e.to_index && strictly_inside(b, p)) crossed = b.id;
    INFO("passes through " << crossed);
    REQUIRE(crossed.empty());
  }
}

}  // namespace

TEST_CASE("formats and layouts have names") {
  for (auto f : {sbd::DiagramFormat::svg, sbd::DiagramFormat::dot, sbd::DiagramFormat::mermaid,
                 sbd::DiagramFormat::html})
    REQUIRE(sbd::parse_diagram_format(sbd::diagram_format_name(f)) == f);
  for (auto l : {sbd::DiagramLayout::automatic, sbd::DiagramLayout::model, sbd::DiagramLayout::prefer_model})
    REQUIRE(sbd::parse_diagram_layout(sbd::diagram_layout_name(l)) == l);
  try {
    sbd::parse_diagram_format("png");
    FAIL("png accepted");
  } catch (const sbd::Error& e) {
    REQUIRE(e.code() == sbd::ErrorCode::argument);
    REQUIRE(std::string(e.what()).find("mermaid") != std::string::npos);
  }
  REQUIRE_THROWS_AS(sbd::parse_diagram_layout("spring"), sbd::Error);
}

TEST_CASE("the corpus examples lay out without overlaps, automatically and from their positions") {
  for (const auto& name : kExamples) {
    SECTION(name) {
      const auto arch = example(name);
      const auto automatic = sbd::diagram_layout(arch, sbd::DiagramLayout::automatic);
      REQUIRE_FALSE(automatic.from_model);
      REQUIRE(automatic.layers >= 2);
      check_geometry(arch, automatic);

      // Every node of a browser export has a position: used by default.
      const auto model = sbd::diagram_layout(arch);
      REQUIRE(model.from_model);
      check_geometry(arch, model);
      // The model's arrangement is kept: left of / above in the model is
      // not right of / below in the picture (nodes close together may share
      // a column or a row).
      std::size_t reordered = 0;
      for (std::size_t i = 0; i < arch.node_count(); ++i)
        for (std::size_t j = 0; j < arch.node_count(); ++j) {
          const auto& pi = *arch.node_at(i).position;
          const auto& pj = *arch.node_at(j).position;
          const auto& bi = model.nodes[i];
          const auto& bj = model.nodes[j];
          if (pi.x < pj.x && bi.x + bi.width / 2 > bj.x + bj.width / 2) ++reordered;
          if (pi.y < pj.y && bi.y + bi.height / 2 > bj.y + bj.height / 2) ++reordered;
        }
      REQUIRE(reordered == 0);
    }
  }
}

TEST_CASE("the automatic layout puts sources left of functions, and functions left of stores") {
  const auto arch = example("basic-api");  // MyApi -> MyBackEnd -> MyTable
  const auto g = sbd::diagram_layout(arch, sbd::DiagramLayout::automatic);
  const auto& api = g.nodes[arch.node("MyApi").index];
  const auto& fn = g.nodes[arch.node("MyBackEnd").index];
  const auto& table = g.nodes[arch.node("MyTable").index];
  REQUIRE(api.layer == 0);
  REQUIRE(fn.layer == 1);
  REQUIRE(table.layer == 2);
  REQUIRE(api.right() < fn.x);
  REQUIRE(fn.right() < table.x);
  REQUIRE(g.layers == 3);
}

TEST_CASE("cycles and self edges do not break the layering") {
  sbd::Architecture a("cycles");
  a.add_node("A", "fn");
  a.add_node("B", "fn");
  a.add_node("C", "fn");
  a.add_node("Rule", "iotRule");
  a.connect("A", "B", "invoke");
  a.connect("B", "C", "invoke");
  a.connect("C", "A", "invoke");
  a.connect("A", "A", "invoke");
  a.connect("Rule", "Rule", "republish");
  a.connect("Rule", "A");
  const auto g = sbd::diagram_layout(a, sbd::DiagramLayout::automatic);
  check_geometry(a, g);
  std::size_t reversed = 0;
  for (const auto& r : g.edges) reversed += r.reversed ? 1 : 0;
  REQUIRE(reversed == 1);  // one edge of the three-cycle; self edges are not layered
  REQUIRE(g.edges[3].self_loop);
  REQUIRE(g.edges[4].self_loop);
  REQUIRE(g.layers == 4);  // Rule, then A, B, C
}

TEST_CASE("a generated model of 200 nodes lays out without overlaps, edges around the boxes") {
  const auto arch = generated(20);
  REQUIRE(arch.node_count() == 200);
  // (Its speed is bench_diagram's to measure.)
  const auto g = sbd::diagram_layout(arch, sbd::DiagramLayout::automatic);
  check_geometry(arch, g);
  const std::string svg = sbd::diagram(arch, {});
  for (const auto& n : arch.nodes()) REQUIRE(svg.find("data-id=\"" + n.id + "\"") != std::string::npos);
}

TEST_CASE("model positions: used when every node has one, unless automatic is asked for") {
  sbd::Architecture a("positions");
  a.add_node("Up", "bucket").position = sbd::Position{0, 0};
  a.add_node("Proc", "fn").position = sbd::Position{10, 5};  // nearly the same place
  a.add_node("Out", "table").position = sbd::Position{-300, 0};
  a.connect("Up", "Proc");
  a.connect("Proc", "Out", "write");
  auto g = sbd::diagram_layout(a);
  REQUIRE(g.from_model);
  check_geometry(a, g);
  // Out is left of the others, as in the model, although the edges go right.
  REQUIRE(g.nodes[2].right() < g.nodes[0].x);
  REQUIRE(g.nodes[2].right() < g.nodes[1].x);

  g = sbd::diagram_layout(a, sbd::DiagramLayout::automatic);
  REQUIRE_FALSE(g.from_model);
  check_geometry(a, g);

  // One node without a position: automatic by default, model positions
  // (the node placed beside the others) when asked for.
  a.add_node("Extra", "queue");
  g = sbd::diagram_layout(a);
  REQUIRE_FALSE(g.from_model);
  g = sbd::diagram_layout(a, sbd::DiagramLayout::model);
  REQUIRE(g.from_model);
  check_geometry(a, g);
}

TEST_CASE("an empty model and a lone node still make pictures") {
  sbd::Architecture a("empty");
  for (auto f : {sbd::DiagramFormat::svg, sbd::DiagramFormat::dot, sbd::DiagramFormat::mermaid,
                 sbd::DiagramFormat::html}) {
    sbd::DiagramOptions o;
    o.format = f;
    REQUIRE_FALSE(sbd::diagram(a, o).empty());
  }
  a.add_node("Alone", "secret");
  const auto g = sbd::diagram_layout(a);
  check_geometry(a, g);
  REQUIRE(sbd::diagram(a, {}).find("data-id=\"Alone\"") != std::string::npos);
}

TEST_CASE("every format names every node and every edge with its action") {
  const auto arch = example("full-app");
  for (auto f : {sbd::DiagramFormat::svg, sbd::DiagramFormat::html, sbd::DiagramFormat::dot,
                 sbd::DiagramFormat::mermaid}) {
    sbd::DiagramOptions o;
    o.format = f;
    const std::string text = sbd::diagram(arch, o);
    INFO(sbd::diagram_format_name(f));
    for (const auto& n : arch.nodes()) REQUIRE(text.find(n.id) != std::string::npos);
    for (const auto& e : arch.edges()) {
      switch (f) {
        case sbd::DiagramFormat::svg:
        case sbd::DiagramFormat::html:
          REQUIRE(text.find("data-from=\"" + e.from + "\" data-to=\"" + e.to + "\" data-action=\"" + e.action +
                            "\"") != std::string::npos);
          break;
        case sbd::DiagramFormat::dot:
          REQUIRE(text.find("\"" + e.from + "\" -> \"" + e.to + "\" [label=\"" + e.action + "\"") !=
                  std::string::npos);
          break;
        case sbd::DiagramFormat::mermaid:
          REQUIRE(text.find("n_" + e.from + " ") != std::string::npos);
          REQUIRE(text.find("|\"" + e.action + "\"| n_" + e.to + "\n") != std::string::npos);
          break;
      }
    }
  }
  // SVG: one group per node and per edge, and a legend of what is used.
  const std::string svg = sbd::diagram(arch, {});
  REQUIRE(count(svg, "<g class=\"node\"") == arch.node_count());
  REQUIRE(count(svg, "<g class=\"edge\"") == arch.edge_count());
  REQUIRE(svg.find("class=\"sbd-legend\"") != std::string::npos);
  REQUIRE(svg.find(">Orchestration</text>") != std::string::npos);
  REQUIRE(svg.find(">Monitoring</text>") == std::string::npos);  // no alarm in this model
  sbd::DiagramOptions no_legend;
  no_legend.legend = false;
  REQUIRE(sbd::diagram(arch, no_legend).find("sbd-legend") == std::string::npos);
}

TEST_CASE("text from the model is escaped in every format") {
  sbd::Architecture a("escapes");
  a.settings().description = "Tom & Jerry's <script>alert(1)</script> \"app\"";
  auto& n = a.add_node("end", "fn");  // a Mermaid keyword as an id
  n.description = "say \"hi\" </script><b>&amp;";
  a.add_node("o1", "table");  // an id that starts like a Mermaid arrow end
  a.connect("end", "o1", "write");
  sbd::DiagramOptions o;
  const std::string svg = sbd::diagram(a, o);
  REQUIRE(svg.find("<script>") == std::string::npos);
  REQUIRE(svg.find("Tom &amp; Jerry&#39;s &lt;script&gt;") != std::string::npos);
  o.format = sbd::DiagramFormat::html;
  const std::string html = sbd::diagram(a, o);
  REQUIRE(count(html, "<script") == 2);  // the model's JSON and the page's script, nothing else
  REQUIRE(count(html, "</script>") == 2);
  o.format = sbd::DiagramFormat::mermaid;
  const std::string mmd = sbd::diagram(a, o);
  REQUIRE(mmd.find("n_end(") != std::string::npos);
  REQUIRE(mmd.find("n_end -->|\"write\"| n_o1") != std::string::npos);
  o.format = sbd::DiagramFormat::dot;
  const std::string dot = sbd::diagram(a, o);
  REQUIRE(dot.find("say \\\"hi\\\"") != std::string::npos);
}

TEST_CASE("the same model gives the same bytes") {
  for (const auto& name : kExamples) {
    for (auto f : {sbd::DiagramFormat::svg, sbd::DiagramFormat::html, sbd::DiagramFormat::dot,
                   sbd::DiagramFormat::mermaid})
      for (auto l : {sbd::DiagramLayout::automatic, sbd::DiagramLayout::prefer_model}) {
        sbd::DiagramOptions o;
        o.format = f;
        o.layout = l;
        REQUIRE(sbd::diagram(example(name), o) == sbd::diagram(example(name), o));
      }
  }
  const auto a = generated(5);
  REQUIRE(sbd::diagram(a, {}) == sbd::diagram(generated(5), {}));
}

TEST_CASE("a kind of a user catalog with a category of its own is drawn in the 'other' style") {
  auto base = sbd::Catalog::builtin();
  base.extend(sbd::Catalog::parse(R"(kinds:
  model:
    name: SageMaker endpoint
    category: machine-learning
    sam: AWS::SageMaker::Endpoint
connections:
  - {from: fn, to: model, actions: [invoke], invocation: sync}
)"));
  sbd::Architecture a("ml", std::make_shared<const sbd::Catalog>(base));
  a.add_node("Predict", "fn");
  a.add_node("Endpoint", "model");
  a.connect("Predict", "Endpoint");
  const std::string svg = sbd::diagram(a, {});
  REQUIRE(svg.find("data-category=\"machine-learning\"") != std::string::npos);
  REQUIRE(svg.find(">SageMaker endpoint</text>") != std::string::npos);
  REQUIRE(svg.find(">Other</text>") != std::string::npos);  // in the legend
  check_geometry(a, sbd::diagram_layout(a, sbd::DiagramLayout::automatic));
}

TEST_CASE("a very long id is shortened in its box, kept whole in its attributes") {
  sbd::Architecture a("long");
  const std::string id = "F" + std::string(200, 'x');
  a.add_node(id, "fn");
  a.add_node("Store", "table");
  a.connect(id, "Store", "write");
  const auto g = sbd::diagram_layout(a, sbd::DiagramLayout::automatic);
  check_geometry(a, g);
  REQUIRE(g.nodes[0].width < 500);
  const std::string svg = sbd::diagram(a, {});
  REQUIRE(svg.find("data-id=\"" + id + "\"") != std::string::npos);
  REQUIRE(svg.find(">" + id.substr(0, 39) + "\xE2\x80\xA6</text>") != std::string::npos);
}

TEST_CASE("unconnected parts are packed in rows, not stacked into one tall picture") {
  sbd::Architecture a("cells");
  for (int i = 0; i < 28; ++i) {
    const std::string s = std::to_string(i);
    a.add_node("Api" + s, "api");
    a.add_node("Fn" + s, "fn");
    a.add_node("Table" + s, "table");
    a.add_node("Bucket" + s, "bucket");
    a.add_node("Worker" + s, "fn");
    a.add_node("Topic" + s, "topic");
    a.add_node("Queue" + s, "queue");
    a.connect("Api" + s, "Fn" + s);
    a.connect("Fn" + s, "Table" + s, "write");
    a.connect("Bucket" + s, "Worker" + s);
    a.connect("Worker" + s, "Topic" + s, "notification");
    a.connect("Queue" + s, "Worker" + s);
    a.connect("Worker" + s, "Table" + s);
  }
  a.add_node("Lone", "secret");
  const auto g = sbd::diagram_layout(a, sbd::DiagramLayout::automatic);
  check_geometry(a, g);
  REQUIRE(g.layers == 3);
  // about twice as wide as high (one stack of 28 parts would be 1:10)
  REQUIRE(g.width / g.height > 0.8);
  REQUIRE(g.width / g.height < 3.5);
  // each part keeps its own columns: Api left of Fn left of Table
  for (int i = 0; i < 28; ++i) {
    const std::string s = std::to_string(i);
    const auto& api = g.nodes[a.node("Api" + s).index];
    const auto& fn = g.nodes[a.node("Fn" + s).index];
    const auto& table = g.nodes[a.node("Table" + s).index];
    REQUIRE(api.right() < fn.x);
    REQUIRE(fn.right() < table.x);
    REQUIRE(std::fabs(api.y - fn.y) < 200);
  }
}
