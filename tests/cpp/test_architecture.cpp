// sbd::Architecture: the typed graph.
#include <catch2/catch.hpp>

#include <sbd/architecture.hpp>
#include <sbd/error.hpp>
#include <sbd/read.hpp>

#include "model/build.hpp"

#include <stdexcept>

using sbd::Architecture;
using sbd::Error;
using sbd::ErrorCode;
using sbd::Value;

namespace {

ErrorCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  FAIL("no sbd::Error thrown");
  return ErrorCode::internal;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("nodes and edges are added, found by id and iterated in insertion order") {
  Architecture arch("photo-share");
  Value props = Value::map();
  props.set("memory", 512);
  arch.add_node("Uploads", "bucket");
  arch.add_node("Resize", "fn", props);
  arch.add_node("Photos", "table");
  const auto& e1 = arch.connect("Uploads", "Resize");
  const auto& e2 = arch.connect("Resize", "Photos", "write");

  CHECK(arch.name() == "photo-share");
  CHECK(arch.node_count() == 3);
  CHECK(arch.edge_count() == 2);
  REQUIRE(arch.find("Resize") != nullptr);
  CHECK(arch.find("Resize")->kind == "fn");
  CHECK(arch.find("Nope") == nullptr);
  CHECK(arch.node("Photos").index == 2);

  std::vector<std::string> ids;
  for (const auto& n : arch.nodes()) ids.push_back(n.id);
  CHECK(ids == std::vector<std::string>{"Uploads", "Resize", "Photos"});

  CHECK(e1.action == "trigger");  // the pair's default action
  CHECK(e2.action == "write");
  auto out = arch.out_edges("Resize");
  REQUIRE(out.size() == 1);
  CHECK(out[0]->to == "Photos");
  auto in = arch.in_edges("Resize");
  REQUIRE(in.size() == 1);
  CHECK(in[0]->from == "Uploads");
  CHECK(arch.sorted_ids() == std::vector<std::string>{"Photos", "Resize", "Uploads"});
}

TEST_CASE("a logical id is ASCII letters and digits, a letter first, at most 255 bytes") {
  using sbd::is_valid_logical_id;
  // Every byte, alone and after a letter, against the rule as CloudFormation states it.
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    INFO("byte " << c);
    CHECK(is_valid_logical_id(std::string(1, ch)) == letter);
    CHECK(is_valid_logical_id(std::string("A") + ch) == (letter || digit));
    CHECK(is_valid_logical_id(std::string("Ab1") + ch + "Z9") == (letter || digit));
    for (std::size_t at = 1; at < 20; ++at) {  // at every place of ids of one to three words
      std::string id(20, 'x');
      id[at] = ch;
      CHECK(is_valid_logical_id(id) == (letter || digit));
      CHECK(is_valid_logical_id(std::string_view(id).substr(0, at + 1)) == (letter || digit));
    }
  }
  CHECK_FALSE(is_valid_logical_id(""));
  CHECK(is_valid_logical_id(std::string(255, 'a')));
  CHECK_FALSE(is_valid_logical_id(std::string(256, 'a')));
  CHECK_FALSE(is_valid_logical_id("1Fn"));
  CHECK_FALSE(is_valid_logical_id("Fn-1"));
  CHECK_FALSE(is_valid_logical_id("Fn\xc3\xa9"));  // a UTF-8 e-acute
  CHECK_FALSE(is_valid_logical_id(std::string_view("Fn\0x", 4)));
  CHECK(is_valid_logical_id("Worker1234"));
}

TEST_CASE("effective properties come from the model, else the catalog, else the app runtime") {
  Architecture arch("app");
  Value props = Value::map();
  props.set("memory", 1024);
  const auto& fn = arch.add_node("Fn", "fn", props);
  const auto& q = arch.add_node("Q", "queue");
  CHECK(arch.property(fn, "memory")->as_int() == 1024);
  CHECK(arch.property(fn, "timeout")->as_int() == 3);
  CHECK(arch.property(fn, "runtime")->as_string() == "python3.13");
  arch.set_runtime("nodejs22.x");
  CHECK(arch.property(fn, "runtime")->as_string() == "nodejs22.x");
  CHECK(arch.property(q, "visibility_timeout")->as_int() == 30);
  CHECK(arch.property(fn, "reserved_concurrency") == nullptr);
  CHECK(fn.properties.size() == 1);  // defaults are not copied into the model
  const auto& e = arch.connect("Q", "Fn");
  CHECK(arch.property(e, "batch_size")->as_int() == 10);
  CHECK(arch.connection_of(e)->invocation == sbd::Invocation::poll);
}

TEST_CASE("what the model format forbids throws sbd::Error with a clear message") {
  Architecture arch("app");
  arch.add_node("Fn", "fn");
  CHECK(code_of([&] { arch.add_node("my-fn", "fn"); }) == ErrorCode::invalid);
  CHECK(code_of([&] { arch.add_node("1Fn", "fn"); }) == ErrorCode::invalid);
  CHECK(code_of([&] { arch.add_node("", "fn"); }) == ErrorCode::invalid);
  CHECK(code_of([&] { arch.add_node(std::string(256, 'a'), "fn"); }) == ErrorCode::invalid);
  CHECK(code_of([&] { arch.add_node("Fn", "fn"); }) == ErrorCode::invalid);
  CHECK(message_of([&] { arch.add_node("Fn", "fn"); }).find("duplicate node id 'Fn'") != std::string::npos);
  CHECK(code_of([&] { arch.add_node("X", "lambda"); }) == ErrorCode::not_found);
  const std::string kinds = message_of([&] { arch.add_node("X", "lambda"); });
  CHECK(kinds.find("unknown kind 'lambda'") != std::string::npos);
  CHECK(kinds.find("fn, bucket") != std::string::npos);
  CHECK(code_of([&] { arch.connect("Fn", "Ghost"); }) == ErrorCode::not_found);
  CHECK(message_of([&] { arch.connect("Fn", "Ghost"); }).find("unknown node 'Ghost'") != std::string::npos);
  Value typo = Value::map();
  typo.set("memroy", 512);
  const std::string typo_msg = message_of([&] { arch.add_node("Y", "fn", typo); });
  CHECK(typo_msg.find("no property 'memroy'") != std::string::npos);
  CHECK(typo_msg.find("memory") != std::string::npos);
  Value wrong = Value::map();
  wrong.set("memory", "lots");
  CHECK(message_of([&] { arch.add_node("Z", "fn", wrong); }).find("must be an integer") != std::string::npos);
  CHECK(arch.find("Y") == nullptr);  // a refused node is not half-added
  CHECK(code_of([&] { Architecture bad("-app"); }) == ErrorCode::invalid);
  // A huge id is named, but cut short in the message.
  const std::string huge_msg = message_of([&] { arch.add_node(std::string(10 << 20, '-'), "fn"); });
  CHECK(huge_msg.size() < 400);
  CHECK(huge_msg.find("(10485760 bytes)") != std::string::npos);
}

TEST_CASE("edges the catalog does not allow are kept for the validator") {
  Architecture arch("app");
  arch.add_node("T", "table");
  arch.add_node("B", "bucket");
  const auto& e = arch.connect("T", "B");
  CHECK(e.action == "connect");
  CHECK(arch.connection_of(e) == nullptr);
  arch.add_node("F", "fn");
  arch.connect("F", "T", "read");
  arch.connect("F", "T", "read");  // a duplicate, reported by the validator
  CHECK(arch.edge_count() == 3);
}

TEST_CASE("removing nodes and edges keeps indexes dense and lookups right") {
  Architecture arch("app");
  arch.add_node("A", "fn");
  arch.add_node("B", "fn");
  arch.add_node("C", "table");
  arch.connect("A", "B");
  arch.connect("B", "C", "read");
  arch.connect("A", "C", "write");
  arch.remove_node("B");
  CHECK(arch.node_count() == 2);
  CHECK(arch.edge_count() == 1);
  CHECK(arch.node("C").index == 1);
  CHECK(arch.edge_at(0).from_index == 0);
  CHECK(arch.edge_at(0).to_index == 1);
  CHECK(arch.out_edges("A").size() == 1);
  arch.remove_edge(0);
  CHECK(arch.edge_count() == 0);
  CHECK(arch.out_edges("A").empty());
}

TEST_CASE("a node's kind and an edge's connection stay their own through removals and copies") {
  Architecture arch("app");
  arch.add_node("CleanupRole", "fn");
  arch.add_node("Q", "queue");
  arch.add_node("F", "fn");
  arch.add_node("T", "table");
  arch.add_node("B", "bucket");
  arch.connect("Q", "F");       // poll
  arch.connect("T", "B");       // no connection
  arch.connect("F", "T", "write");
  const auto connection_is_the_catalogs = [](const Architecture& a) {
    for (const sbd::Node& n : a.nodes()) {
      CHECK(a.kind_at(n.index).key == n.kind);
      CHECK(&a.kind_of(n) == &a.kind_at(n.index));
    }
    CHECK_THROWS_AS(a.kind_at(a.node_count()), std::out_of_range);
    // The id facts the validator reads instead of the ids.
    const std::vector<sbd::detail::IdFacts>& ids = sbd::detail::id_facts(a);
    REQUIRE(ids.size() == a.node_count());
    for (const sbd::Node& n : a.nodes()) {
      INFO(n.id);
      const auto ends = [&](const std::string& end) {
        return n.id.size() >= end.size() && n.id.compare(n.id.size() - end.size(), end.size(), end) == 0;
      };
      CHECK(ids[n.index].size == n.id.size());
      CHECK(ids[n.index].ends_role == ends("Role"));
      CHECK(ids[n.index].ends_stage == ends("Stage"));
      // And the id itself, from the block the Architecture keeps.
      CHECK(sbd::detail::node_id(a, n.index) == n.id);
    }
    for (const sbd::Edge& e : a.edges()) {
      INFO(e.from << " -> " << e.to);
      CHECK(a.connection_of(e) ==
            a.catalog().connection(a.node_at(e.from_index).kind, a.node_at(e.to_index).kind));
    }
  };
  connection_is_the_catalogs(arch);
  arch.remove_edge(0);  // the edges after it move down
  REQUIRE(arch.edge_count() == 2);
  CHECK(arch.connection_of(arch.edge_at(0)) == nullptr);
  CHECK(arch.connection_of(arch.edge_at(1)) != nullptr);
  connection_is_the_catalogs(arch);
  arch.remove_node("T");
  CHECK(arch.edge_count() == 0);
  arch.add_node("ProdStage", "queue");
  arch.remove_node("CleanupRole");  // every later node moves down
  arch.connect("Q", "F");
  arch.connect("F", "B", "write");
  connection_is_the_catalogs(arch);
  const Architecture copy = arch;
  connection_is_the_catalogs(copy);
  Architecture last_removed = arch;
  last_removed.remove_node(last_removed.node_at(last_removed.node_count() - 1).id);
  connection_is_the_catalogs(last_removed);
  connection_is_the_catalogs(arch);  // (the copy's removal left the original alone)
  // Built in bulk by a reader.
  const Architecture read = sbd::read_string(
      "sbd: 1\napp: a\nnodes:\n  Q: {kind: queue}\n  F: {kind: fn}\n  T: {kind: table}\n  ApiStage: {kind: api}\n"
      "edges:\n  - Q -> F\n  - F -> T: write\n  - T -> Q\n",
      "a.sbd.yaml");
  REQUIRE(read.edge_count() == 3);
  connection_is_the_catalogs(read);
  CHECK(read.kind_at(2).key == "table");
}

TEST_CASE("copies are independent") {
  Architecture a("app");
  a.add_node("A", "fn");
  Architecture b = a;
  b.add_node("B", "fn");
  CHECK(a.node_count() == 1);
  CHECK(b.node_count() == 2);
}
