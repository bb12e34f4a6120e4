// Starter code: what each function's folder holds, per language, and that the
// generated unit tests pass as generated (Python and JavaScript here, where
// the tools are fast; tests/python/test_starter_code.py runs every language).
#include <catch2/catch.hpp>

#include "emit/starter/starter.hpp"
#include "test_support.hpp"

#include <sbd/error.hpp>
#include <sbd/read.hpp>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using sbd::detail::emit_starter_code;
using sbd::detail::starter_info;

namespace {

sbd::Architecture model() { return sbd::read_file(sbd_test::fixture("starter/all_sources.yaml")); }

sbd::FileSet emit_fn(const sbd::Architecture& arch, const std::string& id, const std::string& runtime = "") {
  sbd::FileSet out;
  sbd::EmitOptions options;
  options.runtime = runtime;
  emit_starter_code(arch, arch.node(id), options, out);
  return out;
}

std::set<std::string> paths(const sbd::FileSet& files) {
  std::set<std::string> out;
  for (const auto& f : files) out.insert(f.first);
  return out;
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// Writes the files below a fresh folder of the build tree; returns it.
fs::path write_out(const sbd::FileSet& files, const std::string& name) {
  const fs::path root = fs::path(SBD_BINARY_DIR) / "starter_out" / name;
  fs::remove_all(root);
  for (const auto& f : files) {
    const fs::path p = root / f.first;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << f.second;
  }
  return root;
}

bool have(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

}  // namespace

TEST_CASE("starter_info gives code location, handler, runtime and build metadata per language", "[starter]") {
  sbd::Architecture arch = model();
  const sbd::Node& worker = arch.node("Worker");

  auto py = starter_info(arch, worker, {});
  CHECK(py.code_uri == "src/Worker/");
  CHECK(py.handler == "app.handler");
  CHECK(py.runtime == "python3.13");
  CHECK(py.language == "python");
  CHECK(py.metadata.is_null());
  CHECK(py.reports_batch_item_failures);

  sbd::EmitOptions node;
  node.runtime = "nodejs22.x";
  auto js = starter_info(arch, worker, node);
  CHECK(js.runtime == "nodejs22.x");
  CHECK(js.language == "javascript");
  CHECK(js.handler == "app.handler");
  CHECK(js.metadata.is_null());

  arch.set_property("Worker", "language", "typescript");
  auto ts = starter_info(arch, arch.node("Worker"), node);
  CHECK(ts.language == "typescript");
  REQUIRE(ts.metadata.is_map());
  CHECK(ts.metadata.find("BuildMethod")->as_string() == "esbuild");
  const sbd::Value* entry = ts.metadata.find("BuildProperties")->find("EntryPoints");
  REQUIRE(entry);
  CHECK((*entry)[0].as_string() == "app.ts");

  arch.set_property("Worker", "runtime", "provided.al2023");
  arch.set_property("Worker", "language", "go");
  auto go = starter_info(arch, arch.node("Worker"), node);  // the function's own runtime wins
  CHECK(go.runtime == "provided.al2023");
  CHECK(go.language == "go");
  CHECK(go.handler == "bootstrap");
  CHECK(go.metadata.find("BuildMethod")->as_string() == "go1.x");

  sbd::EmitOptions java;
  java.runtime = "java21";
  auto jv = starter_info(arch, arch.node("Callee"), java);
  CHECK(jv.language == "java");
  CHECK(jv.handler == "starter.Handler::handleRequest");

  arch.set_property("Callee", "handler", "custom.main");
  CHECK(starter_info(arch, arch.node("Callee"), java).handler == "custom.main");
}

TEST_CASE("Python starter code: an adapter per wired source, business functions, helpers per edge", "[starter]") {
  const sbd::Architecture arch = model();
  const sbd::FileSet files = emit_fn(arch, "Worker");
  const std::set<std::string> expected = {
      "src/Worker/app.py",
      "src/Worker/events.py",
      "src/Worker/logic.py",
      "src/Worker/resources.py",
      "src/Worker/test_app.py",
      "src/Worker/requirements.txt",
      "src/Worker/events/s3.json",
      "src/Worker/events/sqs.json",
      "src/Worker/events/sns.json",
      "src/Worker/events/dynamodb.json",
      "src/Worker/events/kinesis.json",
      "src/Worker/events/firehose.json",
      "src/Worker/events/api.json",
      "src/Worker/events/http_api.json",
      "src/Worker/events/schedule.json",
      "src/Worker/events/eventbridge.json",
      "src/Worker/events/iot.json",
  };
  CHECK(paths(files) == expected);

  const std::string& app = files.at("src/Worker/app.py");
  for (const char* source : {"\"s3\"", "\"sqs\"", "\"sns\"", "\"dynamodb\"", "\"kinesis\"", "\"firehose\"", "\"api\"",
                             "\"http_api\"", "\"schedule\"", "\"eventbridge\""})
    CHECK(contains(app, std::string("if source == ") + source));
  CHECK(contains(app, "logic.on_iot_message(event)"));
  CHECK_FALSE(contains(app, "logic.on_invoke"));

  const std::string& logic = files.at("src/Worker/logic.py");
  CHECK(contains(logic, "def handle_request("));  // once for both APIs
  CHECK(logic.find("def handle_request(") == logic.rfind("def handle_request("));

  const std::string& res = files.at("src/Worker/resources.py");
  for (const char* helper :
       {"def get_photos_item(", "def put_photos_item(", "def get_archive_object(", "def put_archive_object(",
        "def send_outbox_message(", "def publish_notices(", "def put_events_record(", "def put_audit_record(",
        "def put_app_bus_event(", "def invoke_callee(", "def start_report_flow_execution(", "def call_partner_api(",
        "def get_db_password_secret(", "def get_config_parameter("})
    CHECK(contains(res, helper));
  for (const char* env : {"PHOTOS_TABLE", "ARCHIVE_BUCKET", "OUTBOX_QUEUE_URL", "NOTICES_TOPIC_ARN", "EVENTS_STREAM",
                          "AUDIT_DELIVERY_STREAM", "APP_BUS_EVENT_BUS", "CALLEE_FUNCTION",
                          "REPORT_FLOW_STATE_MACHINE_ARN", "PARTNER_API_URL", "DB_PASSWORD_SECRET_ARN",
                          "CONFIG_PARAMETER"})
    CHECK(contains(res, std::string("os.environ[\"") + env + "\"]"));
  // Clients are made on first use: importing needs no credentials.
  CHECK_FALSE(contains(res, "\nimport boto3"));

  // The sample events name the model's sources.
  CHECK(contains(files.at("src/Worker/events/sqs.json"), "arn:aws:sqs:us-east-1:123456789012:jobs"));
}

TEST_CASE("read-only and write-only edges get only the matching helpers", "[starter]") {
  const sbd::Architecture arch = model();
  const sbd::FileSet files = emit_fn(arch, "Callee");
  const std::string& res = files.at("src/Callee/resources.py");
  CHECK(contains(res, "def get_photos_item("));
  CHECK_FALSE(contains(res, "def put_photos_item("));
  CHECK(contains(res, "def put_archive_object("));
  CHECK_FALSE(contains(res, "def get_archive_object("));
  // Invoked by a function and by a state machine: one direct-invocation path.
  CHECK(files.contains("src/Callee/events/invoke.json"));
  CHECK_FALSE(files.contains("src/Callee/events/iot.json"));
  CHECK(contains(files.at("src/Callee/app.py"), "logic.on_invoke(event)"));
}

TEST_CASE("IoT messages and direct invocations share one path when both reach a function", "[starter]") {
  sbd::Architecture arch("iot-and-invoke");
  arch.add_node("Rule", "iotRule");
  arch.add_node("Caller", "fn");
  arch.add_node("Target", "fn");
  arch.connect("Rule", "Target");
  arch.connect("Caller", "Target");
  const sbd::FileSet files = emit_fn(arch, "Target");
  CHECK(files.contains("src/Target/events/invoke.json"));
  CHECK_FALSE(files.contains("src/Target/events/iot.json"));
  CHECK(contains(files.at("src/Target/logic.py"), "or IoT rule Rule"));
}

TEST_CASE("a function without triggers is invoked directly", "[starter]") {
  sbd::Architecture arch("lonely");
  arch.add_node("Alone", "fn");
  const sbd::FileSet files = emit_fn(arch, "Alone");
  CHECK(files.contains("src/Alone/events/invoke.json"));
  CHECK(contains(files.at("src/Alone/logic.py"), "def on_invoke("));
  CHECK(contains(files.at("src/Alone/logic.py"), "Outgoing connections (helpers in resources.py):\n- none\n\"\"\""));
}

TEST_CASE("helper names stay distinct when ids differ only in case", "[starter]") {
  sbd::Architecture arch("names");
  arch.add_node("F", "fn");
  arch.add_node("MyAPI", "table");
  arch.add_node("MyApi", "table");
  arch.connect("F", "MyAPI", "write");
  arch.connect("F", "MyApi", "write");
  const std::string res = emit_fn(arch, "F").at("src/F/resources.py");
  CHECK(contains(res, "def put_my_api_item("));
  CHECK(contains(res, "def put_my_api_2_item("));
  const std::string js = emit_fn(arch, "F", "nodejs22.x").at("src/F/resources.mjs");
  CHECK(contains(js, "export async function putMyAPIItem("));
  CHECK(contains(js, "export async function putMyApiItem("));
}

TEST_CASE("a function's code carries the parsers of its own sources and the helpers of its own edges", "[starter]") {
  sbd::Architecture arch("partial");
  arch.add_node("Jobs", "queue");
  arch.add_node("Notices", "topic");
  arch.add_node("Worker", "fn");
  arch.add_node("Alone", "fn");
  arch.connect("Jobs", "Worker");
  arch.connect("Worker", "Notices");
  struct Case {
    const char* language;
    const char* runtime;
    const char* events;     // the events file
    const char* resources;  // the helpers file
    const char* queue_parser;
    std::vector<const char*> absent;  // parsers and helpers of other sources and services
  };
  const Case cases[] = {
      {"python", "python3.13", "events.py", "resources.py", "def queue_messages(",
       {"def s3_objects(", "def notifications(", "def table_changes(", "def from_dynamodb(", "def api_request(",
        "def firehose_response(", "def bus_event(", "def schedule_tick(", "def _bytes(", "urlopen", "unquote_plus"}},
      {"javascript", "nodejs22.x", "events.mjs", "resources.mjs", "export function queueMessages(",
       {"s3Objects", "tableChanges", "fromDynamo", "apiRequest", "firehoseResponse", "busEvent", "scheduleTick",
        "const bytes", "fetchImpl", "DynamoDBClient", "void ["}},
      {"typescript", "nodejs22.x", "events.ts", "resources.ts", "export function queueMessages(",
       {"s3Objects", "tableChanges", "fromDynamo", "apiRequest", "firehoseResponse", "busEvent", "scheduleTick",
        "const bytes", "fetchImpl", "DynamoDBClient", "void ["}},
      {"go", "provided.al2023", "events.go", "resources.go", "func QueueMessages(",
       {"S3Objects", "TableChanges", "fromDynamo", "APIRequest", "FirehoseResponse", "ReadBusEvent", "ReadTick",
        "func toBytes(", "\"net/url\"", "var _ ="}},
      {"java", "java21", "src/main/java/starter/Events.java", "src/main/java/starter/Resources.java",
       "queueMessages(Map", {"s3Objects", "tableChanges", "fromDynamo", "apiRequest", "firehoseResponse", "busEvent",
                             "scheduleTick", "static byte[] bytes(", "URLDecoder"}},
  };
  for (const Case& c : cases) {
    INFO(c.language);
    arch.set_property("Worker", "language", c.language);
    arch.set_property("Alone", "language", c.language);
    const sbd::FileSet files = emit_fn(arch, "Worker", c.runtime);
    const std::string& events = files.at(std::string("src/Worker/") + c.events);
    const std::string& resources = files.at(std::string("src/Worker/") + c.resources);
    CHECK(contains(events, c.queue_parser));
    CHECK(contains(resources, "Notices"));
    for (const char* what : c.absent) {
      INFO(what);
      CHECK_FALSE(contains(events + resources, what));
    }
    // No outgoing connection: no helpers file at all.
    const sbd::FileSet alone = emit_fn(arch, "Alone", c.runtime);
    CHECK_FALSE(alone.contains(std::string("src/Alone/") + c.resources));
    CHECK_FALSE(contains(alone.at(std::string("src/Alone/") + c.events), c.queue_parser));
  }
}

TEST_CASE("starter code is deterministic", "[starter]") {
  sbd::Architecture arch = model();
  const std::pair<const char*, const char*> langs[] = {
      {"python", "python3.13"}, {"javascript", "nodejs22.x"}, {"typescript", "nodejs24.x"},
      {"go", "provided.al2023"}, {"java", "java21"}};
  // A {{name}} left in: "{{", letters or '_', "}}". (Scanned by hand: GCC
  // 12's std::regex warns under the sanitizers.)
  const auto has_placeholder = [](const std::string& text) {
    for (std::size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 1)) {
      std::size_t end = at + 2;
      while (end < text.size() && (std::isalpha(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
      if (end > at + 2 && text.compare(end, 2, "}}") == 0) return true;
    }
    return false;
  };
  REQUIRE(has_placeholder("x = {{table_name}}\n"));  // the check itself sees one
  REQUIRE_FALSE(has_placeholder("{ {a}} {{}} {{a-b}}"));
  for (const auto& [lang, runtime] : langs) {
    arch.set_property("Worker", "language", lang);
    const sbd::FileSet a = emit_fn(arch, "Worker", runtime);
    const sbd::FileSet b = emit_fn(sbd::Architecture(arch), "Worker", runtime);
    CHECK(a.files() == b.files());
    CHECK(a.size() > 10);
    for (const auto& f : a) {
      INFO(f.first);
      CHECK_FALSE(has_placeholder(f.second));  // every {{name}} was replaced
      CHECK(f.second.back() == '\n');
    }
  }
}

TEST_CASE("a function's code does not depend on the functions written before it", "[starter]") {
  // Templates are planned once per set of tags and per thread, in caches
  // emptied past a size: 512 functions of distinct shapes (each subset of
  // nine sources, and connections by bit) overflow them. Each function's
  // files must be the same written after all the others, again, or first in
  // a fresh thread.
  sbd::Architecture arch("shapes");
  const char* const sources[] = {"bucket", "queue", "topic", "table", "stream", "api", "httpApi", "schedule", "eventBus"};
  for (const char* kind : sources) arch.add_node(std::string("Src") + kind, kind);
  arch.add_node("Photos", "table");
  arch.add_node("Outbox", "queue");
  arch.add_node("Notices", "topic");
  for (int i = 0; i < 512; ++i) {
    const std::string fn = "Fn" + std::to_string(i);
    arch.add_node(fn, "fn");
    for (int b = 0; b < 9; ++b)
      if (i & (1 << b)) arch.connect(std::string("Src") + sources[b], fn);
    if (i % 3 == 0) arch.connect(fn, "Photos", i % 2 ? "read" : "write");
    if (i % 5 == 0) arch.connect(fn, "Outbox");
    if (i % 7 == 0) arch.connect(fn, "Notices");
  }
  for (const char* runtime : {"python3.13", "provided.al2023"}) {
    INFO(runtime);
    sbd::EmitOptions options;
    options.runtime = runtime;
    const auto emit_all = [&] {
      sbd::FileSet out;
      for (int i = 0; i < 512; ++i) emit_starter_code(arch, arch.node("Fn" + std::to_string(i)), options, out);
      return out;
    };
    const sbd::FileSet first = emit_all();
    CHECK(first.files() == emit_all().files());
    for (int i : {0, 1, 255, 300, 511}) {
      INFO(i);
      const std::string fn = "Fn" + std::to_string(i);
      sbd::FileSet fresh;
      std::thread([&] { emit_starter_code(arch, arch.node(fn), options, fresh); }).join();
      CHECK(fresh.size() > 3);
      for (const auto& [path, content] : fresh) {
        INFO(path);
        REQUIRE(first.contains(path));
        CHECK(first.at(path) == content);
      }
    }
  }
}

TEST_CASE("a runtime without starter code gets a README, a non-function an error", "[starter]") {
  sbd::Architecture arch("ruby-app");
  arch.add_node("Legacy", "fn", [] {
    sbd::Value v = sbd::Value::map();
    v.set("runtime", "ruby3.4");
    return v;
  }());
  arch.add_node("Box", "bucket");
  const sbd::FileSet files = emit_fn(arch, "Legacy");
  CHECK(paths(files) == std::set<std::string>{"src/Legacy/README.md"});
  CHECK(contains(files.at("src/Legacy/README.md"), "ruby3.4"));
  CHECK(starter_info(arch, arch.node("Legacy"), {}).language.empty());
  sbd::FileSet out;
  CHECK_THROWS_AS(emit_starter_code(arch, arch.node("Box"), {}, out), sbd::Error);
}

TEST_CASE("each language writes its manifest and test", "[starter]") {
  sbd::Architecture arch = model();
  CHECK(emit_fn(arch, "Worker", "nodejs24.x").contains("src/Worker/package.json"));
  CHECK(contains(emit_fn(arch, "Worker", "nodejs24.x").at("src/Worker/package.json"), "\"type\": \"module\""));
  CHECK(emit_fn(arch, "Worker", "java21").contains("src/Worker/pom.xml"));
  CHECK(emit_fn(arch, "Worker", "java21").contains("src/Worker/src/test/java/starter/HandlerTest.java"));
  arch.set_property("Worker", "language", "go");
  CHECK(emit_fn(arch, "Worker", "provided.al2023").contains("src/Worker/go.mod"));
  CHECK(emit_fn(arch, "Worker", "provided.al2023").contains("src/Worker/main_test.go"));
  arch.set_property("Worker", "language", "typescript");
  CHECK(emit_fn(arch, "Worker", "nodejs22.x").contains("src/Worker/app.test.ts"));
}

TEST_CASE("the generated Python tests pass as generated", "[starter][run]") {
  if (!have("python3 -m pytest --version")) {
    WARN("pytest not found: skipped");
    return;
  }
  const sbd::Architecture arch = model();
  for (const char* fn : {"Worker", "Callee"}) {
    const fs::path root = write_out(emit_fn(arch, fn), std::string("python-") + fn);
    const std::string cmd = "cd '" + (root / "src" / fn).string() +
                            "' && python3 -m pytest -q -p no:cacheprovider > pytest.log 2>&1";
    INFO("see " << (root / "src" / fn / "pytest.log").string());
    CHECK(std::system(cmd.c_str()) == 0);
  }
}

TEST_CASE("the generated JavaScript tests pass as generated", "[starter][run]") {
  if (!have("node --version")) {
    WARN("node not found: skipped");
    return;
  }
  const sbd::Architecture arch = model();
  for (const char* fn : {"Worker", "Callee"}) {
    const fs::path root = write_out(emit_fn(arch, fn, "nodejs22.x"), std::string("javascript-") + fn);
    const std::string cmd = "cd '" + (root / "src" / fn).string() + "' && node --test > node-test.log 2>&1";
    INFO("see " << (root / "src" / fn / "node-test.log").string());
    CHECK(std::system(cmd.c_str()) == 0);
  }
}

// Not run by default: writes every language's code of the fixture to
// <build>/starter_out/<language>-<function> for inspection.
TEST_CASE("dump the starter code of every language", "[.dump]") {
  sbd::Architecture arch = model();
  const std::pair<const char*, const char*> langs[] = {
      {"python", "python3.13"}, {"javascript", "nodejs22.x"}, {"typescript", "nodejs22.x"},
      {"go", "provided.al2023"}, {"java", "java21"}};
  for (const auto& [lang, runtime] : langs) {
    for (const char* fn : {"Worker", "Callee"}) {
      arch.set_property(fn, "language", lang);
      write_out(emit_fn(arch, fn, runtime), std::string(lang) + "-" + fn);
    }
  }
}
