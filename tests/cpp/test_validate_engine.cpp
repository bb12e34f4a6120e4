// The validator's engine: registry completeness (doc page, fixtures, test),
// rules that throw, disabling and severities, deterministic order, the three
// output formats, clean realistic models, the browser tool's examples, the
// syntax parsers, and large models.
#include "test_support.hpp"

#include "validate/analysis.hpp"
#include "validate/rule.hpp"

#include <sbd/read.hpp>
#include <sbd/validate.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <cctype>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr const char* today = "2026-11-27";

sbd::Report validate_file(const std::string& path, sbd::ValidateOptions options = {}) {
  if (options.today.empty()) options.today = today;
  return sbd::validate(sbd::read_file(path), options);
}

std::vector<std::string> codes(const sbd::Report& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.code);
  return out;
}

std::vector<std::vector<std::string>> nodes_of(const sbd::Report& report, const std::string& code) {
  std::vector<std::vector<std::string>> out;
  for (const auto& d : report.diagnostics)
    if (d.code == code) out.push_back(d.nodes);
  return out;
}

}  // namespace

TEST_CASE("every registered rule has its metadata, doc page, fixtures and test", "[registry]") {
  const auto rules = sbd::rules();
  REQUIRE(rules.size() >= 30);
  const std::string tests = sbd_test::slurp(sbd_test::source_dir() + "/tests/cpp/test_validate_rules.cpp");
  const std::string index = sbd_test::slurp(sbd_test::source_dir() + "/docs/rules.md");
  // (No std::regex: GCC 12 warns inside it at -O2.)
  auto is_code = [](const std::string& c) {
    return c.size() == 7 && c.compare(0, 4, "SBD0") == 0 && c[4] >= '0' && c[4] <= '7' &&
           std::isdigit(static_cast<unsigned char>(c[5])) && std::isdigit(static_cast<unsigned char>(c[6]));
  };
  auto is_kebab = [](const std::string& n) {
    if (n.empty() || n.front() == '-' || n.back() == '-' || !std::islower(static_cast<unsigned char>(n.front())))
      return false;
    for (std::size_t i = 0; i < n.size(); ++i) {
      const char c = n[i];
      if (c == '-' ? n[i + 1] == '-' : !(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c))))
        return false;
    }
    return true;
  };
  std::set<std::string> seen_codes, seen_names;
  for (const auto& r : rules) {
    INFO(r.code << " " << r.name);
    CHECK(is_code(r.code));
    CHECK(is_kebab(r.name));
    CHECK(seen_codes.insert(r.code).second);
    CHECK(seen_names.insert(r.name).second);
    CHECK_FALSE(r.summary.empty());
    CHECK(r.doc == "docs/rules/" + r.code + ".md");
    CHECK(fs::exists(sbd_test::source_dir() + "/" + r.doc));
    CHECK(fs::exists(sbd_test::fixture("rules/" + r.code + ".good.yaml")));
    CHECK(fs::exists(sbd_test::fixture("rules/" + r.code + ".bad.yaml")));
    CHECK(tests.find("RULE_TEST(\"" + r.code + "\", \"" + r.name + "\")") != std::string::npos);
    const std::string row = "| [" + r.code + "](rules/" + r.code + ".md) | " + r.name + " | " +
                            sbd::severity_name(r.severity) + " | " + r.summary + " |";
    CHECK(index.find(row) != std::string::npos);  // docs/rules.md is current
  }
  // Sorted by code, and the internal-error pseudo rule has its page too.
  CHECK(std::is_sorted(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.code < b.code; }));
  CHECK(fs::exists(sbd_test::source_dir() + "/docs/rules/SBD0000.md"));
}

TEST_CASE("every bad fixture fires its rule; no good fixture has an error or warning", "[registry]") {
  for (const auto& r : sbd::rules()) {
    INFO(r.code);
    const auto bad = validate_file(sbd_test::fixture("rules/" + r.code + ".bad.yaml"));
    CHECK_FALSE(nodes_of(bad, r.code).empty());
    const auto good = validate_file(sbd_test::fixture("rules/" + r.code + ".good.yaml"));
    INFO(good.to_text());
    CHECK(good.errors() + good.warnings() == 0);
  }
}

namespace {
class Throws final : public sbd::detail::Rule {
 public:
  sbd::RuleInfo info() const override {
    return {"SBD0999", "always-throws", sbd::Severity::warning, "test", "docs/rules/SBD0999.md"};
  }
  void check(const sbd::Architecture&, sbd::detail::Context& ctx) const override {
    ctx.report({}, "reported before the throw");
    throw std::runtime_error("boom");
  }
};
}  // namespace

TEST_CASE("a rule that throws becomes SBD0000 and the other rules still run", "[engine]") {
  const auto arch = sbd::read_file(sbd_test::fixture("rules/SBD0104.bad.yaml"));
  Throws thrower;
  std::vector<const sbd::detail::Rule*> rules{&thrower};
  for (const auto* r : sbd::detail::registry()) rules.push_back(r);
  sbd::ValidateOptions options;
  options.today = today;
  const auto report = sbd::detail::run_rules(arch, options, rules);
  REQUIRE(nodes_of(report, "SBD0000").size() == 1);
  const auto& d = *std::find_if(report.diagnostics.begin(), report.diagnostics.end(),
                                [](const auto& x) { return x.code == "SBD0000"; });
  CHECK(d.severity == sbd::Severity::error);
  CHECK(d.message == "rule SBD0999 (always-throws) failed: boom");
  CHECK(nodes_of(report, "SBD0999").empty());  // its partial findings are dropped
  CHECK(nodes_of(report, "SBD0104") == std::vector<std::vector<std::string>>{{"Orphan"}});
}

TEST_CASE("rules are disabled by code or name, from the options or the model", "[engine]") {
  const std::string path = sbd_test::fixture("rules/SBD0104.bad.yaml");
  CHECK(nodes_of(validate_file(path), "SBD0104").size() == 1);
  sbd::ValidateOptions by_code;
  by_code.disabled = {"SBD0104"};
  CHECK(nodes_of(validate_file(path, by_code), "SBD0104").empty());
  sbd::ValidateOptions by_name;
  by_name.disabled = {"isolated-node"};
  CHECK(nodes_of(validate_file(path, by_name), "SBD0104").empty());
  sbd::ValidateOptions unknown;
  unknown.disabled = {"SBD9999"};
  CHECK_THROWS_MATCHES(validate_file(path, unknown), sbd::Error,
                       Catch::Predicate<sbd::Error>([](const sbd::Error& e) {
                         return e.code() == sbd::ErrorCode::argument &&
                                e.message().find("SBD9999") != std::string::npos;
                       }));
  // x-sbd-disable in the model (SBD0001.good.yaml disables SBD0104 on an unused table).
  const auto model = validate_file(sbd_test::fixture("rules/SBD0001.good.yaml"));
  CHECK(model.diagnostics.empty());
}

TEST_CASE("severities can be overridden per code", "[engine]") {
  sbd::ValidateOptions options;
  options.severities["SBD0104"] = sbd::Severity::error;
  const auto report = validate_file(sbd_test::fixture("rules/SBD0104.bad.yaml"), options);
  REQUIRE(report.errors() == 1);
  CHECK_FALSE(report.ok());
  CHECK(report.diagnostics.front().severity == sbd::Severity::error);
}

TEST_CASE("today must be a date", "[engine]") {
  const auto arch = sbd::read_file(sbd_test::fixture("rules/SBD0104.good.yaml"));
  sbd::ValidateOptions options;
  for (const char* bad : {"2026-13-01", "2026-02-30", "27.11.2026", "2025-02-29"}) {
    options.today = bad;
    CHECK_THROWS_AS(sbd::validate(arch, options), sbd::Error);
  }
  options.today = "2024-02-29";
  CHECK_NOTHROW(sbd::validate(arch, options));
  CHECK(sbd::detail::format_iso_date(sbd::detail::parse_iso_date("2026-11-27")) == "2026-11-27");
  CHECK(sbd::detail::parse_iso_date("1970-01-02") == 1);
}

TEST_CASE("findings come in a deterministic order with locations", "[engine][format]") {
  const std::string path = sbd_test::fixture("rules/SBD0401.bad.yaml");
  const auto a = validate_file(path);
  const auto b = validate_file(path);
  CHECK(a.to_json() == b.to_json());
  CHECK(a.to_sarif(path) == b.to_sarif(path));
  for (std::size_t i = 1; i < a.diagnostics.size(); ++i)
    CHECK(a.diagnostics[i - 1].location.line <= a.diagnostics[i].location.line);
  for (const auto& d : a.diagnostics) CHECK(d.location.known());
}

TEST_CASE("findings of a model built in code come by code, then nodes, then message", "[engine]") {
  // No locations: the order is the code's, then the nodes', then the
  // message's. The nodes are added in an order far from their ids' (and
  // the rules report in model order), so every finding moves. 300 groups
  // (900 findings) are put in order where they are, 2,000 groups (6,000
  // findings, over a megabyte) through a second vector (validate.cpp).
  const int groups = GENERATE(300, 2000);
  CAPTURE(groups);
  sbd::Architecture arch("app");
  for (int i = groups - 1; i >= 0; --i) {
    const std::string n = std::to_string((i * 7919) % groups);
    arch.add_node("Bucket" + n, "bucket");
    arch.add_node("Queue" + n, "queue");
    arch.add_node("Worker" + n, "fn");
    arch.add_node("Api" + n, "api");
    arch.add_node("Fn" + n, "fn");
    arch.add_node("Table" + n, "table");
    arch.connect("Bucket" + n, "Worker" + n);
    arch.connect("Queue" + n, "Worker" + n);
    arch.connect("Api" + n, "Fn" + n);
    arch.connect("Fn" + n, "Table" + n, "write");
  }
  sbd::ValidateOptions options;
  options.today = today;
  options.disabled = {"SBD0202"};
  const sbd::Report report = sbd::validate(arch, options);
  // SBD0501, SBD0502 and SBD0603 on each group.
  REQUIRE(report.diagnostics.size() >= 3 * static_cast<std::size_t>(groups));
  const auto before = [](const sbd::Diagnostic& a, const sbd::Diagnostic& b) {
    if (a.code != b.code) return a.code < b.code;
    if (a.nodes != b.nodes) return a.nodes < b.nodes;
    return a.message < b.message;
  };
  CHECK(std::is_sorted(report.diagnostics.begin(), report.diagnostics.end(), before));
  // Each finding comes once: none is lost or doubled on its way into place.
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& d : report.diagnostics) seen.emplace(d.code, d.message);
  CHECK(seen.size() == report.diagnostics.size());
  // Each finding is whole where it landed: its nodes are the ones its message names.
  for (const auto& d : report.diagnostics) {
    INFO(d.code << " " << d.message);
    CHECK_FALSE(d.location.known());
    REQUIRE_FALSE(d.nodes.empty());
    CHECK(d.message.find(d.nodes.front()) != std::string::npos);
    CHECK(d.hint.find(d.nodes.front()) != std::string::npos);
  }
}

TEST_CASE("the text format is FILE:LINE:COL: severity CODE message [nodes]", "[format]") {
  const std::string path = sbd_test::fixture("rules/SBD0301.bad.yaml");
  const auto report = validate_file(path);
  const std::string text = report.to_text();
  CHECK(text.find(path + ":5:3: error SBD0301 queue Jobs has a visibility timeout of 30 s, shorter than the 60 s "
                         "timeout of function Resize that it triggers [Jobs, Resize]\n") != std::string::npos);
  // Without a location (a model built in code), the line starts with the severity.
  sbd::Architecture arch("demo");
  arch.add_node("Lonely", "table");
  const auto r = sbd::validate(arch, {{}, {}, today});
  CHECK(r.to_text() == "warning SBD0104 DynamoDB table Lonely has no edge: nothing uses it and it uses nothing [Lonely]\n");
  CHECK(r.to_text("app.yaml").rfind("app.yaml: warning SBD0104", 0) == 0);
}

TEST_CASE("the JSON format has the shape of CLI.md", "[format]") {
  const auto report = validate_file(sbd_test::fixture("rules/SBD0301.bad.yaml"));
  const std::string json = report.to_json();
  CHECK(json.find("\"diagnostics\"") != std::string::npos);
  CHECK(json.find("\"code\": \"SBD0301\"") != std::string::npos);
  CHECK(json.find("\"severity\": \"error\"") != std::string::npos);
  CHECK(json.find("\"line\": 5") != std::string::npos);
  CHECK(json.find("\"column\": 3") != std::string::npos);
  CHECK(json.find("\"hint\": \"set visibility_timeout on Jobs to at least 360 (six times the function timeout)\"") !=
        std::string::npos);
  CHECK(json.find("\"errors\": 1") != std::string::npos);
  CHECK(json.find("\"warnings\": 0") != std::string::npos);
  CHECK(json.find("\"infos\": 0") != std::string::npos);
  // No location: no line or column keys.
  sbd::Architecture arch("demo");
  arch.add_node("Lonely", "table");
  const std::string bare = sbd::validate(arch, {{}, {}, today}).to_json();
  CHECK(bare.find("\"line\"") == std::string::npos);
  CHECK(bare.find("\"nodes\"") != std::string::npos);
  CHECK(sbd::Report{}.to_json().find("\"diagnostics\": []") != std::string::npos);
}

TEST_CASE("the SARIF format is 2.1.0 with rules and results", "[format]") {
  const std::string path = sbd_test::fixture("rules/SBD0503.bad.yaml");
  const auto sarif = validate_file(path).to_sarif("app.yaml");
  CHECK(sarif.find("\"version\": \"2.1.0\"") != std::string::npos);
  CHECK(sarif.find("\"$schema\"") != std::string::npos);
  CHECK(sarif.find("\"ruleId\": \"SBD0503\"") != std::string::npos);
  CHECK(sarif.find("\"level\": \"note\"") != std::string::npos);  // info -> note
  CHECK(sarif.find("\"startLine\"") != std::string::npos);
  CHECK(sarif.find("\"id\": \"SBD0401\"") != std::string::npos);  // every rule is described
}

TEST_CASE("realistic clean models have no error and no warning", "[clean]") {
  for (const char* name : {"photo-share", "orders", "telemetry", "webapp"}) {
    const auto report = validate_file(sbd_test::fixture(std::string("rules/clean/") + name + ".yaml"));
    INFO(name << "\n" << report.to_text());
    CHECK(report.diagnostics.empty());
  }
}

TEST_CASE("the browser tool's six examples give sensible findings", "[corpus]") {
  auto run = [](const char* name) {
    return validate_file(sbd_test::corpus_dir() + "/sbd-examples/" + name);
  };
  using Nodes = std::vector<std::vector<std::string>>;
  // An open REST API whose function writes: information only.
  const auto basic = run("basic-api.json");
  CHECK(codes(basic) == std::vector<std::string>{"SBD0603"});
  CHECK(nodes_of(basic, "SBD0603") == Nodes{{"MyApi", "MyBackEnd"}});
  // Firehose with a transform, an API authorised by an identity pool: clean.
  CHECK(run("firehose.json").diagnostics.empty());
  // The scheduled function is invoked asynchronously without an on-failure
  // destination; the stream reader has none either (advice).
  const auto full = run("full-app.json");
  CHECK(full.errors() == 0);
  CHECK(nodes_of(full, "SBD0501") == Nodes{{"MyScheduledActivities", "MySchedule", "MyTopic"}});
  CHECK(nodes_of(full, "SBD0503") == Nodes{{"MyDBProcessor", "MyTable"}});
  CHECK(full.diagnostics.size() == 2);
  // iot.json: i1 -> i1 republish. The SAM engine republishes a rule's own
  // messages to republished/i1, which its filter 'topic/#' does not select:
  // not a loop. The IoT-invoked function lacks an on-failure destination.
  const auto iot = run("iot.json");
  CHECK(nodes_of(iot, "SBD0401").empty());
  CHECK(codes(iot) == std::vector<std::string>{"SBD0501"});
  CHECK(nodes_of(iot, "SBD0501") == Nodes{{"f1", "i1"}});
  // S3 -> function, asynchronous, no on-failure destination.
  const auto s3 = run("s3-processing.json");
  CHECK(codes(s3) == std::vector<std::string>{"SBD0501"});
  CHECK(nodes_of(s3, "SBD0501") == Nodes{{"DataProc", "SourceBucket"}});
  // api -> f1 -> Kinesis -> analytics -> Firehose -> bucket: an open API
  // whose function writes to the stream.
  const auto stream = run("stream-test.json");
  CHECK(codes(stream) == std::vector<std::string>{"SBD0603"});
  CHECK(nodes_of(stream, "SBD0603") == Nodes{{"api", "f1"}});
}

TEST_CASE("an IoT rule that republishes into a topic it selects is a loop", "[rules]") {
  sbd::Architecture arch("iot");
  arch.add_node("Echo", "iotRule", [] {
    sbd::Value v = sbd::Value::map();
    v.set("sql", "SELECT * FROM 'republished/#'");
    return v;
  }());
  arch.connect("Echo", "Echo");
  CHECK(nodes_of(sbd::validate(arch, {{}, {}, today}), "SBD0401") == std::vector<std::vector<std::string>>{{"Echo"}});
  // A target topic that the target rule does not select: no loop.
  arch.set_property("Echo", "topic", "elsewhere/echo");
  CHECK(nodes_of(sbd::validate(arch, {{}, {}, today}), "SBD0401").empty());
}

TEST_CASE("the deployment type is checked for models built in code", "[rules]") {
  sbd::Architecture arch("demo");
  arch.add_node("Api", "api");
  arch.add_node("Fn", "fn");
  arch.connect("Api", "Fn");
  sbd::Deployment d;
  d.type = "Canary50Percent1Minute";
  arch.settings().deployment = d;
  const auto r = sbd::validate(arch, {{}, {}, today});
  REQUIRE(nodes_of(r, "SBD0108").size() == 1);
  CHECK(r.diagnostics.front().message.find("Canary50Percent1Minute") != std::string::npos);
}

TEST_CASE("schedule expressions", "[syntax]") {
  using sbd::detail::schedule_expression_problem;
  for (const char* ok : {"rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)",
                         "rate(7 days)", "cron(0 3 * * ? *)", "cron(0/15 * ? * MON-FRI *)", "cron(0 12 L * ? *)",
                         "cron(0 9 ? * 6L *)", "cron(0 9 ? * 2#1 *)", "cron(0 8 15W * ? *)", "cron(0 0 1 JAN,JUL ? 2030)",
                         "cron(5,35 14 * * ? *)", "cron(0 18 ? * SUN-SAT 2026-2030)"})
    CHECK(schedule_expression_problem(ok) == "");
  for (const char* bad : {"rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(5 weeks)", "rate(five minutes)",
                          "rate(5  minutes)", "cron(0 3 * * * *)", "cron(0 3 ? * ? *)", "cron(0 3 * *)",
                          "cron(60 3 * * ? *)", "cron(0 24 * * ? *)", "cron(0 3 32 * ? *)", "cron(0 3 ? 13 * *)",
                          "cron(0 3 ? * 8 *)", "cron(0 3 ? * 2#6 *)", "cron(0 3 * * ? 1969)", "cron(0/0 3 * * ? *)",
                          "cron(? 3 * * ? *)", "at(2026-01-01T00:00:00)", "every 5 minutes", ""})
    CHECK(schedule_expression_problem(bad) != "");
}

TEST_CASE("IoT rule SQL and MQTT topic filters", "[syntax]") {
  using sbd::detail::iot_sql_problem;
  using sbd::detail::iot_sql_topic;
  using sbd::detail::mqtt_matches;
  CHECK(iot_sql_problem("SELECT * FROM 'topic/#'") == "");
  CHECK(iot_sql_problem("select temp, topic(2) as id from 'a/+/b' where temp > 30") == "");
  CHECK(iot_sql_problem("SELECT concat('FROM', x) AS y FROM 'a/b'") == "");
  CHECK(iot_sql_topic("SELECT concat('FROM', x) AS y FROM 'a/b'") == "a/b");
  CHECK(iot_sql_problem("SELECT * FROM topic/x") != "");
  CHECK(iot_sql_problem("SELECT * FROM 'a/#/b'") != "");
  CHECK(iot_sql_problem("SELECT * FROM 'a/b+'") != "");
  CHECK(iot_sql_problem("SELECT FROM 'a'") != "");
  CHECK(iot_sql_problem("DELETE FROM 'a'") != "");
  CHECK(iot_sql_problem("SELECT * FROM 'a' ORDER BY x") != "");
  CHECK(iot_sql_problem("SELECT * FROM 'a' WHERE") != "");
  CHECK(iot_sql_problem("SELECT * FROM 'a") != "");
  CHECK(mqtt_matches("topic/#", "topic/x/y"));
  CHECK(mqtt_matches("topic/#", "topic"));
  CHECK(mqtt_matches("a/+/c", "a/b/c"));
  CHECK_FALSE(mqtt_matches("a/+/c", "a/b/d"));
  CHECK_FALSE(mqtt_matches("topic/#", "republished/i1"));
  CHECK_FALSE(mqtt_matches("a/b", "a/b/c"));
}

TEST_CASE("API routes", "[syntax]") {
  using sbd::detail::route_problem;
  for (const char* ok : {"GET /", "GET /items", "post /items/{id}", "ANY /{proxy+}", "GET /a/{b}/c", "$default",
                         "DELETE /v1/items/{id}/tags/{tag}"})
    CHECK(route_problem(ok) == "");
  for (const char* bad : {"/items", "FETCH /items", "GET items", "GET /items/", "GET /a//b", "GET /{proxy+}/x",
                          "GET /{}", "GET /a b", "GET /{id"})
    CHECK(route_problem(bad) != "");
}

TEST_CASE("the resource estimate counts what SAM emits", "[limits]") {
  sbd::Architecture arch("demo");
  arch.add_node("Api", "api");  // 3
  arch.add_node("Fn", "fn");    // 2
  arch.add_node("Jobs", "queue");  // 1
  arch.add_node("Tbl", "table");   // 1
  arch.connect("Api", "Fn");       // 1 permission (one route)
  arch.connect("Jobs", "Fn");      // 1 event source mapping
  arch.connect("Fn", "Tbl", "read");  // 0: a policy on the role
  CHECK(sbd::detail::estimate_sam_resources(arch) == 9);
}

TEST_CASE("large models: long chains and big loops need no recursion", "[scale]") {
  // 20,000 functions invoking the next, the last invoking the first: one
  // loop through all of them, found without deep recursion.
  sbd::Architecture arch("big");
  const int n = 20000;
  for (int i = 0; i < n; ++i) arch.add_node("F" + std::to_string(i), "fn");
  for (int i = 0; i + 1 < n; ++i) arch.connect("F" + std::to_string(i), "F" + std::to_string(i + 1), "invoke");
  arch.add_node("Api", "api");
  arch.connect("Api", "F0");
  auto report = sbd::validate(arch, {{}, {}, today});
  CHECK(nodes_of(report, "SBD0401").empty());
  REQUIRE(nodes_of(report, "SBD0305").size() == 1);  // 20,000 x 3 s behind a 29 s API
  CHECK(nodes_of(report, "SBD0305").front().size() == n + 1);
  CHECK(nodes_of(report, "SBD0202").size() == 1);  // over 500 resources
  arch.connect("F" + std::to_string(n - 1), "F0", "invoke");
  report = sbd::validate(arch, {{}, {}, today});
  REQUIRE(nodes_of(report, "SBD0401").size() == 1);
  CHECK(nodes_of(report, "SBD0401").front().size() == static_cast<std::size_t>(n));
  CHECK(nodes_of(report, "SBD0401").front().front() == "F0");
}

TEST_CASE("a node id that is a Windows device name is reported by SBD0201", "[rules]") {
  sbd::Architecture arch("demo");
  arch.add_node("Api", "api");
  arch.add_node("Nul", "fn");
  arch.connect("Api", "Nul");
  const auto r = sbd::validate(arch, {{}, {}, today});
  CHECK(nodes_of(r, "SBD0201") == std::vector<std::vector<std::string>>{{"Nul"}});
}

TEST_CASE("large models: a hub node with many edges stays linear", "[scale]") {
  // One function invoking 20,000 others, each behind its own API and
  // invoking the hub back: a loop through everything, found in one pass.
  sbd::Architecture arch("hub");
  const int n = 20000;
  arch.add_node("Hub", "fn");
  for (int i = 0; i < n; ++i) {
    const std::string f = "F" + std::to_string(i), a = "A" + std::to_string(i);
    arch.add_node(f, "fn");
    arch.add_node(a, "api");
    arch.connect(a, f);
    arch.connect("Hub", f, "invoke");
    arch.connect(f, "Hub", "invoke");
  }
  const auto report = sbd::validate(arch, {{}, {}, today});
  const auto loops = nodes_of(report, "SBD0401");
  REQUIRE(loops.size() == 1);
  CHECK(loops.front().size() == static_cast<std::size_t>(n + 1));
  CHECK(loops.front().front() == "Hub");
}

TEST_CASE("random models never make a rule fail, and validate deterministically", "[robustness]") {
  // 300 random models over every kind: allowed edges with every action,
  // forbidden pairs, self edges, random in-range and out-of-range property
  // values. No rule may throw (no SBD0000), and two runs give the same bytes.
  const sbd::Catalog& catalog = sbd::Catalog::builtin();
  std::vector<std::string> kinds;
  for (const auto& k : catalog.kinds()) kinds.push_back(k.key);
  unsigned long long seed = 12345;
  auto next = [&](std::size_t bound) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((seed >> 33) % bound);
  };
  for (int round = 0; round < 300; ++round) {
    sbd::Architecture arch("random");
    const std::size_t n = 2 + next(25);
    for (std::size_t i = 0; i < n; ++i) {
      const std::string kind = kinds[next(kinds.size())];
      sbd::Node& node = arch.add_node("N" + std::to_string(i), kind);
      for (const auto& p : catalog.kind(kind)->properties) {
        if (next(3) != 0) continue;
        if (p.type == sbd::PropertyType::integer) {
          const long long lo = p.min ? static_cast<long long>(*p.min) : 0;
          arch.set_property(node.id, p.name, sbd::Value(lo - 1 + static_cast<long long>(next(2000))));
        } else if (p.type == sbd::PropertyType::boolean) {
          arch.set_property(node.id, p.name, sbd::Value(next(2) == 1));
        } else if (p.type == sbd::PropertyType::string) {
          const char* samples[] = {"", "x", "rate(1 minutes)", "cron(0 3 * * ? *)", "SELECT * FROM 'a/#'", "nodejs18.x",
                                   "python3.13", "none", "iam", "cognito", "topic/x"};
          arch.set_property(node.id, p.name, sbd::Value(samples[next(11)]));
        }
      }
    }
    const std::size_t m = next(3 * n);
    for (std::size_t j = 0; j < m; ++j) {
      const std::string a = "N" + std::to_string(next(n));
      const std::string b = "N" + std::to_string(next(n));
      const sbd::ConnectionSpec* c = catalog.connection(arch.node(a).kind, arch.node(b).kind);
      std::string action = c && next(4) != 0 ? c->actions[next(c->actions.size())] : (next(2) ? "write" : "");
      try {
        arch.connect(a, b, action);
      } catch (const sbd::Error&) {
        // the same edge twice: refused, as documented
      }
    }
    const auto first = sbd::validate(arch, {{}, {}, today});
    const auto second = sbd::validate(arch, {{}, {}, today});
    INFO("round " << round << "\n" << first.to_text());
    CHECK(nodes_of(first, "SBD0000").empty());
    CHECK(first.to_json() == second.to_json());
  }
}

TEST_CASE("runtime findings follow the catalog's dates and ValidateOptions::today", "[rules]") {
  // python3.11: deprecated 2026-06-30, creating functions blocked from 2026-07-31.
  sbd::Architecture arch("dates");
  arch.set_runtime("python3.11");
  arch.add_node("Api", "api");
  arch.add_node("Fn", "fn");
  arch.connect("Api", "Fn");
  auto at = [&](const char* day) { return sbd::validate(arch, {{}, {}, day}); };
  CHECK(at("2025-12-01").diagnostics.empty());  // 211 days ahead: not yet
  const auto soon = at("2026-03-01");
  REQUIRE(nodes_of(soon, "SBD0206").size() == 1);
  CHECK(soon.diagnostics.front().message ==
        "the app's runtime python3.11 (used by Fn) will be deprecated by AWS Lambda on 2026-06-30 (in 121 days); "
        "creating functions is blocked from 2026-07-31");
  CHECK(soon.diagnostics.front().hint == "move to python3.14");
  const auto deprecated = at("2026-07-01");
  CHECK(nodes_of(deprecated, "SBD0206").size() == 1);
  CHECK(deprecated.errors() == 0);
  const auto blocked = at("2026-07-31");
  CHECK(nodes_of(blocked, "SBD0206").empty());
  CHECK(nodes_of(blocked, "SBD0207") == std::vector<std::vector<std::string>>{{"Fn"}});
  CHECK_FALSE(blocked.ok());
}
