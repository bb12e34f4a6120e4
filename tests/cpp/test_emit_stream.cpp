// Streaming emission (sbd::emit_to, FileSink) and output paths
// (FileSet::check_path): what `sbd build` relies on to write each file as it
// is produced instead of holding the whole application.
#include <catch2/catch.hpp>

#include "test_support.hpp"

#include "emit/sam/template.hpp"
#include "emit/serverless/engine.hpp"
#include "emit/yaml_pieces.hpp"

#include <sbd/emit.hpp>
#include <sbd/error.hpp>
#include <sbd/read.hpp>

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

const char* const kExamples[] = {"basic-api", "firehose", "full-app", "iot", "s3-processing", "stream-test"};

sbd::Architecture example(const std::string& name) {
  return sbd::read_file(sbd_test::corpus_dir() + "/sbd-examples/" + name + ".json");
}

// Records every file in the order given, and the paths seen twice.
class RecordingSink final : public sbd::FileSink {
 public:
  void add(const std::string& path, std::string content) override {
    order.push_back(path);
    if (!files.emplace(path, std::move(content)).second) twice.push_back(path);
  }
  std::vector<std::string> order;
  std::map<std::string, std::string> files;
  std::vector<std::string> twice;
};

// Gives up after `limit` files.
class FailingSink final : public sbd::FileSink {
 public:
  explicit FailingSink(std::size_t limit) : limit_(limit) {}
  void add(const std::string&, std::string) override {
    if (++count == limit_) throw std::runtime_error("disk full");
  }
  std::size_t count = 0;

 private:
  std::size_t limit_;
};

std::string refusal(const std::string& path) {
  try {
    sbd::FileSet::check_path(path);
  } catch (const sbd::Error& e) {
    CHECK(e.code() == sbd::ErrorCode::argument);
    return e.message();
  }
  return "";
}

}  // namespace

TEST_CASE("emit_to hands over the files of emit, each once, with the same bytes") {
  for (const char* engine : {"sam", "serverless"}) {
    for (const char* ex : kExamples) {
      INFO(engine << " " << ex);
      const sbd::Architecture arch = example(ex);
      RecordingSink sink;
      sbd::emit_to(arch, engine, sink);
      CHECK(sink.twice.empty());
      const sbd::FileSet set = sbd::emit(arch, engine);
      CHECK(sink.files == set.files());
      CHECK(sink.order.size() == set.size());
      for (const std::string& path : sink.order) CHECK(refusal(path).empty());
      // The same order every time (the writer's output does not depend on it,
      // but its error messages name the first conflicting file).
      RecordingSink again;
      sbd::emit_to(example(ex), engine, again);
      CHECK(again.order == sink.order);
    }
  }
}

TEST_CASE("emit_to streams every runtime's starter code without repeating a path") {
  const sbd::Architecture arch = example("full-app");
  std::vector<std::string> runtimes;
  for (const auto& r : arch.catalog().runtimes())
    if (r.starter_code) runtimes.push_back(r.name);
  REQUIRE(runtimes.size() >= 5);
  for (const std::string& runtime : runtimes) {
    for (const char* engine : {"sam", "serverless"}) {
      INFO(engine << " " << runtime);
      sbd::EmitOptions options;
      options.runtime = runtime;
      RecordingSink sink;
      sbd::emit_to(arch, engine, sink, options);
      CHECK(sink.twice.empty());
      CHECK(sink.files == sbd::emit(arch, engine, options).files());
    }
  }
}

TEST_CASE("the streamed SAM README names a sample event that the stream delivered") {
  const sbd::Architecture arch = example("s3-processing");
  RecordingSink sink;
  sbd::emit_to(arch, "sam", sink);
  const std::string& readme = sink.files.at("README.md");
  std::size_t named = 0;
  for (const sbd::Node& n : arch.nodes()) {
    if (n.kind != "fn") continue;
    const std::string line = "sam local invoke " + n.id + " --event ";
    const auto at = readme.find(line);
    REQUIRE(at != std::string::npos);
    const std::string event = readme.substr(at + line.size(), readme.find('\n', at) - at - line.size());
    INFO(event);
    CHECK(event.rfind("src/" + n.id + "/events/", 0) == 0);
    CHECK(sink.files.count(event) == 1);
    // The first sample of that function in path order.
    const auto first = sink.files.lower_bound("src/" + n.id + "/events/");
    CHECK(first->first == event);
    ++named;
  }
  CHECK(named > 0);
  CHECK(readme.find("<FunctionId>") == std::string::npos);
}

TEST_CASE("a sink that throws stops emit_to with its exception") {
  const sbd::Architecture arch = example("full-app");
  FailingSink sink(3);
  CHECK_THROWS_WITH(sbd::emit_to(arch, "sam", sink), "disk full");
  CHECK(sink.count == 3);
}

TEST_CASE("emit_to refuses an unknown engine like emit, naming the known ones") {
  RecordingSink sink;
  try {
    sbd::emit_to(example("basic-api"), "cdk", sink);
    FAIL("no error");
  } catch (const sbd::Error& e) {
    CHECK(e.code() == sbd::ErrorCode::not_found);
    CHECK(e.message().find("sam") != std::string::npos);
  }
  CHECK(sink.order.empty());
}

TEST_CASE("an engine that only implements emit streams through the default emit_to") {
  class TwoFiles final : public sbd::Engine {
   public:
    std::string name() const override { return "two"; }
    std::string summary() const override { return "two files"; }
    sbd::FileSet emit(const sbd::Architecture&, const sbd::EmitOptions&) const override {
      sbd::FileSet out;
      out.add("b/x.txt", "x");
      out.add("a.txt", "a");
      return out;
    }
  };
  RecordingSink sink;
  TwoFiles().emit_to(example("basic-api"), {}, sink);
  CHECK(sink.order == std::vector<std::string>{"a.txt", "b/x.txt"});
  CHECK(sink.files.at("b/x.txt") == "x");
}

TEST_CASE("a FileSet is a sink that keeps every file, sorted, the last content winning") {
  sbd::FileSet set;
  sbd::FileSink& sink = set;
  sink.add("src/B/app.py", "b");
  sink.add("README.md", "first");
  sink.add("README.md", "second");
  CHECK(set.size() == 2);
  CHECK(set.begin()->first == "README.md");
  CHECK(set.at("README.md") == "second");
  CHECK_THROWS_AS(sink.add("../escape", "x"), sbd::Error);
}

TEST_CASE("output paths: safe relative paths pass, anything else is refused with the reason") {
  for (const char* ok : {"template.yaml", "src/Resize/app.py", "src/Fn/events/s3.json", ".gitignore", "a/.b/c",
                         "CONSOLE/x", "src/COM10/x", "x.CON", "LPT0", "nul_/x", "...x"}) {
    INFO(ok);
    CHECK(refusal(ok).empty());
  }
  const std::pair<std::string, const char*> bad[] = {
      {"", "empty"},
      {std::string(1025, 'a'), "longer than 1024 characters"},
      {"/etc/passwd", "absolute"},
      {"C:x", "a drive letter"},
      {"src\\x", "a backslash"},
      {"src/a\nb", "a control character"},
      {"src/a\x7f", "a control character"},
      {"src//x", "an empty component"},
      {"src/", "an empty component"},
      {"src/./x", "a '.' or '..' component"},
      {"..", "a '.' or '..' component"},
      {"src/" + std::string(256, 'a'), "a component longer than 255 characters"},
      {"src/CON/app.py", "a reserved device name"},
      {"src/nul.txt", "a reserved device name"},
      {"lpt9", "a reserved device name"},
      {"Com1.tar.gz", "a reserved device name"},
      {"src/x. /y", "a component ending in a space or '.'"},
      {"src/x.", "a component ending in a space or '.'"},
      {"src/x ", "a component ending in a space or '.'"},
      // The first problem is named: characters before components.
      {"a//b\\c", "a backslash"},
  };
  for (const auto& [path, why] : bad) {
    INFO(path);
    // (The message shows control characters escaped.)
    const std::string message = refusal(path);
    const std::string reason = std::string("': ") + why;
    CHECK(message.rfind("unsafe output path '", 0) == 0);
    CHECK(message.size() > reason.size());
    CHECK(message.compare(message.size() - reason.size(), reason.size(), reason) == 0);
  }
}

TEST_CASE("a document written in pieces while consumed is to_yaml's text, byte for byte") {
  std::vector<std::pair<std::string, sbd::Value>> docs;
  for (const char* ex : kExamples) {
    const sbd::Architecture arch = example(ex);
    docs.emplace_back(std::string("sam ") + ex, sbd::detail::sam_template(arch, {}));
    docs.emplace_back(std::string("serverless ") + ex, sbd::detail::serverless_config(arch, {}));
  }
  // Keys that need quoting, tags, nested big maps, empty maps and lists.
  sbd::Value odd = sbd::Value::map();
  sbd::Value inner = sbd::Value::map();
  for (int i = 0; i < 7; ++i) inner.set("k: " + std::to_string(i), sbd::Value::tagged("!Ref", "X" + std::to_string(i)));
  inner.set("empty", sbd::Value::map());
  inner.set("list", sbd::Value::list({1, "two\nlines", sbd::Value::map()}));
  sbd::Value outer = sbd::Value::map();
  outer.set("'quoted'", inner);
  outer.set("tagged", sbd::Value::tagged("!If", inner));
  odd.set("first", 1);
  odd.set("outer", outer);
  odd.set("last", "x");
  docs.emplace_back("odd", odd);
  for (const auto& [name, doc] : docs) {
    const std::string whole = sbd::to_yaml(doc);
    for (std::size_t chunk : {1, 2, 3, 5, 512}) {
      INFO(name << ", chunks of " << chunk);
      CHECK(sbd::detail::to_yaml_consuming(doc, chunk) == whole);
    }
  }
  CHECK(sbd::detail::to_yaml_consuming(sbd::Value("scalar")) == sbd::to_yaml(sbd::Value("scalar")));
  CHECK(sbd::detail::to_yaml_consuming(sbd::Value::map()) == sbd::to_yaml(sbd::Value::map()));
}
