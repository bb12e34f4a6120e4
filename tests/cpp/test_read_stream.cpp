// The streaming readers (the model built while the text is parsed) against
// the tree path (the text parsed into a Value tree, then read): the same
// Architecture, field by field and location by location, for every input;
// and the same error for inputs the streaming readers leave to the tree path.
#include <catch2/catch.hpp>

#include <sbd/error.hpp>
#include <sbd/read.hpp>

#include "model/graph.hpp"
#include "read/parse.hpp"
#include "test_support.hpp"

#include <dirent.h>

#include <algorithm>

using sbd::Architecture;
using sbd::Format;
using sbd::Value;

namespace {

// Value equality ignores locations: compare them too, recursively.
void same_locations(const Value& a, const Value& b, const std::string& where) {
  INFO(where);
  CHECK(a.line() == b.line());
  CHECK(a.column() == b.column());
  REQUIRE(a.items().size() == b.items().size());
  for (std::size_t i = 0; i < a.items().size(); ++i) same_locations(a.items()[i], b.items()[i], where);
}

void same_value(const Value& a, const Value& b, const std::string& where) {
  INFO(where);
  CHECK(a == b);
  CHECK(a.tag() == b.tag());
  if (a == b) same_locations(a, b, where);
}

// The out (or in) edges of vertex v as the graph lists them: (the other
// vertex, the edge index) in the graph's order.
std::vector<std::pair<std::size_t, std::size_t>> graph_edges(const Architecture& arch, std::size_t v, bool out) {
  const sbd::detail::Graph& g = sbd::detail::graph_of(arch);
  std::vector<std::pair<std::size_t, std::size_t>> list;
  if (out) {
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) list.emplace_back(boost::target(*it, g), g[*it].index);
  } else {
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) list.emplace_back(boost::source(*it, g), g[*it].index);
  }
  return list;
}

void same_architecture(const Architecture& a, const Architecture& b) {
  CHECK(a.name() == b.name());
  CHECK(a.runtime() == b.runtime());
  CHECK(a.settings().description == b.settings().description);
  same_value(a.settings().extensions, b.settings().extensions, "app x- keys");
  REQUIRE(a.settings().deployment.has_value() == b.settings().deployment.has_value());
  if (a.settings().deployment) {
    const auto &da = *a.settings().deployment, &db = *b.settings().deployment;
    CHECK(da.type == db.type);
    CHECK(da.alarms == db.alarms);
    CHECK(da.pre_traffic == db.pre_traffic);
    CHECK(da.post_traffic == db.post_traffic);
    CHECK(da.location.line == db.location.line);
    CHECK(da.location.column == db.location.column);
  }
  REQUIRE(a.node_count() == b.node_count());
  for (std::size_t i = 0; i < a.node_count(); ++i) {
    const sbd::Node &x = a.node_at(i), &y = b.node_at(i);
    INFO("node " << x.id);
    CHECK(x.id == y.id);
    CHECK(x.kind == y.kind);
    CHECK(x.description == y.description);
    CHECK(x.position == y.position);
    same_value(x.properties, y.properties, "properties");
    same_value(x.overrides, y.overrides, "overrides");
    same_value(x.extensions, y.extensions, "x- keys");
    CHECK(x.location.file == y.location.file);
    CHECK(x.location.line == y.location.line);
    CHECK(x.location.column == y.location.column);
    CHECK(x.index == y.index);
    // The graph beneath (built in one go by the streaming readers), in its
    // own order.
    CHECK(graph_edges(a, i, true) == graph_edges(b, i, true));
    CHECK(graph_edges(a, i, false) == graph_edges(b, i, false));
  }
  CHECK(boost::num_vertices(sbd::detail::graph_of(a)) == a.node_count());
  CHECK(boost::num_edges(sbd::detail::graph_of(a)) == a.edge_count());
  REQUIRE(a.edge_count() == b.edge_count());
  for (std::size_t i = 0; i < a.edge_count(); ++i) {
    const sbd::Edge &x = a.edge_at(i), &y = b.edge_at(i);
    INFO("edge " << x.from << " -> " << x.to);
    CHECK(x.from == y.from);
    CHECK(x.to == y.to);
    CHECK(x.action == y.action);
    same_value(x.properties, y.properties, "edge properties");
    CHECK(x.location.line == y.location.line);
    CHECK(x.location.column == y.location.column);
    CHECK(x.from_index == y.from_index);
    CHECK(x.to_index == y.to_index);
  }
}

// Reads text both ways: the same Architecture and notes, or the same error.
void both_ways(const std::string& text, Format format = Format::detect, const std::string& name = "m.yaml") {
  INFO(text.substr(0, 400));
  sbd::ReadOptions options;
  options.format = format;
  std::vector<sbd::ReadNote> notes_a, notes_b;
  std::string error_a, error_b;
  std::optional<Architecture> a, b;
  try {
    a = sbd::read_string(text, name, options, &notes_a);
  } catch (const sbd::Error& e) {
    error_a = e.what();
  }
  try {
    b = sbd::detail::read_string_tree(text, name, options, &notes_b);
  } catch (const sbd::Error& e) {
    error_b = e.what();
  }
  CHECK(error_a == error_b);
  REQUIRE(a.has_value() == b.has_value());
  if (a) same_architecture(*a, *b);
  REQUIRE(notes_a.size() == notes_b.size());
  for (std::size_t i = 0; i < notes_a.size(); ++i) {
    CHECK(notes_a[i].message == notes_b[i].message);
    CHECK(notes_a[i].location.line == notes_b[i].location.line);
    CHECK(notes_a[i].location.column == notes_b[i].location.column);
  }
}

std::vector<std::string> files_in(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      const std::string name = e->d_name;
      if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        out.push_back(dir + "/" + name);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const char* kRich = R"(sbd: 1
app: rich-app
description: "every part of the model"
runtime: nodejs22.x
x-owner: {team: data, tags: [a, b]}
deployment:
  type: Canary10Percent5Minutes
  alarms: [Errors]
nodes:
  Api:
    kind: api
    description: the front door
    position: {x: 10, y: -2.5}
    x-note: keep
  Fn:
    kind: fn
    memory: 512
    timeout: 30
    environment:
      STAGE: prod
      LEVEL: !Sub "${AWS::Region}"
    overrides:
      Role: {"Fn::GetAtt": [Role, Arn]}
      Layers: [{Ref: Layer}, !Ref Other]
      Tags: {Ref: X, Extra: 1}
  Table: {kind: table}
  Errors: {kind: alarm}
  Queue:
    kind: queue
edges:
  - Api -> Fn
  - Fn -> Table: read/write
  - {from: Queue, to: Fn, batch_size: 5}
  - from: Fn
    to: Queue
    action: send
  - "Fn -> Errors": ~
)";

}  // namespace

TEST_CASE("streaming and tree readers agree on the benchmark model in every format") {
  for (Format f : {Format::yaml, Format::json, Format::sbd_json}) {
    INFO(sbd::format_name(f));
    // The benchmark's model: 2 cells, 14 nodes.
    Architecture arch("cells");
    for (int i = 0; i < 2; ++i) {
      const std::string n = std::to_string(i);
      arch.add_node("Api" + n, "api");
      arch.add_node("Fn" + n, "fn");
      arch.add_node("Table" + n, "table");
      arch.connect("Api" + n, "Fn" + n);
      arch.connect("Fn" + n, "Table" + n, "write");
    }
    const std::string text = sbd::write_string(arch, f);
    both_ways(text, f);
    both_ways(text, Format::detect, f == Format::yaml ? "m.yaml" : "m.json");
  }
}

TEST_CASE("streaming and tree readers agree on every part of the model") {
  both_ways(kRich);
  const Architecture arch = sbd::read_string(kRich);
  for (Format f : {Format::yaml, Format::json, Format::sbd_json}) {
    both_ways(sbd::write_string(arch, f), f);
    both_ways(sbd::write_string(arch, f));
  }
}

TEST_CASE("streaming and tree readers agree on the corpus and the fixtures") {
  const auto exports = files_in(sbd_test::corpus_dir() + "/sbd-examples", ".json");
  CHECK(exports.size() >= 5);
  for (const auto& path : exports) {
    INFO(path);
    const std::string text = sbd_test::slurp(path);
    both_ways(text, Format::detect, path);
    both_ways(text, Format::sbd_json, path);
    // And the model each becomes, written back as YAML and JSON.
    const Architecture arch = sbd::read_string(text, path);
    both_ways(sbd::write_string(arch, Format::yaml));
    both_ways(sbd::write_string(arch, Format::json));
  }
  std::size_t models = 0;
  for (const std::string dir : {"models", "rules", "capi"})
    for (const auto& path : files_in(sbd_test::fixture(dir), ".yaml")) {
      INFO(path);
      both_ways(sbd_test::slurp(path), Format::detect, path);
      ++models;
    }
  CHECK(models >= 10);
}

TEST_CASE("streaming readers leave unusual documents to the tree path, with the same result") {
  const std::string head = "sbd: 1\napp: x\n";
  for (const std::string& text : std::vector<std::string>{
           // anchors, aliases and merge keys
           head + "nodes:\n  A: &k {kind: fn, memory: 256}\n  B: *k\n",
           head + "nodes:\n  A: {kind: fn, environment: &e {X: 1}}\n  B: {kind: fn, environment: *e}\n",
           head + "nodes:\n  A: {kind: &k fn}\n  B: {kind: *k}\n",
           // keys in other orders, nulls, empty parts
           "nodes:\n  A: {kind: fn}\nedges: []\napp: late\nsbd: 1\n",
           head + "edges: [A -> B]\nnodes: {A: {kind: fn}, B: {kind: queue}}\n",
           head + "nodes:\n",
           head + "nodes: {}\nedges:\n",
           head + "nodes:\n  A:\n    position: {y: 1, x: 2}\n    kind: fn\n",
           head + "runtime: nodejs22.x\nnodes: {A: {kind: fn}}\nx-a: 1\nx-b: [1, {c: d}]\n",
           head + "nodes: {A: {kind: fn}}\nruntime: nodejs22.x\n",
           // tags the tree keeps or drops
           head + "nodes: !custom\n  A: !x {kind: !!str fn, memory: !!int \"128\"}\n",
           head + "nodes:\n  A: {kind: fn, environment: !Tag {K: v}}\n",
           // edge forms
           head + "nodes: {A: {kind: fn}, B: {kind: table}}\nedges:\n  - A -> B: ~\n  - {A -> B: read}\n",
           head + "nodes: {A: {kind: fn}, B: {kind: table}}\nedges:\n  - {from: A, to: B, action: ~}\n",
           // many keys (past the small-map limits)
           [] {
             std::string t = "sbd: 1\napp: x\nnodes:\n  A:\n    kind: fn\n    environment:\n";
             for (int i = 0; i < 40; ++i) t += "      K" + std::to_string(i) + ": v\n";
             return t;
           }(),
           // a second document, a scalar document
           head + "nodes: {}\n---\nsbd: 1\n",
           "just text\n",
       })
    both_ways(text);
}

TEST_CASE("streaming readers give the tree path's errors") {
  const std::string head = "sbd: 1\napp: x\n";
  for (const std::string& text : std::vector<std::string>{
           head + "nodes:\n  A: {kind: fn}\n  A: {kind: fn}\n",
           head + "nodes:\n  A: {kind: fn, kind: api}\n",
           head + "nodes:\n  A: {kind: nope}\n",
           head + "nodes:\n  A: {description: x}\n",
           head + "nodes:\n  A: {kind: fn, memory: big}\n",
           head + "nodes:\n  A: {kind: fn, position: {x: 1}}\n",
           head + "nodes:\n  A: {kind: fn, position: {x: 1, y: 2, z: 3}}\n",
           head + "nodes:\n  A: {kind: fn, overrides: [1]}\n",
           head + "nodes:\n  A: {kind: fn}\nedges: [A -> B]\n",
           head + "nodes:\n  A: {kind: fn}\nedges: [A B]\n",
           head + "nodes:\n  A: {kind: fn}\nedges: [{from: A}]\n",
           head + "nodes:\n  A: {kind: fn}\nedges: [{A -> A: \"\"}]\n",
           head + "nodes:\n  A: {kind: fn}\nbogus: 1\n",
           head + "app: y\nnodes: {}\n",
           "sbd: 2\napp: x\nnodes: {}\n",
           "sbd: 1\nnodes: {}\n",
           "sbd: 1\napp: x\n",
           head + "deployment: {type: Nope}\nnodes: {}\n",
           head + "nodes:\n  A: {kind: fn}\n  \"bad id\": {kind: fn}\n",
           head + "nodes:\n  A: {kind: fn\n",
           head + "nodes:\n  A: {kind: fn, memory: 1e999}\n",
           "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n",
       })
    both_ways(text);
  for (const std::string& text : std::vector<std::string>{
           R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": "fn"}, "A": {"kind": "fn"}}})",
           R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": "fn", "memory": 1e999}}})",
           R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": "fn"}}, "edges": [["A", "A"]]})",
           R"({"sbd": 1, "app": "x", "nodes": {}} trailing)",
           R"({"sbd": 1, "app": "x", "nodes": {"A\uDC00": {"kind": "fn"}}})",
       }) {
    both_ways(text, Format::json);
    both_ways(text);
  }
  // The export: renamed ids (notes), duplicates, missing fields.
  for (const std::string& text : std::vector<std::string>{
           R"({"nodes": [{"id": "my fn", "model": {"type": "fn"}}, {"id": 7, "model": {"type": "table"}},
                         {"id": "myFn", "model": {"type": "fn"}}],
               "edges": [{"from": "my fn", "to": 7, "label": " write "}]})",
           R"({"nodes": [{"id": "A", "model": {"type": "fn"}}, {"id": "A", "model": {"type": "fn"}}]})",
           R"({"nodes": [{"id": "A", "model": {"type": "fn"}, "x": 1}], "edges": [{"from": "A", "to": "B"}]})",
           R"({"nodes": [{"id": "A", "model": {"type": "fn", "type": "fn"}}]})",
           R"({"nodes": [{"id": "A"}]})",
           R"({"nodes": [{"id": "A", "model": {"type": "nope"}}]})",
           R"({"nodes": [{"id": "A", "model": {"type": "fn"}, "x": {"a": [1]}, "y": 2}], "edges": null})",
           R"({"nodes": [{"id": "A", "model": {"type": "fn", "description": 5}, "x": 1.5, "y": 2}], "other": {"k": [1, 2]}})",
           R"({"nodes": {}})",
           R"({"sbd": 1, "nodes": []})",
       }) {
    both_ways(text, Format::sbd_json, "my export.json");
    both_ways(text, Format::detect, "my export.json");
  }
}

TEST_CASE("streaming readers read every form of edge mapping as the tree path does") {
  // The edge mappings the streaming readers take apart themselves (from, to
  // and action as strings, the other keys as properties): every order, null
  // and missing actions, wrong types, duplicates, the arrow form, in JSON and
  // in YAML.
  const std::string nodes = R"("nodes": {"A": {"kind": "queue"}, "B": {"kind": "fn"}, "C": {"kind": "table"}})";
  for (const std::string& edges : std::vector<std::string>{
           R"([{"from": "A", "to": "B", "action": "trigger"}, {"from": "B", "to": "C", "action": "write"}])",
           R"([{"action": "trigger", "to": "B", "from": "A"}, {"to": "C", "from": "B"}])",
           R"([{"from": "A", "to": "B", "action": null}, {"from": "B", "action": null, "to": "C"}])",
           R"([{"from": "A", "to": "B", "batch_size": 5}, {"batch_size": 7, "from": "A", "action": "trigger", "to": "B"}])",
           R"([{"from": "A", "batch_size": 5, "to": "B", "maximum_batching_window": 2}])",
           R"([{"from": "A", "to": "B", "bogus": [1, {"x": "y"}]}])",
           R"([{"from": "A", "to": "B", "batch_size": "five"}])",
           R"([{"A -> B": "trigger"}, {"B -> C": null}, {" B->C ": "read"}])",
           R"([{"A -> B": "trigger", "from": "A"}])",
           R"([{"A -> B": ""}])",
           R"([{"A -> B": 5}])",
           R"([{"from": "A", "to": "B", "action": ""}])",
           R"([{"from": "A", "to": "B", "action": 5}])",
           R"([{"from": "A", "to": "B", "action": {"a": 1}}])",
           R"([{"from": "A", "to": "B", "action": ["x"]}])",
           R"([{"from": 1, "to": "B"}])",
           R"([{"from": "A", "to": {"id": "B"}}])",
           R"([{"from": "A", "to": null}])",
           R"([{"from": "A", "from": "A", "to": "B"}])",
           R"([{"from": "A", "to": "B", "action": "trigger", "action": "trigger"}])",
           R"([{"from": "A", "to": "B", "k": 1, "k": 2}])",
           R"([{"to": "B"}])",
           R"([{}])",
           R"([{"from": "A", "to": "Z"}])",
           R"([{"from": "A", "to": "B", "action": "no such action"}])",
           R"([{"from": "A", "to": "B"}, {"from": "A", "to": "B"}])",
           R"([{"from": "A\t", "to": "B"}])",
           R"([{"from": "\u0041", "to": "B"}])",
           R"(["A -> B", "B -> C: write"])",
           R"([{"from": "A", "to": "B", "action": "trig\/ger"}])",
       }) {
    const std::string json = R"({"sbd": 1, "app": "x", )" + nodes + R"(, "edges": )" + edges + "}";
    both_ways(json, Format::json, "m.json");
    both_ways(json, Format::detect, "m.json");
    // The same document as YAML (flow style is YAML too), and in block style
    // when it is a model.
    both_ways(json, Format::yaml, "m.yaml");
    try {
      both_ways(sbd::write_string(sbd::read_string(json), Format::yaml));
    } catch (const sbd::Error&) {
    }
  }
  // Many property keys (past the edge mapping's own limit).
  std::string many = R"({"sbd": 1, "app": "x", )" + nodes + R"(, "edges": [{"from": "A", "to": "B")";
  for (int i = 0; i < 40; ++i) many += ", \"k" + std::to_string(i) + "\": 1";
  many += "}]}";
  both_ways(many, Format::json, "m.json");
  // Kinds, descriptions and ids with escapes.
  both_ways(R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": "f\/n", "description": "a\"b"}}})", Format::json);
  both_ways(R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": "fn", "description": "a\"b\n"}}})", Format::json);
  both_ways(R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": 5}}})", Format::json);
  both_ways(R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": null}}})", Format::json);
  both_ways(R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": ["fn"]}}})", Format::json);
}

TEST_CASE("streaming readers keep the limits") {
  sbd::ReadOptions tight;
  tight.max_values = 20;
  tight.max_depth = 3;
  const std::string model = "sbd: 1\napp: x\nnodes:\n  A: {kind: fn, environment: {K: v}}\n";
  for (Format f : {Format::yaml, Format::json}) {
    const std::string text = f == Format::yaml ? model : sbd::write_string(sbd::read_string(model), f);
    tight.format = f;
    CHECK_THROWS_WITH(sbd::read_string(text, "m", tight), Catch::Contains("nesting deeper than 3 levels"));
    tight.max_depth = 256;
    tight.max_values = 5;
    CHECK_THROWS_WITH(sbd::read_string(text, "m", tight), Catch::Contains("more than 5 values"));
    tight.max_values = 20;
    tight.max_depth = 3;
  }
}

namespace {

// Records the events of a document as text (kind, content, type, tag, line,
// column), to compare the plain scanner with libyaml event by event.
class Recorder final : public sbd::detail::EventSink {
 public:
  std::vector<std::string> events;
  void start(bool is_map, const char* tag, int line, int column) override {
    events.push_back(std::string(is_map ? "map " : "list ") + (tag ? tag : "") + " " + at(line, column));
  }
  void end() override { events.push_back("end"); }
  void key(std::string_view key, int line, int column) override {
    events.push_back("key '" + std::string(key) + "' " + at(line, column));
  }
  void scalar(Value&& v) override {
    events.push_back(std::string(v.type_name()) + " " + sbd::to_json(v, 0) + " " + v.tag() + " " +
                     at(v.line(), v.column()));
  }

 private:
  static std::string at(int line, int column) { return std::to_string(line) + ":" + std::to_string(column); }
};

// When the plain scanner takes a text, libyaml takes it too, with the same
// events. Returns whether the plain scanner took it.
bool plain_agrees(const std::string& text, const sbd::detail::ParseLimits& limits = {}) {
  Recorder plain, yaml;
  const bool took = sbd::detail::stream_yaml_plain(text, limits, plain);
  if (!took) return false;
  INFO("text:\n" << text);
  CHECK(sbd::detail::stream_yaml(text, limits, yaml));
  CHECK(plain.events == yaml.events);
  return true;
}

}  // namespace

TEST_CASE("the plain YAML scanner gives libyaml's events, marks included") {
  const std::vector<std::string> taken = {
      "sbd: 1\napp: x\nnodes:\n  A:\n    kind: fn\nedges:\n  - A -> A: invoke\n",
      "a:\nb: 1\nc:\n",
      "a:\n  b:\n    c:\n  d: -5\ne: .5\n",
      "a:\n- x\n- y: 1\n  z:\n- w\nb: 2\n",
      "a:\n  - x\n  - y: 1\n    z:\n      - 3\n      - q: r\n  - w\nb:\n",
      "list:\n  - k:\n  - k:\n    - 1\n",
      "key with  spaces: value with  spaces\nk: a -> b\nn: -1.5e+3\np: 1.\nq: 0o17\nr: 0x1F\ns: True\nt: null\n",
      "a: b\n",
      "a: b",
  };
  for (const auto& text : taken) CHECK(plain_agrees(text));
  // The benchmark model and the corpus as written by the YAML writer.
  CHECK(plain_agrees(sbd::write_string(sbd::read_string("sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\n  B: {kind: table}\n"
                                                        "edges: [A -> B]\n"),
                                       Format::yaml)));
  for (const auto& path : files_in(sbd_test::corpus_dir() + "/sbd-examples", ".json"))
    plain_agrees(sbd::write_string(sbd::read_string(sbd_test::slurp(path), path), Format::yaml));
  // Outside the subset: not taken (libyaml reads them).
  for (const std::string& text : std::vector<std::string>{"# comment\na: 1\n", "a: 'q'\n", "a: [1]\n", "a: {b: 1}\n", "a: &x 1\n", "a:\tb\n",
                                 "a: b\r\n", "---\na: 1\n", "a: 1\n\nb: 2\n", "a: b c: d\n", "a:b\n", "- a\n",
                                 "a:\n  b\n", "a: b\n  c\n", "a: 1 \n", "...: 1\n", "a: -\n", "a: >\n  x\n",
                                 "a:\n - x\n  - y\n", "a:\n  - - 1\n"})
    CHECK_FALSE(plain_agrees(text));
}

TEST_CASE("the plain YAML scanner agrees with libyaml on mutated documents") {
  // Small random edits of canonical documents (deterministic): whatever the
  // plain scanner still takes, libyaml must read the same way.
  const std::vector<std::string> seeds = {
      "sbd: 1\napp: x\nnodes:\n  A:\n    kind: fn\n    memory: 128\n  B:\n    kind: table\nedges:\n  - A -> B: read\n"
      "  - from: A\n    to: B\n    batch_size: 5\n",
      "a:\n  - x\n  - y: 1\n    z:\n      - 3\n  - w\nb:\nc: d\n",
  };
  const std::string alphabet = " \n:-_./+>ab1";
  unsigned state = 12345;
  const auto rnd = [&state](unsigned n) {
    state = state * 1103515245u + 12345u;
    return (state >> 8) % n;
  };
  std::size_t taken = 0, runs = 0;
  for (const auto& seed : seeds)
    for (int i = 0; i < 4000; ++i) {
      std::string t = seed;
      for (unsigned edits = 1 + rnd(3); edits > 0 && !t.empty(); --edits) {
        const std::size_t at = rnd(static_cast<unsigned>(t.size()));
        switch (rnd(3)) {
          case 0: t.erase(at, 1); break;
          case 1: t.insert(at, 1, alphabet[rnd(static_cast<unsigned>(alphabet.size()))]); break;
          default: t[at] = alphabet[rnd(static_cast<unsigned>(alphabet.size()))]; break;
        }
      }
      ++runs;
      if (plain_agrees(t)) ++taken;
    }
  INFO(taken << " of " << runs << " taken");
  CHECK(taken > runs / 10);  // the comparison is not vacuous
}

TEST_CASE("the plain YAML scanner keeps the limits") {
  sbd::detail::ParseLimits limits;
  limits.max_depth = 2;
  Recorder r;
  CHECK(sbd::detail::stream_yaml_plain("a:\n  b: 1\n", limits, r));
  Recorder r2;
  CHECK_FALSE(sbd::detail::stream_yaml_plain("a:\n  b:\n    c: 1\n", limits, r2));
  limits = {};
  limits.max_values = 3;
  Recorder r3;
  CHECK(sbd::detail::stream_yaml_plain("a: 1\n", limits, r3));
  Recorder r4;
  CHECK_FALSE(sbd::detail::stream_yaml_plain("a: 1\nb: 2\n", limits, r4));
}

namespace {

// When the plain JSON scanner takes a text, RapidJSON takes it too, with the
// same events and locations.
bool plain_json_agrees(const std::string& text, const sbd::detail::ParseLimits& limits = {}) {
  Recorder plain, rapid;
  if (!sbd::detail::stream_json_plain(text, limits, plain)) return false;
  INFO("text:\n" << text);
  CHECK(sbd::detail::stream_json(text, limits, rapid));
  CHECK(plain.events == rapid.events);
  return true;
}

}  // namespace

TEST_CASE("the plain JSON scanner gives RapidJSON's events and locations") {
  for (const std::string& text : std::vector<std::string>{
           R"({"a": 1, "b": [true, false, null, -0, 0.5, -1.5e+3, 2E-2, 9223372036854775807], "c": {}})",
           "{\n  \"k\": \"v\",\r\n\t\"e\": [ ],\n  \"s\": \"tab\\tnew\\nline \\\" \\\\ \\/ \\b\\f\\r\"\n}\n",
           R"([{"x": [[1], [2, {"y": "z"}]]}])",
           R"("just a string")",
           "  7  ",
       })
    CHECK(plain_json_agrees(text));
  for (Format f : {Format::json, Format::sbd_json}) {
    const Architecture arch = sbd::read_string(kRich);
    CHECK(plain_json_agrees(sbd::write_string(arch, f)));
  }
  // Outside the subset or invalid: not taken (RapidJSON reads or refuses them).
  for (const std::string& text : std::vector<std::string>{
           R"({"a": "\u00e9"})", "{\"a\": \"\xC3\xA9\"}", R"({"a": 01})", R"({"a": 1.})", R"({"a": .5})",
           R"({"a": 1e})", R"({"a": -})", R"({"a": 1,})", R"([1,])", R"({"a" 1})", R"({"a": tru})",
           R"({"a": 1} x)", R"({'a': 1})", "{\"a\": \"x\ty\"}", R"({"a": "\x"})", "", "   ",
           R"({"a": 1e400})", R"({"a": 99999999999999999999})", std::string("{\"a\": 1}\0", 9)})
    CHECK_FALSE(plain_json_agrees(text));
}

TEST_CASE("the plain JSON scanner agrees with RapidJSON on mutated documents") {
  const Architecture arch = sbd::read_string(kRich);
  const std::vector<std::string> seeds = {
      sbd::write_string(arch, Format::json).substr(0, 600) + "\"}}}",  // cut: often invalid, on purpose
      R"({"sbd": 1, "app": "x", "nodes": {"A": {"kind": "fn", "memory": 128, "p": [1.5, -2e3, true, null]}},
          "edges": [{"from": "A", "to": "A", "action": "in\"vo\\ke"}]})",
  };
  const std::string alphabet = " \n\t\"\\:,{}[]-.e+0123456789abtrunl";
  unsigned state = 4242;
  const auto rnd = [&state](unsigned n) {
    state = state * 1103515245u + 12345u;
    return (state >> 8) % n;
  };
  std::size_t taken = 0, runs = 0;
  for (const auto& seed : seeds)
    for (int i = 0; i < 4000; ++i) {
      std::string t = seed;
      for (unsigned edits = 1 + rnd(2); edits > 0 && !t.empty(); --edits) {
        const std::size_t at = rnd(static_cast<unsigned>(t.size()));
        switch (rnd(3)) {
          case 0: t.erase(at, 1); break;
          case 1: t.insert(at, 1, alphabet[rnd(static_cast<unsigned>(alphabet.size()))]); break;
          default: t[at] = alphabet[rnd(static_cast<unsigned>(alphabet.size()))]; break;
        }
      }
      ++runs;
      if (plain_json_agrees(t)) ++taken;
    }
  INFO(taken << " of " << runs << " taken");
  CHECK(taken > runs / 10);
}

TEST_CASE("the plain JSON scanner keeps the limits") {
  sbd::detail::ParseLimits limits;
  limits.max_depth = 2;
  Recorder r1, r2, r3, r4;
  CHECK(sbd::detail::stream_json_plain(R"({"a": [1]})", limits, r1));
  CHECK_FALSE(sbd::detail::stream_json_plain(R"({"a": [[1]]})", limits, r2));
  limits = {};
  limits.max_values = 3;
  CHECK(sbd::detail::stream_json_plain(R"({"a": [1]})", limits, r3));
  CHECK_FALSE(sbd::detail::stream_json_plain(R"({"a": [1, 2]})", limits, r4));
}

TEST_CASE("deep documents read the same through every path") {
  // Past the plain scanner's recursion cap (300), under a raised max_depth.
  std::string yaml = "sbd: 1\napp: x\nnodes:\n  A:\n    kind: fn\n    environment:\n";
  std::string indent = "      ";
  for (int i = 0; i < 320; ++i) {
    yaml += indent + "k" + std::to_string(i) + ":\n";
    indent += " ";
  }
  yaml += indent + "leaf: 1\n";
  sbd::ReadOptions deep;
  deep.max_depth = 1000;
  deep.format = Format::yaml;
  const Architecture a = sbd::read_string(yaml, "deep.yaml", deep);
  const Architecture b = sbd::detail::read_string_tree(yaml, "deep.yaml", deep, nullptr);
  same_architecture(a, b);
  const Value* v = &a.node_at(0).properties;
  int levels = 0;
  while (v->is_map() && v->size() == 1) {
    v = &v->value_at(0);
    ++levels;
  }
  CHECK(levels == 322);  // environment, k0..k319, leaf
  // And refused the same way under the default limit.
  deep.max_depth = 256;
  CHECK_THROWS_WITH(sbd::read_string(yaml, "deep.yaml", deep), Catch::Contains("nesting deeper than 256 levels"));
}
