// One test per rule: its bad fixture (tests/fixtures/rules/CODE.bad.yaml)
// gives exactly the expected findings (code and node ids, in order), and its
// good fixture gives none of that rule and no error or warning at all.
#include "test_support.hpp"

#include <sbd/read.hpp>
#include <sbd/validate.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using Nodes = std::vector<std::vector<std::string>>;

// Fixtures that depend on the date (deprecated runtimes) are written for it.
constexpr const char* today = "2026-11-27";

sbd::Report run_fixture(const std::string& code, const std::string& which) {
  const auto arch = sbd::read_file(sbd_test::fixture("rules/" + code + "." + which + ".yaml"));
  sbd::ValidateOptions options;
  options.today = today;
  return sbd::validate(arch, options);
}

Nodes nodes_of(const sbd::Report& report, const std::string& code) {
  Nodes out;
  for (const auto& d : report.diagnostics)
    if (d.code == code) out.push_back(d.nodes);
  return out;
}

const sbd::RuleInfo& info_of(const std::string& code) {
  static const auto all = sbd::rules();
  for (const auto& r : all)
    if (r.code == code) return r;
  FAIL("no rule " << code);
  throw;
}

void check_rule(const std::string& code, const Nodes& expected) {
  const auto bad = run_fixture(code, "bad");
  INFO(bad.to_text(code + ".bad.yaml"));
  CHECK(nodes_of(bad, code) == expected);
  for (const auto& d : bad.diagnostics) {
    if (d.code != code) continue;
    CHECK(d.rule == info_of(code).name);
    CHECK(d.severity == info_of(code).severity);
    CHECK_FALSE(d.message.empty());
    CHECK_FALSE(d.hint.empty());
  }
  const auto good = run_fixture(code, "good");
  INFO(good.to_text(code + ".good.yaml"));
  CHECK(nodes_of(good, code).empty());
  CHECK(good.errors() == 0);
  CHECK(good.warnings() == 0);
}

sbd::Diagnostic first_of(const sbd::Report& report, const std::string& code) {
  for (const auto& d : report.diagnostics)
    if (d.code == code) return d;
  FAIL("no " << code << " finding");
  return {};
}

}  // namespace

// RULE_TEST(code, name): the registry test checks that every registered rule
// has one (by searching this file for `RULE_TEST("CODE"`).
#define RULE_TEST(code, name) TEST_CASE(code " " name, "[rules]")

RULE_TEST("SBD0001", "unknown-disabled-rule") {
  check_rule("SBD0001", {{}});
  const auto r = run_fixture("SBD0001", "bad");
  CHECK(first_of(r, "SBD0001").message.find("SBD9999") != std::string::npos);
  CHECK(nodes_of(r, "SBD0104").empty());  // isolated-node, disabled by name, stays off
}

RULE_TEST("SBD0101", "connection-not-allowed") {
  check_rule("SBD0101", {{"Uploads", "Photos"}});
  const auto d = first_of(run_fixture("SBD0101", "bad"), "SBD0101");
  CHECK(d.hint.find("fn (trigger)") != std::string::npos);  // names the allowed targets
  CHECK(d.hint.find("queue (notification)") != std::string::npos);
  CHECK(d.location.line == 10);  // the edge's line
}

RULE_TEST("SBD0102", "action-not-allowed") {
  check_rule("SBD0102", {{"Handler", "Items"}});
  CHECK(first_of(run_fixture("SBD0102", "bad"), "SBD0102").hint.find("read/write") != std::string::npos);
}

RULE_TEST("SBD0103", "duplicate-edge") { check_rule("SBD0103", {{"Handler", "Items"}}); }

RULE_TEST("SBD0112", "overlapping-edges") { check_rule("SBD0112", {{"Handler", "Items"}, {"Worker", "Uploads"}}); }

RULE_TEST("SBD0104", "isolated-node") { check_rule("SBD0104", {{"Orphan"}}); }

RULE_TEST("SBD0105", "delivery-stream-destination") {
  check_rule("SBD0105", {{"Logs"}, {"Archive", "BucketA", "BucketB"}});
}

RULE_TEST("SBD0106", "analytics-input") { check_rule("SBD0106", {{"Metrics"}}); }

RULE_TEST("SBD0107", "edge-into-schedule") {
  check_rule("SBD0107", {{"Report", "Nightly"}});
  CHECK(nodes_of(run_fixture("SBD0107", "bad"), "SBD0101").empty());  // reported once, by SBD0107
}

RULE_TEST("SBD0108", "deployment-references") {
  check_rule("SBD0108", {{"Handler"}, {"Items"}, {"Missing"}});
}

RULE_TEST("SBD0109", "property-value") { check_rule("SBD0109", {{"Handler"}, {"Jobs"}, {"Jobs", "Worker"}}); }

RULE_TEST("SBD0110", "route-conflict") {
  check_rule("SBD0110", {{"Api", "List", "Create"}});
  const auto d = first_of(run_fixture("SBD0110", "bad"), "SBD0110");
  CHECK(d.message.find("'GET /items' and 'POST /items'") != std::string::npos);
}

RULE_TEST("SBD0111", "api-authorizer") { check_rule("SBD0111", {{"Open"}, {"Signed", "Users"}}); }

RULE_TEST("SBD0201", "logical-id") {
  check_rule("SBD0201", {{"Resize", "ResizeRole"}, {"Resize" + std::string(246, 'X')}});
}

RULE_TEST("SBD0202", "resource-count") { check_rule("SBD0202", {{}}); }

RULE_TEST("SBD0203", "function-memory") { check_rule("SBD0203", {{"Small"}, {"Huge"}}); }

RULE_TEST("SBD0204", "function-timeout") { check_rule("SBD0204", {{"Instant"}, {"Forever"}}); }

RULE_TEST("SBD0205", "unknown-runtime") {
  check_rule("SBD0205", {{"Front", "Back"}, {"Native"}});
  const auto r = run_fixture("SBD0205", "bad");
  CHECK(r.diagnostics.size() >= 2);
  bool suggested = false;
  for (const auto& d : r.diagnostics)
    suggested = suggested || (d.code == "SBD0205" && d.hint == "did you mean provided.al2023?");
  CHECK(suggested);
  // python3.99 is closest to the deprecated python3.9; a current runtime is suggested instead.
  CHECK(first_of(r, "SBD0205").nodes == std::vector<std::string>{"Front", "Back"});
  CHECK(first_of(r, "SBD0205").hint == "did you mean python3.14?");
}

RULE_TEST("SBD0206", "deprecated-runtime") {
  check_rule("SBD0206", {{"Legacy"}, {"Web"}});
  const auto r = run_fixture("SBD0206", "bad");
  const auto found = [&](const std::string& text) {
    for (const auto& d : r.diagnostics)
      if (d.code == "SBD0206" && d.message.find(text) != std::string::npos) return true;
    return false;
  };
  CHECK(found("was deprecated by AWS Lambda on 2026-11-10"));
  CHECK(found("will be deprecated by AWS Lambda on 2027-04-30 (in 154 days)"));
  std::vector<std::string> hints;
  for (const auto& d : r.diagnostics)
    if (d.code == "SBD0206") hints.push_back(d.hint);
  // dotnet8's successor from the table; nodejs22.x has none, so the family's longest-supported runtime.
  CHECK(hints == std::vector<std::string>{"move to dotnet10", "move to nodejs24.x"});
}

RULE_TEST("SBD0207", "runtime-blocked") {
  check_rule("SBD0207", {{"Handler"}});
  CHECK(nodes_of(run_fixture("SBD0207", "bad"), "SBD0206").empty());  // reported once, by SBD0207
}

RULE_TEST("SBD0208", "fifo-batch-size") { check_rule("SBD0208", {{"Orders", "Worker"}}); }

RULE_TEST("SBD0301", "queue-visibility-timeout") {
  check_rule("SBD0301", {{"Jobs", "Resize"}});
  const auto d = first_of(run_fixture("SBD0301", "bad"), "SBD0301");
  CHECK(d.message ==
        "queue Jobs has a visibility timeout of 30 s, shorter than the 60 s timeout of function Resize that it triggers");
  CHECK(d.hint == "set visibility_timeout on Jobs to at least 360 (six times the function timeout)");
  CHECK(nodes_of(run_fixture("SBD0301", "bad"), "SBD0302").empty());
}

RULE_TEST("SBD0302", "queue-visibility-advice") {
  check_rule("SBD0302", {{"Jobs", "Resize"}});
  CHECK(nodes_of(run_fixture("SBD0302", "bad"), "SBD0301").empty());
}

RULE_TEST("SBD0303", "api-integration-timeout") { check_rule("SBD0303", {{"Rest", "Slow"}, {"Http", "Slower"}}); }

RULE_TEST("SBD0304", "firehose-transform-timeout") { check_rule("SBD0304", {{"Logs", "Transform"}}); }

RULE_TEST("SBD0305", "sync-chain-timeout") {
  check_rule("SBD0305", {{"Api", "Front", "Back"}});
  CHECK(first_of(run_fixture("SBD0305", "bad"), "SBD0305").message.find("35 s (20 s + 15 s)") != std::string::npos);
}

RULE_TEST("SBD0401", "event-loop") {
  check_rule("SBD0401", {{"Uploads", "Resize"}, {"Ping", "Pong"}, {"Recurse"}, {"Echo"}});
  CHECK(first_of(run_fixture("SBD0401", "bad"), "SBD0401").message.find("Uploads -> Resize -> Uploads") !=
        std::string::npos);
}

RULE_TEST("SBD0501", "async-on-failure") { check_rule("SBD0501", {{"Resize", "Uploads"}}); }

RULE_TEST("SBD0502", "queue-dead-letter") { check_rule("SBD0502", {{"Jobs", "Worker"}}); }

RULE_TEST("SBD0503", "stream-failure-destination") { check_rule("SBD0503", {{"Indexer", "Orders"}}); }

RULE_TEST("SBD0504", "dead-letter-queue-type") { check_rule("SBD0504", {{"Orders", "OrdersDlq"}}); }

RULE_TEST("SBD0505", "dead-letter-retention") { check_rule("SBD0505", {{"Jobs", "JobsDlq"}}); }

RULE_TEST("SBD0601", "wildcard-permissions") {
  check_rule("SBD0601", {{"Handler"}, {"Admin"}});
  const auto d = first_of(run_fixture("SBD0601", "bad"), "SBD0601");
  CHECK(d.message.find("s3:*") != std::string::npos);
  CHECK(d.message.find("the resource *") != std::string::npos);
}

RULE_TEST("SBD0602", "unauthenticated-write") { check_rule("SBD0602", {{"Guests", "Api", "Writer"}}); }

RULE_TEST("SBD0603", "open-api-write") { check_rule("SBD0603", {{"Api", "Writer"}}); }

RULE_TEST("SBD0701", "schedule-expression") { check_rule("SBD0701", {{"EveryMinute"}, {"Daily"}, {"Short"}}); }

RULE_TEST("SBD0702", "iot-rule-sql") { check_rule("SBD0702", {{"Unquoted"}, {"MidHash"}}); }

RULE_TEST("SBD0703", "api-route-syntax") { check_rule("SBD0703", {{"Api"}, {"Api"}, {"Api"}}); }
