// Readers and writers of the model: every error path of MODEL.md, the three
// edge forms, defaults, x- keys, positions, and round trips.
#include <catch2/catch.hpp>

#include <sbd/error.hpp>
#include <sbd/read.hpp>

#include "test_support.hpp"

#include <dirent.h>

using sbd::Error;
using sbd::Format;

namespace {

struct Failure {
  int line = 0;
  int column = 0;
  std::string message;
  std::string what;
};

Failure read_error(const std::string& text, Format format = Format::detect) {
  sbd::ReadOptions o;
  o.format = format;
  try {
    sbd::read_string(text, "model.yaml", o);
  } catch (const Error& e) {
    CHECK(e.code() == sbd::ErrorCode::parse);
    CHECK(e.location().file == "model.yaml");
    return {e.location().line, e.location().column, e.message(), e.what()};
  }
  FAIL("no error for:\n" << text);
  return {};
}

std::vector<std::string> corpus_examples() {
  std::vector<std::string> out;
  const std::string dir = sbd_test::corpus_dir() + "/sbd-examples";
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name.size() > 5 && name.substr(name.size() - 5) == ".json") out.push_back(dir + "/" + name);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("the three edge forms mean the same edge") {
  const auto arch = sbd::read_string(R"(sbd: 1
app: demo
nodes:
  Q: {kind: queue}
  F: {kind: fn}
  T: {kind: table}
edges:
  - Q -> F
  - "F -> T: write"
  - F -> T: read
  - {from: Q, to: F, action: trigger, batch_size: 5}
)");
  REQUIRE(arch.edge_count() == 4);
  CHECK(arch.edge_at(0).action == "trigger");
  CHECK(arch.edge_at(1).action == "write");
  CHECK(arch.edge_at(2).action == "read");
  CHECK(arch.edge_at(3).properties.find("batch_size")->as_int() == 5);
  CHECK(arch.edge_at(1).location.line == 9);
  CHECK(arch.node("F").location.line == 5);
}

TEST_CASE("a model keeps app settings, positions, overrides and x- keys") {
  const auto arch = sbd::read_string(R"(sbd: 1
app: demo
description: A demo
runtime: nodejs22.x
x-owner: {team: platform}
deployment:
  type: Linear10PercentEvery1Minute
  alarms: [Errs]
  pre_traffic: Check
nodes:
  Fn: {kind: fn, position: {x: 10.5, y: -3}, x-note: keep me, overrides: {Tracing: Active}}
  Errs: {kind: alarm}
  Check: {kind: fn}
edges:
  - Fn -> Errs
)");
  CHECK(arch.settings().description == "A demo");
  CHECK(arch.runtime() == "nodejs22.x");
  CHECK(arch.settings().extensions.find("x-owner")->find("team")->as_string() == "platform");
  REQUIRE(arch.settings().deployment);
  CHECK(arch.settings().deployment->alarms == std::vector<std::string>{"Errs"});
  CHECK(arch.settings().deployment->pre_traffic == "Check");
  const auto& fn = arch.node("Fn");
  REQUIRE(fn.position);
  CHECK(fn.position->x == 10.5);
  CHECK(fn.position->y == -3);
  CHECK(fn.extensions.find("x-note")->as_string() == "keep me");
  CHECK(fn.overrides.find("Tracing")->as_string() == "Active");
  CHECK(arch.property(fn, "runtime")->as_string() == "nodejs22.x");
  const std::string yaml = sbd::write_string(arch, Format::yaml);
  CHECK(yaml.find("x-owner:") != std::string::npos);
  CHECK(yaml.find("x-note: keep me") != std::string::npos);
}

TEST_CASE("every reader error names the line and column") {
  struct Case {
    const char* text;
    int line, column;
    const char* message;
  };
  const Case cases[] = {
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn\n", 5, 1, "invalid YAML"},
      {"- just\n- a list\n", 1, 1, "must be a mapping"},
      {"app: x\nnodes: {}\n", 1, 1, "missing required key 'sbd'"},
      {"sbd: 2\napp: x\nnodes: {}\n", 1, 6, "unsupported format version"},
      {"sbd: 1\nnodes: {}\n", 1, 1, "missing required key 'app'"},
      {"sbd: 1\napp: x\n", 1, 1, "missing required key 'nodes'"},
      {"sbd: 1\napp: 'my app'\nnodes: {}\n", 2, 6, "not a valid app name"},
      {"sbd: 1\napp: x\nnodez: {}\nnodes: {}\n", 3, 1, "unknown top-level key 'nodez'"},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\n  A: {kind: fn}\n", 5, 3, "duplicate key 'A'"},
      {"sbd: 1\napp: x\nnodes:\n  my-fn: {kind: fn}\n", 4, 3, "not a valid node id"},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: lambda}\n", 4, 3, "unknown kind 'lambda'"},
      {"sbd: 1\napp: x\nnodes:\n  A: {memory: 5}\n", 4, 3, "has no kind"},
      {"sbd: 1\napp: x\nnodes:\n  A: fn\n", 4, 6, "must be a mapping"},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn, memory: lots}\n", 4, 25, "must be an integer"},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn, memroy: 5}\n", 4, 25, "no property 'memroy'"},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn, memory: 1e400}\n", 4, 25, "out of range"},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn, memory: 99999999999999999999}\n", 4, 25, "out of range"},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\nedges:\n  - A -> B\n", 6, 5, "unknown node 'B'"},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\nedges:\n  - A to B\n", 6, 5, "an edge is"},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\nedges:\n  - {from: A}\n", 6, 5, "needs from and to"},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\nedges: A -> A\n", 5, 8, "edges must be a list"},
      {"sbd: 1\napp: x\nnodes:\n  A: {kind: fn, position: {x: 1}}\n", 4, 17, "needs both x and y"},
      {"sbd: 1\napp: x\ndeployment: {type: Sometimes}\nnodes: {}\n", 3, 20, "unknown deployment type"},
      {"sbd: 1\napp: x\nnodes:\n  Q: {kind: queue}\n  F: {kind: fn}\nedges:\n  - {from: Q, to: F, batch: 5}\n", 7, 29, "no property 'batch'"},
      {"sbd: 1\napp: x\nnodes: []\n", 3, 1, "nodes must be a mapping"},
      {"AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", 1, 1, "SAM / CloudFormation template"},
      {"sbd: 1\napp: x\nnodes: {}\n---\nsbd: 1\n", 4, 1, "second one"},
      {"sbd: 1\napp: *nothing\nnodes: {}\n", 2, 6, "unknown alias"},
  };
  for (const auto& c : cases) {
    INFO("model:\n" << c.text);
    const Failure f = read_error(c.text);
    INFO("got: " << f.what);
    CHECK(f.message.find(c.message) != std::string::npos);
    CHECK(f.line == c.line);
    CHECK(f.column == c.column);
    CHECK(f.what.rfind("model.yaml:" + std::to_string(c.line) + ":", 0) == 0);
  }
}

TEST_CASE("JSON models report errors at the right line and column too") {
  const Failure syntax = read_error("{\n  \"sbd\": 1,\n  \"app\": \"x\",\n  \"nodes\": {,}\n}\n");
  CHECK(syntax.line == 4);
  CHECK(syntax.message.find("invalid JSON") != std::string::npos);
  const Failure type = read_error("{\"sbd\": 1, \"app\": \"x\",\n \"nodes\": {\"A\": {\"kind\": \"fn\", \"memory\": true}}}");
  CHECK(type.line == 2);
  CHECK(type.column == 42);
  CHECK(type.message.find("must be an integer") != std::string::npos);
  const Failure dup = read_error("{\"sbd\": 1, \"sbd\": 1}");
  CHECK(dup.column == 12);
  CHECK(dup.message.find("duplicate key 'sbd'") != std::string::npos);
  const Failure nul = read_error(std::string("{\"sbd\": 1}\0junk", 15), Format::json);
  CHECK(nul.message.find("NUL") != std::string::npos);
  const Failure utf8 = read_error("{\"sbd\": 1, \"app\": \"\xFF\"}", Format::json);
  CHECK(utf8.message.find("invalid JSON") != std::string::npos);
}

TEST_CASE("hostile nesting, alias bombs and empty input are refused cleanly") {
  CHECK(read_error("").message.find("empty") != std::string::npos);
  CHECK(read_error("  \n\n").message.find("empty") != std::string::npos);
  const std::string deep_json = std::string(100000, '[') + std::string(100000, ']');
  CHECK(read_error(deep_json, Format::json).message.find("nesting deeper") != std::string::npos);
  const std::string deep_yaml = "sbd: 1\napp: x\nnodes: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  CHECK(read_error(deep_yaml).message.find("nesting deeper") != std::string::npos);
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c)
    bomb += std::string(1, c) + ": &" + c + " [*" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) +
            ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" +
            char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + "]\n";
  CHECK(read_error(bomb).message.find("billion laughs") != std::string::npos);
  CHECK(read_error(std::string("sbd: 1\napp: x\0\nnodes: {}\n", 23)).message.find("invalid YAML") != std::string::npos);
  CHECK(read_error("sbd: 1\napp: \"\xC3\x28\"\nnodes: {}\n").message.find("invalid YAML") != std::string::npos);
}

TEST_CASE("YAML -> JSON -> YAML gives back the identical YAML") {
  const std::string model = sbd_test::slurp(sbd_test::fixture("models/photo-share.yaml"));
  const auto arch = sbd::read_string(model, "photo-share.yaml");
  const std::string yaml = sbd::write_string(arch, Format::yaml);
  const std::string json = sbd::write_string(sbd::read_string(yaml, "a.yaml"), Format::json);
  const std::string yaml2 = sbd::write_string(sbd::read_string(json, "a.json"), Format::yaml);
  CHECK(yaml == yaml2);
  // and writing is a fixed point
  CHECK(sbd::write_string(sbd::read_string(yaml2, "b.yaml"), Format::yaml) == yaml2);
  CHECK(json.find("\"from\": \"Uploads\"") != std::string::npos);
}

TEST_CASE("overrides keep CloudFormation intrinsics through JSON") {
  const auto arch = sbd::read_string(R"(sbd: 1
app: demo
nodes:
  Fn:
    kind: fn
    overrides:
      Environment:
        Variables:
          STACK: !Ref AWS::StackName
          ARN: !GetAtt Other.Arn
          URL: !Sub "https://${Api}.example.com"
)");
  const std::string yaml = sbd::write_string(arch, Format::yaml);
  CHECK(yaml.find("STACK: !Ref AWS::StackName") != std::string::npos);
  const std::string json = sbd::write_string(arch, Format::json);
  CHECK(json.find("\"Fn::GetAtt\"") != std::string::npos);
  CHECK(sbd::write_string(sbd::read_string(json, "m.json"), Format::yaml) == yaml);
}

TEST_CASE("every browser-tool example imports with positions and descriptions, and round-trips") {
  const auto files = corpus_examples();
  REQUIRE(files.size() == 6);
  for (const auto& path : files) {
    INFO(path);
    std::vector<sbd::ReadNote> notes;
    const auto arch = sbd::read_file(path, {}, &notes);
    CHECK(arch.node_count() > 0);
    for (const auto& n : arch.nodes()) {
      CHECK(n.position.has_value());
      CHECK(sbd::is_valid_logical_id(n.id));
    }
    // model round trip
    const std::string yaml = sbd::write_string(arch, Format::yaml);
    const auto again = sbd::read_string(yaml, "again.yaml");
    CHECK(sbd::write_string(again, Format::yaml) == yaml);
    // the browser format round trip: same nodes, kinds, positions, edges
    const std::string exported = sbd::write_string(arch, Format::sbd_json);
    const auto back = sbd::read_string(exported, "back.json");
    REQUIRE(back.node_count() == arch.node_count());
    REQUIRE(back.edge_count() == arch.edge_count());
    for (const auto& n : arch.nodes()) {
      const auto& m = back.node(n.id);
      CHECK(m.kind == n.kind);
      CHECK(m.description == n.description);
      CHECK(*m.position == *n.position);
    }
    for (std::size_t i = 0; i < arch.edge_count(); ++i) {
      CHECK(back.edge_at(i).from == arch.edge_at(i).from);
      CHECK(back.edge_at(i).to == arch.edge_at(i).to);
      CHECK(back.edge_at(i).action == arch.edge_at(i).action);
    }
  }
}

TEST_CASE("full-app.json imports with every node, description and action") {
  const auto arch = sbd::read_file(sbd_test::corpus_dir() + "/sbd-examples/full-app.json");
  CHECK(arch.name() == "full-app");
  CHECK(arch.node_count() == 13);
  CHECK(arch.edge_count() == 15);
  CHECK(arch.node("MyStateMachine").kind == "stepFn");
  CHECK(arch.node("MyBackEnd").description == "My Back End Function");
  CHECK(arch.node("MyIdentity").position->x == -374.203125);
  CHECK(arch.out_edges("MyBackEnd").at(0)->action == "read/write");
}

TEST_CASE("ids the browser tool allows but CloudFormation refuses are renamed and reported") {
  const std::string exported = R"({"nodes": [
    {"id": "my-fn", "x": 1, "y": 2, "model": {"type": "fn", "description": "A"}},
    {"id": "myFn", "x": 3, "y": 4, "model": {"type": "fn", "description": "B"}},
    {"id": "2nd table", "x": 5, "y": 6, "model": {"type": "table", "description": ""}}
  ], "edges": [{"from": "my-fn", "to": "2nd table", "label": "write"}]})";
  std::vector<sbd::ReadNote> notes;
  const auto arch = sbd::read_string(exported, "export.json", {}, &notes);
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].message.find("renamed node 'my-fn' to 'myFn2'") != std::string::npos);
  CHECK(notes[1].message.find("'2nd table' to 'Node2ndTable'") != std::string::npos);
  CHECK(arch.find("myFn") != nullptr);
  CHECK(arch.find("myFn2") != nullptr);
  CHECK(arch.edge_at(0).from == "myFn2");
  CHECK(arch.edge_at(0).to == "Node2ndTable");
  CHECK(arch.edge_at(0).action == "write");
}

TEST_CASE("formats are detected from the content") {
  CHECK(sbd::detect_format("sbd: 1\n") == Format::yaml);
  CHECK(sbd::detect_format("{\"sbd\": 1}") == Format::json);
  CHECK(sbd::detect_format("  {\"nodes\": [], \"edges\": []}") == Format::sbd_json);
  CHECK(sbd::parse_format("sbd-json") == Format::sbd_json);
  CHECK_THROWS_AS(sbd::parse_format("xml"), Error);
}

TEST_CASE("a missing file is an I/O error naming the file") {
  try {
    sbd::read_file("/nonexistent/model.yaml");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == sbd::ErrorCode::io);
    CHECK(std::string(e.what()).find("/nonexistent/model.yaml") != std::string::npos);
  }
}
