// The embedded catalog against the contract, ../shared/spec/CATALOG.md: every
// kind and every connection, with its actions (default first) and invocation.
#include <catch2/catch.hpp>

#include <sbd/catalog.hpp>
#include <sbd/error.hpp>
#include <sbd/read.hpp>

#include "read/parse.hpp"
#include "test_support.hpp"

#include <sstream>

namespace {

std::string spec_text() {
  const std::string text = sbd_test::slurp(sbd_test::corpus_dir() + "/../spec/CATALOG.md");
  REQUIRE(!text.empty());
  return text;
}

std::vector<std::string> split_cells(const std::string& row) {
  std::vector<std::string> cells;
  std::string cur;
  for (std::size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '|') {
      cells.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(row[i]);
    }
  }
  return cells;
}

// The non-empty `spans` of a cell, left to right. (Scanned by hand: GCC 12's
// std::regex warns under the sanitizers.)
std::vector<std::string> backticked(const std::string& cell) {
  std::vector<std::string> out;
  std::size_t at = cell.find('`');
  while (at != std::string::npos) {
    const std::size_t close = cell.find('`', at + 1);
    if (close == std::string::npos) break;
    if (close == at + 1) {  // an empty pair: the second one may open a span
      at = close;
      continue;
    }
    out.push_back(cell.substr(at + 1, close - at - 1));
    at = cell.find('`', close + 1);
  }
  return out;
}

// The property names of a spec cell: each `name` (lower case and '_') at the
// start of the cell or right after ", ".
std::vector<std::string> property_names(const std::string& cell) {
  std::vector<std::string> out;
  for (std::size_t at = cell.find('`'); at != std::string::npos; at = cell.find('`', at + 1)) {
    if (at != 0 && (at < 2 || cell.compare(at - 2, 2, ", ") != 0)) continue;
    std::size_t end = at + 1;
    while (end < cell.size() && ((cell[end] >= 'a' && cell[end] <= 'z') || cell[end] == '_')) ++end;
    if (end > at + 1 && end < cell.size() && cell[end] == '`') out.push_back(cell.substr(at + 1, end - at - 1));
  }
  return out;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.front() == ' ')) s.erase(0, 1);
  while (!s.empty() && (s.back() == ' ')) s.pop_back();
  return s;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) out.push_back(trim(item));
  return out;
}

}  // namespace

TEST_CASE("every kind of CATALOG.md is in the catalog with its properties") {
  const sbd::Catalog& c = sbd::Catalog::builtin();
  std::istringstream in(spec_text());
  std::string line;
  bool in_kinds = false;
  int rows = 0, properties = 0;
  while (std::getline(in, line)) {
    if (line.rfind("## Kinds", 0) == 0) in_kinds = true;
    if (line.rfind("## Connections", 0) == 0) in_kinds = false;
    if (!in_kinds || line.rfind("| `", 0) != 0) continue;
    const auto cells = split_cells(line);
    REQUIRE(cells.size() >= 4);
    const auto key = backticked(cells[0]).at(0);
    INFO("kind " << key);
    const sbd::KindSpec* kind = c.kind(key);
    REQUIRE(kind != nullptr);
    ++rows;
    // Every property the spec names (the first backticked word of each
    // "`name` (default)" group, before any '|') exists.
    for (const std::string& name : property_names(trim(cells[3]))) {
      INFO("property " << name);
      CHECK(kind->property(name) != nullptr);
      ++properties;
    }
  }
  CHECK(rows == 19);
  CHECK(properties >= rows);  // the spec names more properties than kinds: the cells were read
  CHECK(c.kinds().size() >= 19);
  // The fourteen keys of the browser tool.
  for (const char* k : {"api", "cognitoIdentity", "table", "analyticsStream", "deliveryStream", "stream", "iotRule",
                        "fn", "bucket", "schedule", "topic", "queue", "stepFn", "eventBus"})
    CHECK(c.kind(k) != nullptr);
}

TEST_CASE("every connection of CATALOG.md is in the catalog with its actions and invocation") {
  const sbd::Catalog& c = sbd::Catalog::builtin();
  std::istringstream in(spec_text());
  std::string line;
  bool in_conns = false;
  std::size_t pairs = 0;
  while (std::getline(in, line)) {
    if (line.rfind("## Connections", 0) == 0) in_conns = true;
    if (line.rfind("## Runtimes", 0) == 0) in_conns = false;
    if (!in_conns || line.rfind("| ", 0) != 0 || line.find("→") == std::string::npos || line.find("from → to") != std::string::npos)
      continue;
    const auto cells = split_cells(line);
    REQUIRE(cells.size() >= 4);
    const std::string pair = trim(cells[0]);
    const auto arrow = pair.find("→");
    const std::string from = trim(pair.substr(0, arrow));
    const auto actions = backticked(cells[1]);
    const std::string invocation = trim(cells[2]);
    for (const std::string& to : split_list(pair.substr(arrow + std::string("→").size()))) {
      INFO(from << " -> " << to);
      const sbd::ConnectionSpec* spec = c.connection(from, to);
      REQUIRE(spec != nullptr);
      ++pairs;
      CHECK(spec->actions == actions);
      CHECK(std::string(sbd::invocation_name(spec->invocation)) == invocation);
    }
  }
  CHECK(pairs == c.connections().size());
  CHECK(pairs == 42);
}

TEST_CASE("the runtimes table has the supported and the deprecated runtimes with dates") {
  const sbd::Catalog& c = sbd::Catalog::builtin();
  for (const char* r : {"python3.14", "python3.13", "python3.12", "nodejs24.x", "nodejs22.x", "java21", "provided.al2023"}) {
    INFO(r);
    REQUIRE(c.runtime(r) != nullptr);
    CHECK(c.runtime(r)->starter_code);
  }
  CHECK(c.runtime("nodejs18.x")->deprecated == "2025-09-01");
  CHECK(c.runtime("python3.9")->deprecated == "2025-12-15");
  CHECK(c.runtime("nodejs20.x")->deprecated.rfind("2026", 0) == 0);
  CHECK(c.runtime("provided.al2023023") == nullptr);
}

TEST_CASE("a user catalog file adds kinds, properties and connections") {
  const sbd::Catalog extra = sbd::Catalog::parse(R"(
kinds:
  cache: {name: ElastiCache, category: storage, sam: AWS::ElastiCache::ServerlessCache,
          properties: {engine: {type: string, default: valkey, choices: [valkey, redis]}}}
  fn:
    properties:
      tracing: {type: boolean, default: true}
connections:
  - {from: fn, to: cache, actions: [read/write, read], invocation: none}
  - {from: fn, to: table, actions: [scan]}
)", "extra.yaml");
  sbd::Catalog c = sbd::Catalog::builtin();
  c.extend(extra);
  REQUIRE(c.kind("cache") != nullptr);
  CHECK(c.kind("cache")->property("engine")->default_value.as_string() == "valkey");
  CHECK(c.kind("fn")->property("tracing") != nullptr);
  CHECK(c.kind("fn")->property("memory") != nullptr);  // kept
  CHECK(c.connection("fn", "cache")->default_action() == "read/write");
  CHECK(c.connection("fn", "table")->default_action() == "read/write");  // default kept
  CHECK(c.connection("fn", "table")->allows("scan"));
  CHECK(sbd::Catalog::builtin().kind("cache") == nullptr);  // the built-in one is untouched

  // An architecture with the extended catalog uses the new kind.
  sbd::ReadOptions o;
  o.catalog = std::make_shared<sbd::Catalog>(c);
  const auto arch = sbd::read_string("sbd: 1\napp: x\nnodes:\n  C: {kind: cache}\n  F: {kind: fn}\nedges: [F -> C]\n", "m.yaml", o);
  CHECK(arch.edge_at(0).action == "read/write");
}

TEST_CASE("a bad catalog file is a parse error with its position") {
  try {
    sbd::Catalog::parse("kinds:\n  x: {properties: {p: {type: integr}}}\n", "bad.yaml");
    FAIL("no error");
  } catch (const sbd::Error& e) {
    CHECK(e.code() == sbd::ErrorCode::parse);
    CHECK(std::string(e.what()).rfind("bad.yaml:2:", 0) == 0);
    CHECK(std::string(e.what()).find("unknown property type 'integr'") != std::string::npos);
  }
}

TEST_CASE("the JSON form lists kinds with key and properties, connections with from, to, actions, invocation") {
  const sbd::Catalog& c = sbd::Catalog::builtin();
  const sbd::Value doc = sbd::detail::parse_json(c.to_json(), "catalog.json");
  const sbd::Value& kinds = *doc.find("kinds");
  REQUIRE(kinds.size() == c.kinds().size());
  const sbd::Value& fn = kinds.items().at(9);
  CHECK(fn.find("key")->as_string() == "fn");
  bool has_memory = false;
  for (const auto& p : fn.find("properties")->items())
    if (p.find("name")->as_string() == "memory") {
      has_memory = true;
      CHECK(p.find("default")->as_int() == 128);
      CHECK(p.find("min")->as_int() == 128);
      CHECK(p.find("max")->as_int() == 10240);
    }
  CHECK(has_memory);
  const sbd::Value& conns = *doc.find("connections");
  REQUIRE(conns.size() == c.connections().size());
  const sbd::Value& first = conns.items().at(0);
  CHECK(first.find("from")->as_string() == "bucket");
  CHECK(first.find("to")->as_string() == "fn");
  CHECK(first.find("actions")->items().at(0).as_string() == "trigger");
  CHECK(first.find("invocation")->as_string() == "async");
}
