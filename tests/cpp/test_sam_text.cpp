// The SAM engine writes its template as text node by node
// (sam_template_yaml), without the document's tree; sam_template builds the
// tree. Both must give the same document: every model here goes through
// both and the bytes (or the error) are compared.
#include <catch2/catch.hpp>

#include "test_support.hpp"

#include "emit/common/wiring.hpp"
#include "emit/sam/template.hpp"

#include <sbd/catalog.hpp>
#include <sbd/error.hpp>
#include <sbd/read.hpp>
#include <sbd/value.hpp>

#include <dirent.h>

#include <string>
#include <vector>

namespace {

// "ok:<text>" or "error:<message>", from either path.
std::string through_tree(const sbd::Architecture& arch, const sbd::EmitOptions& options = {}) {
  try {
    return "ok:" + sbd::to_yaml(sbd::detail::sam_template(arch, options));
  } catch (const sbd::Error& e) {
    return std::string("error:") + e.what();
  }
}
// (Both ways of ordering the ids: sorted by the template itself, and given
// by the engine's NodesById, as the SAM engine does; they must agree.)
std::string as_text(const sbd::Architecture& arch, const sbd::EmitOptions& options = {}) {
  try {
    const std::string text = sbd::detail::sam_template_yaml(arch, options);
    const sbd::detail::NodesById nodes(arch);
    if (sbd::detail::sam_template_yaml(arch, options, &nodes.order()) != text)
      return "error:the template differs when given the engine's id order";
    return "ok:" + text;
  } catch (const sbd::Error& e) {
    return std::string("error:") + e.what();
  }
}

std::vector<std::string> files_in(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (const dirent* e = readdir(d)) {
      const std::string name = e->d_name;
      if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        out.push_back(dir + "/" + name);
    }
    closedir(d);
  }
  return out;
}

class Random {
 public:
  explicit Random(unsigned long long seed) : seed_(seed) {}
  std::size_t operator()(std::size_t bound) {
    seed_ = seed_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((seed_ >> 33) % bound);
  }
  bool one_in(std::size_t n) { return (*this)(n) == 0; }

 private:
  unsigned long long seed_;
};

}  // namespace

TEST_CASE("the engines' id order is std::string's order of the ids, for small and big models") {
  // Ids that the 16-byte keys alone cannot order (a shared 16-byte prefix,
  // lengths around 8 and 16), digits, upper and lower case; models under and
  // over the size where the sort turns to radix (512 nodes).
  Random random(7);
  const std::string letters = "ABCXYZabcxyz";
  const std::string chars = "0129ABCXYZabcxyz";
  sbd::detail::IdOrder kept;  // one object over every model: what it keeps must not leak
  for (const std::size_t size : {1u, 2u, 40u, 511u, 512u, 3000u}) {
    sbd::Architecture arch("ids");
    while (arch.node_count() < size) {
      std::string id(1, letters[random(letters.size())]);
      const std::size_t shape = random(5);
      if (shape == 1) id += "SharedPrefix0123";  // longer than 16 with the same first bytes
      if (shape == 4) id += "SharedPrefix01";    // the same first 15 bytes
      const std::size_t length = shape == 2 ? 7 + random(3) : shape >= 3 ? 15 + random(4) : random(24);
      while (id.size() < length) id += chars[random(chars.size())];
      if (!arch.find(id)) arch.add_node(id, "queue");
    }
    const std::vector<std::string> expected = arch.sorted_ids();
    std::vector<std::string> by_index, by_node, by_copied_id, by_kept;
    sbd::detail::IdOrder fresh;  // and one that starts empty
    for (std::size_t i : fresh.of(arch)) by_index.push_back(arch.node_at(i).id);
    // NodesById: its nodes, and the ids it copied, in the same order.
    const sbd::detail::NodesById nodes(arch);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      by_node.push_back(nodes.node(i).id);
      by_copied_id.emplace_back(nodes.id(i));
    }
    for (std::size_t i : kept.of(arch)) by_kept.push_back(arch.node_at(i).id);
    INFO(size << " nodes");
    CHECK(by_index == expected);
    CHECK(by_node == expected);
    CHECK(by_copied_id == expected);
    CHECK(by_kept == expected);
    // Its ids by node index are each node's own.
    bool all_same = true;
    for (std::size_t i = 0; i < arch.node_count(); ++i) all_same = all_same && nodes.id_of(i) == arch.node_at(i).id;
    CHECK(all_same);
  }
}

TEST_CASE("the SAM template as text is the tree's YAML: fixtures and the browser tool's examples") {
  std::vector<std::string> paths = files_in(sbd_test::corpus_dir() + "/sbd-examples", ".json");
  for (const char* dir : {"sam", "models", "rules", "serverless", "starter"})
    for (const std::string& p : files_in(sbd_test::fixture(dir), ".yaml")) paths.push_back(p);
  REQUIRE(paths.size() > 20);
  int compared = 0;
  for (const std::string& path : paths) {
    sbd::Architecture arch("x");
    try {
      arch = sbd::read_file(path);
    } catch (const sbd::Error&) {
      continue;  // the fixtures of bad input
    }
    INFO(path);
    const std::string tree = through_tree(arch);
    CHECK(as_text(arch) == tree);
    compared += tree.rfind("ok:", 0) == 0;
  }
  CHECK(compared > 20);
}

TEST_CASE("the SAM template as text is the tree's YAML: random models", "[robustness]") {
  // Random models over every kind, weighted to the kinds the text writer
  // writes itself (functions, REST APIs, tables, buckets, topics, queues),
  // with random properties, edge properties, overrides, environment,
  // descriptions and deployments: whatever the writer handles or hands to
  // the tree, the bytes must be the same.
  const sbd::Catalog& catalog = sbd::Catalog::builtin();
  std::vector<std::string> kinds;
  for (const auto& k : catalog.kinds()) kinds.push_back(k.key);
  for (const char* k : {"fn", "fn", "fn", "fn", "api", "table", "bucket", "topic", "queue"}) kinds.push_back(k);
  const char* strings[] = {"",        "x",         "rate(1 minutes)", "GET /a/{id}",    "SELECT * FROM 'a/#'",
                           "nodejs22.x", "python3.13", "none",            "iam",            "arm64",
                           "id",      "sk",        "TRIM_HORIZON",    "NEW_IMAGE",      "yes",
                           "java21",  "provided.al2023", "typescript", "go", "a: b"};
  Random next(20261127);
  int ok = 0;
  for (int round = 0; round < 600; ++round) {
    sbd::Architecture arch("random");
    if (next.one_in(3)) arch.set_runtime(next.one_in(2) ? "nodejs22.x" : "python3.12");
    if (next.one_in(4)) arch.settings().description = "a: description";
    const std::size_t n = 1 + next(14);
    std::vector<std::string> fns;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string kind = kinds[next(kinds.size())];
      // Ids YAML would read as something else unquoted ("No", "True", ...)
      // are logical ids too: the text writer must quote them as the tree does.
      static const char* const kReserved[] = {"No", "Yes", "On", "Off", "True", "FALSE", "Null", "Y", "n", "NULL"};
      const std::string id = next.one_in(4) ? std::string(kReserved[next(std::size(kReserved))])
                                            : (next.one_in(2) ? "N" : "Node") + std::to_string(i);
      if (arch.find(id)) continue;
      sbd::Node& node = arch.add_node(id, kind);
      if (kind == "fn") fns.push_back(id);
      if (next.one_in(5)) node.description = next.one_in(2) ? "what it does" : "yes";
      for (const auto& p : catalog.kind(kind)->properties) {
        if (!next.one_in(3)) continue;
        if (p.type == sbd::PropertyType::integer)
          arch.set_property(id, p.name, sbd::Value(static_cast<long long>(next(5) == 0 ? 3 : 1 + next(900))));
        else if (p.type == sbd::PropertyType::boolean)
          arch.set_property(id, p.name, sbd::Value(next(2) == 1));
        else if (p.type == sbd::PropertyType::string)
          arch.set_property(id, p.name, sbd::Value(strings[next(std::size(strings))]));
      }
      if (kind == "fn" && next.one_in(4)) {
        sbd::Value env = sbd::Value::map();
        env.set("MODE", next.one_in(2) ? sbd::Value("x") : sbd::Value(3));
        if (next.one_in(2)) env.set("N0_TABLE", true);
        arch.set_property(id, "environment", env);
      }
      if (next.one_in(6)) {
        sbd::Value o = sbd::Value::map();
        const int pick = static_cast<int>(next(4));
        if (pick == 0) o.set("MemorySize", 1024);
        else if (pick == 1) o.set("Runtime", "nodejs22.x");
        else if (pick == 2) o.set("Timeout", sbd::Value());
        else {
          sbd::Value tags = sbd::Value::map();
          tags.set("team", "a");
          o.set("Tags", tags);
        }
        node.overrides = o;
      }
    }
    const std::size_t m = next(2 * arch.node_count() + 1);
    for (std::size_t j = 0; j < m; ++j) {
      const std::string a = arch.nodes()[next(arch.node_count())].id;
      const std::string b = arch.nodes()[next(arch.node_count())].id;
      const sbd::ConnectionSpec* c = catalog.connection(arch.node(a).kind, arch.node(b).kind);
      if (!c) continue;
      const std::string action = c->actions.empty() ? "" : c->actions[next(c->actions.size())];
      try {
        sbd::Edge& e = arch.connect(a, b, action);
        if (next.one_in(3)) e.properties.set("batch_size", static_cast<long long>(1 + next(20)));
        if (next.one_in(4)) e.properties.set("routes", sbd::Value::list({"GET /items", "post /items/{id}"}));
        if (next.one_in(4)) e.properties.set("prefix", "in/");
        if (next.one_in(4)) e.properties.set("events", sbd::Value::list({"s3:ObjectRemoved:*"}));
        if (next.one_in(4)) e.properties.set("maximum_concurrency", 5);
        if (next.one_in(4)) e.properties.set("starting_position", "TRIM_HORIZON");
      } catch (const sbd::Error&) {
        // an edge the model refuses (the same edge twice)
      }
    }
    if (!fns.empty() && next.one_in(8)) {
      sbd::Deployment d;
      d.type = "Canary10Percent5Minutes";
      if (next.one_in(2)) d.pre_traffic = fns[next(fns.size())];
      arch.settings().deployment = d;
    }
    const std::string tree = through_tree(arch);
    INFO("round " << round << "\n" << tree);
    REQUIRE(as_text(arch) == tree);
    ok += tree.rfind("ok:", 0) == 0;
  }
  CHECK(ok > 300);  // most models make a template
}

TEST_CASE("the SAM template as text: output ids that clash are numbered as the tree numbers them") {
  // Output ids are cut to 240 characters: "<238 A>" + "Name" and
  // "<238 A>NaX" + "Name" both become "<238 A>Na"; the second in id order is
  // numbered, whatever the model's order.
  const std::string base(238, 'A');
  for (bool reversed : {false, true}) {
    sbd::Architecture arch("clash");
    const std::string a = base, b = base + "NaX";
    arch.add_node(reversed ? b : a, "table");
    arch.add_node("Fn", "fn");
    arch.add_node(reversed ? a : b, "table");
    arch.connect("Fn", a, "read");
    const std::string tree = through_tree(arch);
    REQUIRE(tree.rfind("ok:", 0) == 0);
    CHECK(tree.find("  " + base + "Na2:\n") != std::string::npos);
    CHECK(as_text(arch) == tree);
  }
}
