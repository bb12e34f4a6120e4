// The Serverless Framework engine: what each kind and connection becomes in
// serverless.yml (checked on the document tree), the files of the project,
// overrides, determinism and golden files. `serverless package` and cfn-lint
// run in tests/python/test_serverless_package.py.
#include <catch2/catch.hpp>

#include "emit/serverless/engine.hpp"
#include "test_support.hpp"

#include <sbd/emit.hpp>
#include <sbd/error.hpp>
#include <sbd/read.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using sbd::Value;

namespace {

Value config(const sbd::Architecture& arch, const sbd::EmitOptions& options = {}) {
  return sbd::detail::serverless_config(arch, options);
}

const Value* path(const Value* v, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    if (!v) return nullptr;
    v = v->find(k);
  }
  return v;
}

const Value& fn_of(const Value& c, const std::string& id) {
  const Value* f = path(&c, {"functions", id.c_str()});
  INFO("function " << id);
  REQUIRE(f);
  return *f;
}

const Value* res(const Value& c, const std::string& id) { return path(&c, {"resources", "Resources", id.c_str()}); }

// The events of a function of that type ("s3", "sqs", ...).
std::vector<Value> events(const Value& c, const std::string& fn, const std::string& type) {
  std::vector<Value> out;
  const Value* evs = fn_of(c, fn).find("events");
  if (!evs) return out;
  for (const Value& e : evs->items())
    if (const Value* v = e.find(type)) out.push_back(*v);
  return out;
}

bool is_tag(const Value* v, const std::string& tag, const std::string& text) {
  return v && v->tag() == tag && v->is_string() && v->as_string() == text;
}

// The statements of a function's own role.
std::vector<Value> statements(const Value& c, const std::string& fn) {
  const Value* role = fn_of(c, fn).find("role");
  REQUIRE(role);
  const Value* r = res(c, role->as_string());
  REQUIRE(r);
  std::vector<Value> out;
  for (const Value& p : path(r, {"Properties", "Policies"})->items())
    for (const Value& s : path(&p, {"PolicyDocument", "Statement"})->items()) out.push_back(s);
  return out;
}

bool grants(const std::vector<Value>& sts, const std::string& action) {
  for (const Value& s : sts) {
    const Value* a = s.find("Action");
    if (a->is_string() && a->as_string() == action) return true;
    if (a->is_list())
      for (const Value& x : a->items())
        if (x.as_string() == action) return true;
  }
  return false;
}

sbd::Architecture every() { return sbd::read_file(sbd_test::fixture("sam/every-connection.yaml")); }

}  // namespace

TEST_CASE("the registry knows the serverless engine, and it writes a whole project") {
  const auto names = sbd::engines();
  REQUIRE(std::find(names.begin(), names.end(), "serverless") != names.end());
  const sbd::Engine* e = sbd::find_engine("serverless");
  REQUIRE(e);
  CHECK(e->name() == "serverless");
  const sbd::FileSet files = sbd::emit(every(), "serverless");
  for (const char* f : {"serverless.yml", "README.md", ".gitignore", "package.json", "src/ItemsFn/app.py",
                        "src/ItemsFn/test_app.py", "src/ItemsFn/serverless_handler.py"})
    CHECK(files.contains(f));
  CHECK(files.at(".gitignore").find(".serverless/") != std::string::npos);
  CHECK(files.at("package.json").find("\"serverless\": \"^3") != std::string::npos);
  CHECK(files.at("README.md").find("serverless package") != std::string::npos);
}

TEST_CASE("the service is for framework v3 with strict validation") {
  sbd::Architecture a("my-app");
  a.set_runtime("python3.11");
  a.add_node("Work", "fn");
  const Value c = config(a);
  CHECK(c.find("service")->as_string() == "my-app");
  CHECK(c.find("frameworkVersion")->as_string() == "3");  // a string, not a number
  CHECK(c.find("configValidationMode")->as_string() == "error");
  CHECK(path(&c, {"provider", "name"})->as_string() == "aws");
  CHECK(path(&c, {"provider", "runtime"})->as_string() == "python3.11");
  CHECK(sbd::to_yaml(c).find("frameworkVersion: '3'") != std::string::npos);
}

TEST_CASE("a runtime newer than v3's schema is set on the function's resource") {
  sbd::Architecture a("my-app");
  a.set_runtime("python3.13");
  a.add_node("Work", "fn");
  const Value c = config(a);
  CHECK_FALSE(path(&c, {"provider", "runtime"}));
  CHECK_FALSE(fn_of(c, "Work").find("runtime"));
  CHECK(path(&c, {"resources", "extensions", "WorkLambdaFunction", "Properties", "Runtime"})->as_string() ==
        "python3.13");
  // The framework's own runtimes stay in the function.
  sbd::EmitOptions java;
  java.runtime = "java21";
  const Value j = config(a, java);
  CHECK(fn_of(j, "Work").find("runtime")->as_string() == "java21");
  CHECK(fn_of(j, "Work").find("handler")->as_string() == "starter.Handler::handleRequest");
  CHECK(path(&fn_of(j, "Work"), {"package", "artifact"})->as_string() == "src/Work/target/function.zip");
}

TEST_CASE("every trigger the framework supports is a native event") {
  const Value c = config(every());
  // bucket -> fn: an s3 event on a bucket the framework creates, with a literal name.
  auto s3 = events(c, "Processor", "s3");
  REQUIRE(s3.size() == 1);
  CHECK(s3[0].find("bucket")->as_string() == "Uploads");
  CHECK(path(&s3[0], {"rules"})->size() == 2);
  const Value* uploads = path(&c, {"provider", "s3", "Uploads"});
  REQUIRE(uploads);
  CHECK(uploads->find("name")->as_string() == "every-connection-uploads-${sls:stage}-${aws:region}");
  CHECK(path(uploads, {"versioningConfiguration", "Status"})->as_string() == "Enabled");
  CHECK(path(uploads, {"notificationConfiguration", "TopicConfigurations"}));
  CHECK(path(uploads, {"notificationConfiguration", "QueueConfigurations"}));
  CHECK_FALSE(res(c, "Uploads"));
  // table -> fn and stream -> fn: stream events.
  auto ddb = events(c, "StreamReader", "stream");
  REQUIRE(ddb.size() == 1);
  CHECK(ddb[0].find("type")->as_string() == "dynamodb");
  CHECK(is_tag(ddb[0].find("arn"), "!GetAtt", "Items.StreamArn"));
  CHECK(ddb[0].find("startingPosition")->as_string() == "TRIM_HORIZON");
  CHECK(ddb[0].find("batchSize")->as_int() == 50);
  CHECK(path(res(c, "Items"), {"Properties", "StreamSpecification", "StreamViewType"})->as_string() == "NEW_AND_OLD_IMAGES");
  auto kin = events(c, "KinesisReader", "stream");
  REQUIRE(kin.size() == 1);
  CHECK(kin[0].find("type")->as_string() == "kinesis");
  CHECK(is_tag(kin[0].find("arn"), "!GetAtt", "Clicks.Arn"));
  // api -> fn: http events on the framework's REST API, with the pool's authorizer.
  auto http = events(c, "ItemsFn", "http");
  REQUIRE(http.size() == 3);
  CHECK(http[0].find("method")->as_string() == "get");
  CHECK(http[0].find("path")->as_string() == "/items");
  CHECK(path(&http[0], {"authorizer", "type"})->as_string() == "COGNITO_USER_POOLS");
  CHECK(is_tag(path(&http[0], {"authorizer", "arn"}), "!GetAtt", "Users.Arn"));
  // httpApi -> fn: httpApi events, ANY as '*', the JWT authorizer in provider.httpApi.
  auto h = events(c, "StatusFn", "httpApi");
  REQUIRE(h.size() == 2);
  CHECK(h[1].find("method")->as_string() == "*");
  CHECK(h[1].find("path")->as_string() == "/{proxy+}");
  CHECK(path(&c, {"provider", "httpApi", "authorizers", "UsersAuthorizer", "type"})->as_string() == "jwt");
  // schedule, topic, queue, eventBus, iotRule.
  auto sch = events(c, "Reporter", "schedule");
  REQUIRE(sch.size() == 1);
  CHECK(sch[0].find("rate")->items().front().as_string() == "cron(0 3 * * ? *)");
  auto sns = events(c, "TopicSub", "sns");
  REQUIRE(sns.size() == 1);
  CHECK(is_tag(sns[0].find("arn"), "!Ref", "Notifications"));
  CHECK(sns[0].find("topicName")->as_string() == "Notifications");
  auto sqs = events(c, "Worker", "sqs");
  REQUIRE(sqs.size() == 1);
  CHECK(is_tag(sqs[0].find("arn"), "!GetAtt", "Jobs.Arn"));
  CHECK(sqs[0].find("batchSize")->as_int() == 5);
  CHECK(sqs[0].find("functionResponseType")->as_string() == "ReportBatchItemFailures");
  auto eb = events(c, "BusSub", "eventBridge");
  REQUIRE(eb.size() == 1);
  CHECK(is_tag(eb[0].find("eventBus"), "!Ref", "Bus"));
  CHECK(path(&eb[0], {"pattern", "detail-type"})->items().front().as_string() == "ItemChanged");
  auto iot = events(c, "IotFn", "iot");
  REQUIRE(iot.size() == 1);
  CHECK(iot[0].find("sql")->as_string() == "SELECT * FROM 'devices/+/telemetry'");
  // Invocations by callers need no event on the callee.
  CHECK_FALSE(fn_of(c, "Callee").find("events"));
  CHECK_FALSE(fn_of(c, "Transformer").find("events"));
}

TEST_CASE("what the framework has no event for is CloudFormation under resources") {
  const Value c = config(every());
  // A second REST API (it starts a state machine): an OpenAPI body.
  const Value* api = res(c, "PublicApi");
  REQUIRE(api);
  CHECK(api->find("Type")->as_string() == "AWS::ApiGateway::RestApi");
  const Value* post = path(api, {"Properties", "Body", "paths", "/orders", "post", "x-amazon-apigateway-integration"});
  REQUIRE(post);
  CHECK(post->find("type")->as_string() == "aws");
  CHECK(path(api, {"Properties", "Body", "components", "securitySchemes", "sigv4"}));  // the identity pool's IAM auth
  CHECK(res(c, "PublicApiStage"));
  CHECK(res(c, "PublicApiStatesRole"));
  CHECK(path(res(c, "Flow"), {"Type"})->as_string() == "AWS::StepFunctions::StateMachine");
  CHECK(path(res(c, "Flow"), {"Properties", "DefinitionSubstitutions", "StepWorkerArn"}));
  for (const char* id : {"Identity", "Users", "Items", "Analytics", "Firehose", "DirectFirehose", "Clicks", "Enriched",
                         "AlertRule", "DeviceRule", "Archive", "Notifications", "FailureTopic", "Jobs", "JobsDlq",
                         "Inbox", "Failures", "Bus", "WorkerErrors", "ApiErrors", "DbPassword", "Config", "Nightly"}) {
    INFO(id);
    CHECK(res(c, id));
  }
  // Resources of other nodes name functions by the framework's logical ids.
  CHECK(is_tag(path(res(c, "WorkerErrors"), {"Properties", "Dimensions"})->items().front().find("Value"), "!Ref",
               "WorkerLambdaFunction"));
  // The framework's own REST API and HTTP API serve the first API of each type.
  CHECK_FALSE(res(c, "Api"));
  CHECK_FALSE(res(c, "HttpApi"));
  CHECK(path(&c, {"provider", "stage"})->as_string() == "prod");
}

TEST_CASE("each function has a role of its own with least-privilege statements and its variables") {
  const Value c = config(every());
  const auto items = statements(c, "ItemsFn");
  CHECK(grants(items, "dynamodb:PutItem"));
  CHECK(grants(items, "execute-api:Invoke"));
  CHECK(grants(items, "kinesis:PutRecord"));
  CHECK(grants(items, "sns:Publish"));
  CHECK(grants(items, "lambda:InvokeFunction"));
  CHECK(grants(items, "logs:PutLogEvents"));
  CHECK_FALSE(grants(statements(c, "StatusFn"), "dynamodb:PutItem"));  // read only
  CHECK(grants(statements(c, "Worker"), "sqs:ReceiveMessage"));         // its event source
  CHECK(grants(statements(c, "Worker"), "sns:Publish"));                // its failure destination
  CHECK(grants(statements(c, "StreamReader"), "dynamodb:GetRecords"));
  CHECK(grants(statements(c, "KinesisReader"), "kinesis:GetRecords"));
  CHECK(grants(statements(c, "Callee"), "secretsmanager:GetSecretValue"));
  CHECK(grants(statements(c, "Callee"), "ssm:GetParameter"));
  CHECK(grants(statements(c, "Reporter"), "states:StartExecution"));
  CHECK(grants(statements(c, "BusSub"), "events:PutEvents"));
  // No wildcard action, no "*" resource, in any function's role.
  const sbd::Architecture arch = every();
  for (const sbd::Node& n : arch.nodes()) {
    if (n.kind != "fn") continue;
    for (const Value& s : statements(c, n.id)) {
      INFO(n.id << ": " << sbd::to_json(s, 0));
      std::vector<Value> actions, resources;
      for (auto [key, out] : {std::make_pair("Action", &actions), std::make_pair("Resource", &resources)}) {
        const Value* v = s.find(key);
        REQUIRE(v);
        if (v->is_list()) *out = v->items();
        else out->push_back(*v);
      }
      for (const Value& a : actions) {
        CHECK(a.as_string() != "*");
        CHECK(a.as_string().find(":*") == std::string::npos);  // no service-wide wildcard
      }
      for (const Value& r : resources) CHECK_FALSE((r.is_string() && r.as_string() == "*"));
    }
  }
  // The framework's bucket is named literally (no dependency cycle through it).
  const auto processor = statements(c, "Processor");
  bool literal = false;
  for (const Value& s : processor)
    if (sbd::to_json(s, 0).find("arn:${AWS::Partition}:s3:::every-connection-uploads-${sls:stage}-${aws:region}") !=
        std::string::npos)
      literal = true;
  CHECK(literal);
  // Wiring: one variable per outgoing edge, the model's own variables as strings.
  const Value* env = fn_of(c, "ItemsFn").find("environment");
  REQUIRE(env);
  CHECK(is_tag(env->find("ITEMS_TABLE"), "!Ref", "Items"));
  CHECK(is_tag(env->find("CALLEE_FUNCTION"), "!Ref", "CalleeLambdaFunction"));
  CHECK(is_tag(env->find("NOTIFICATIONS_TOPIC_ARN"), "!Ref", "Notifications"));
  CHECK(env->find("PUBLIC_API_URL")->tag() == "!Sub");
  CHECK(env->find("PAGE_SIZE")->as_string() == "25");
  const Value* penv = fn_of(c, "Processor").find("environment");
  CHECK(penv->find("UPLOADS_BUCKET")->as_string() == "every-connection-uploads-${sls:stage}-${aws:region}");
  CHECK(is_tag(path(&fn_of(c, "Reporter"), {"environment", "JOBS_QUEUE_URL"}), "!Ref", "Jobs"));
  // Asynchronous failures: the function's destination.
  CHECK(path(&fn_of(c, "Reporter"), {"destinations", "onFailure", "type"})->as_string() == "sqs");
  CHECK(path(&fn_of(c, "Worker"), {"destinations", "onFailure", "type"})->as_string() == "sns");
  // Settings.
  CHECK(fn_of(c, "ItemsFn").find("memorySize")->as_int() == 256);
  CHECK(fn_of(c, "StatusFn").find("architecture")->as_string() == "arm64");
  CHECK(fn_of(c, "Worker").find("reservedConcurrency")->as_int() == 5);
  CHECK(fn_of(c, "ItemsFn").find("handler")->as_string() == "src/ItemsFn/serverless_handler.handler");
}

TEST_CASE("overrides reach the node's resource, the framework's ones included") {
  sbd::Architecture a("my-app");
  sbd::Node& t = a.add_node("Photos", "table");
  t.overrides = Value::map();
  t.overrides.set("TableClass", "STANDARD_INFREQUENT_ACCESS");
  sbd::Node& f = a.add_node("Work", "fn");
  f.overrides = Value::map();
  f.overrides.set("TracingConfig", Value::map());
  f.overrides.find("TracingConfig")->set("Mode", "Active");
  const Value c = config(a);
  CHECK(path(res(c, "Photos"), {"Properties", "TableClass"})->as_string() == "STANDARD_INFREQUENT_ACCESS");
  CHECK(path(res(c, "WorkLambdaFunction"), {"Type"})->as_string() == "AWS::Lambda::Function");
  CHECK(path(res(c, "WorkLambdaFunction"), {"Properties", "TracingConfig", "Mode"})->as_string() == "Active");
}

TEST_CASE("functions that the framework would give the same name are refused") {
  sbd::Architecture a("my-app");
  a.add_node("resize", "fn");
  a.add_node("Resize", "fn");
  try {
    config(a);
    FAIL("no error");
  } catch (const sbd::Error& e) {
    CHECK(e.code() == sbd::ErrorCode::invalid);
    CHECK(std::string(e.what()).find("ResizeLambdaFunction") != std::string::npos);
  }
}

TEST_CASE("the output is deterministic") {
  const sbd::FileSet a = sbd::emit(every(), "serverless");
  const sbd::FileSet b = sbd::emit(every(), "serverless");
  CHECK(a.files() == b.files());
}

TEST_CASE("the serverless engine's output matches the golden files") {
  std::ifstream in(sbd_test::source_dir() + "/tests/golden/serverless/models.txt");
  std::string line;
  int models = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string name, model;
    words >> name >> model;
    model = model.rfind("corpus/", 0) == 0 ? sbd_test::corpus_dir() + "/" + model.substr(7)
                                           : sbd_test::source_dir() + "/" + model;
    const sbd::FileSet files = sbd::emit(sbd::read_file(model), "serverless");
    for (const char* f : {"serverless.yml", "README.md", "package.json", ".gitignore"}) {
      INFO(name << "/" << f << " differs: if the change is intended, run scripts/refresh-golden.sh serverless");
      const std::string golden = sbd_test::slurp(sbd_test::source_dir() + "/tests/golden/serverless/" + name + "/" + f);
      REQUIRE_FALSE(golden.empty());
      CHECK(files.at(f) == golden);
    }
    ++models;
  }
  CHECK(models >= 3);
}

TEST_CASE("resources that would refer to each other in a circle are refused") {
  const auto emit = [](const std::string& edges) {
    const sbd::Architecture a =
        sbd::read_string("sbd: 1\napp: cyc\nnodes:\n  A: {kind: fn}\n  B: {kind: fn}\n  Up: {kind: bucket}\nedges:\n" + edges);
    return sbd::emit(a, "serverless");
  };
  try {
    emit("  - \"A -> B: invoke\"\n  - \"B -> A: invoke\"\n");
    FAIL("no error");
  } catch (const sbd::Error& e) {
    CHECK(e.code() == sbd::ErrorCode::invalid);
    CHECK(std::string(e.what()).find("A, B") != std::string::npos);
  }
  // A function writing to the bucket that triggers it: the bucket's literal
  // name breaks the circle.
  const sbd::FileSet files = emit("  - Up -> A\n  - \"A -> Up: write\"\n");
  CHECK(files.at("serverless.yml").find("bucket: Up") != std::string::npos);
}

namespace {

// Where a node of the serverless.yml shows up: a function, a resource under
// its own id, or a resource the framework creates from the events.
bool rendered(const Value& c, const sbd::Node& n) {
  if (n.kind == "fn") return path(&c, {"functions", n.id.c_str()}) != nullptr;
  if (res(c, n.id)) return true;
  const std::string yml = sbd::to_yaml(c);
  if (n.kind == "bucket") return path(&c, {"provider", "s3", n.id.c_str()}) != nullptr;
  if (n.kind == "api") return yml.find("- http:") != std::string::npos;
  if (n.kind == "httpApi") return yml.find("- httpApi:") != std::string::npos;
  if (n.kind == "schedule") return yml.find("- schedule:") != std::string::npos;
  if (n.kind == "iotRule") return yml.find("- iot:") != std::string::npos;
  return false;
}

}  // namespace

TEST_CASE("every kind alone is rendered") {
  for (const sbd::KindSpec& k : sbd::Catalog::builtin().kinds()) {
    INFO("kind " << k.key);
    sbd::Architecture a("test-app");
    a.add_node("Node", k.key);
    const Value c = config(a);
    if (k.key == "schedule" || k.key == "iotRule") continue;  // nothing to do without targets
    if (k.key == "api" || k.key == "httpApi") {
      // Without functions the framework has no API to create: a CloudFormation API.
      CHECK(res(c, "Node"));
      continue;
    }
    CHECK(rendered(c, a.node("Node")));
  }
}

TEST_CASE("every connection and action of the catalog is rendered at both ends") {
  for (const sbd::ConnectionSpec& conn : sbd::Catalog::builtin().connections()) {
    for (const std::string& action : conn.actions) {
      INFO(conn.from << " -> " << conn.to << ": " << action);
      sbd::Architecture a("test-app");
      a.add_node("Src", conn.from);
      a.add_node("Dst", conn.to);
      a.connect("Src", "Dst", action);
      const Value c = config(a);
      CHECK(rendered(c, a.node("Src")));
      CHECK(rendered(c, a.node("Dst")));
      // The connection itself: the source refers to the target, or the
      // target to the source, somewhere in the document.
      const std::string yml = sbd::to_yaml(c);
      const bool src_fn = conn.from == "fn", dst_fn = conn.to == "fn";
      if (src_fn && conn.to != "alarm") {
        // A variable (not for on-failure) or a destination, and a statement.
        const Value& f = fn_of(c, "Src");
        CHECK((f.find("environment") || f.find("destinations")));
      } else if (dst_fn && conn.from != "cognitoIdentity" && conn.from != "deliveryStream" &&
                 conn.from != "stepFn" && conn.from != "fn") {
        CHECK(fn_of(c, "Dst").find("events"));
      } else {
        CHECK(yml.find("Dst") != std::string::npos);
        CHECK(yml.find("Src") != std::string::npos);
      }
    }
  }
}

TEST_CASE("a node named like a resource of the framework is refused, not merged into it") {
  for (const char* model : {"  ServerlessDeploymentBucket: {kind: table}\n",
                            "  Work: {kind: fn}\n  WorkLogGroup: {kind: queue}\n",
                            "  Api: {kind: api}\n  Work: {kind: fn}\n  ApiGatewayRestApi: {kind: topic}\nedges: [Api -> Work]\n"}) {
    INFO(model);
    const sbd::Architecture a = sbd::read_string(std::string("sbd: 1\napp: x\nnodes:\n") + model);
    try {
      config(a);
      FAIL("no error");
    } catch (const sbd::Error& e) {
      CHECK(e.code() == sbd::ErrorCode::invalid);
      CHECK(std::string(e.what()).find("Serverless Framework creates itself") != std::string::npos);
    }
  }
  // The framework's own HTTP API may serve a node of that name.
  const sbd::Architecture ok = sbd::read_string(
      "sbd: 1\napp: x\nnodes:\n  HttpApi: {kind: httpApi}\n  Work: {kind: fn}\nedges: [HttpApi -> Work]\n");
  CHECK_NOTHROW(config(ok));
}
