// The SAM engine: what each kind and connection becomes in template.yaml
// (checked on the document tree), the registry, overrides, determinism.
// The external checkers (cfn-lint, the SAM translator, moto) run in
// tests/python/test_sam_*.py.
#include <catch2/catch.hpp>

#include "emit/common/doc.hpp"
#include "emit/common/refs.hpp"
#include "emit/common/resources.hpp"
#include "emit/sam/template.hpp"
#include "test_support.hpp"

#include <sbd/emit.hpp>
#include <sbd/error.hpp>
#include <sbd/read.hpp>

#include <string>

using sbd::Value;

namespace {

Value tmpl(const sbd::Architecture& arch) { return sbd::detail::sam_template(arch, {}); }

const Value& res(const Value& t, const std::string& id) {
  const Value* r = t.find("Resources")->find(id);
  INFO("resource " << id);
  REQUIRE(r);
  return *r;
}

const Value* props(const Value& t, const std::string& id) { return res(t, id).find("Properties"); }

const Value* path(const Value* v, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    if (!v) return nullptr;
    v = v->find(k);
  }
  return v;
}

bool is_tag(const Value* v, const std::string& tag, const std::string& text) {
  return v && v->tag() == tag && v->is_string() && v->as_string() == text;
}

sbd::Architecture two(const std::string& from_kind, const std::string& to_kind) {
  sbd::Architecture a("test-app");
  a.add_node("Src", from_kind);
  a.add_node("Dst", to_kind);
  return a;
}

}  // namespace

TEST_CASE("an API route is METHOD /path; anything else is refused naming the node") {
  using sbd::detail::parse_api_route;
  const auto route = parse_api_route("get /items", "Api");
  CHECK(route.method == "GET");
  CHECK(route.path == "/items");
  const auto spaced = parse_api_route(" \t post \t /items/{id}  ", "Api");
  CHECK(spaced.method == "POST");
  CHECK(spaced.path == "/items/{id}");
  CHECK(parse_api_route("ANY /", "Api").path == "/");
  for (const char* bad : {"", "   ", "GET", "GET ", "FETCH /x", "GET items", "GET /a b", "/items"}) {
    INFO("'" << bad << "'");
    try {
      parse_api_route(bad, "Orders");
      FAIL("accepted");
    } catch (const sbd::Error& e) {
      CHECK(e.code() == sbd::ErrorCode::invalid);
      CHECK(std::string(e.what()).find("route '" + std::string(bad) + "' of Orders is not \"METHOD /path\"") !=
            std::string::npos);
    }
  }
}

TEST_CASE("the registry knows the SAM engine") {
  const auto names = sbd::engines();
  REQUIRE(std::find(names.begin(), names.end(), "sam") != names.end());
  const sbd::Engine* e = sbd::find_engine("sam");
  REQUIRE(e);
  CHECK(e->name() == "sam");
  CHECK_FALSE(e->summary().empty());
  CHECK(sbd::find_engine("nope") == nullptr);
  sbd::Architecture a("x");
  try {
    sbd::emit(a, "nope");
    FAIL("no error");
  } catch (const sbd::Error& err) {
    CHECK(err.code() == sbd::ErrorCode::not_found);
    CHECK(std::string(err.what()).find("sam") != std::string::npos);
  }
}

TEST_CASE("every kind's main resource has the catalog's type and the node id") {
  const sbd::Catalog& cat = sbd::Catalog::builtin();
  for (const sbd::KindSpec& k : cat.kinds()) {
    if (k.sam_type.empty()) continue;  // a schedule has no resource of its own
    sbd::Architecture a("test-app");
    a.add_node("Node", k.key);
    const Value t = tmpl(a);
    INFO("kind " << k.key);
    const Value* r = t.find("Resources")->find("Node");
    REQUIRE(r);
    CHECK(r->find("Type")->as_string() == k.sam_type);
  }
}

TEST_CASE("every connection of the catalog renders something") {
  // For each allowed pair and action: the template with the edge differs from
  // the template of the same two nodes without it.
  const sbd::Catalog& cat = sbd::Catalog::builtin();
  for (const sbd::ConnectionSpec& c : cat.connections()) {
    for (const std::string& action : c.actions) {
      sbd::Architecture without = two(c.from, c.to);
      sbd::Architecture with = two(c.from, c.to);
      with.connect("Src", "Dst", action);
      INFO(c.from << " -> " << c.to << ": " << action);
      CHECK(sbd::to_yaml(tmpl(with)) != sbd::to_yaml(tmpl(without)));
    }
  }
}

TEST_CASE("function to table: the policy template of the action and the table name") {
  for (auto [action, policy] : {std::make_pair("read", "DynamoDBReadPolicy"), std::make_pair("write", "DynamoDBWritePolicy"),
                                std::make_pair("read/write", "DynamoDBCrudPolicy")}) {
    sbd::Architecture a("test-app");
    a.add_node("Resize", "fn");
    a.add_node("PhotosTable", "table");
    a.connect("Resize", "PhotosTable", action);
    const Value t = tmpl(a);
    const Value* p = props(t, "Resize");
    CHECK(is_tag(path(p, {"Environment", "Variables", "PHOTOS_TABLE"}), "!Ref", "PhotosTable"));
    const Value* policies = p->find("Policies");
    REQUIRE(policies);
    REQUIRE(policies->size() == 1);
    INFO(action);
    CHECK(is_tag(path(&(*policies)[0], {policy, "TableName"}), "!Ref", "PhotosTable"));
  }
}

TEST_CASE("function wiring: variables and least-privilege permissions per edge") {
  sbd::Architecture a("test-app");
  a.add_node("Fn", "fn");
  a.add_node("Jobs", "queue");
  a.add_node("Alerts", "topic");
  a.add_node("Config", "parameter");
  a.add_node("Clicks", "stream");
  a.add_node("Other", "fn");
  a.connect("Fn", "Jobs", "send");
  a.connect("Fn", "Alerts", "notification");
  a.connect("Fn", "Config", "read");
  a.connect("Fn", "Clicks", "put");
  a.connect("Fn", "Other", "invoke");
  const Value t = tmpl(a);
  const Value* vars = path(props(t, "Fn"), {"Environment", "Variables"});
  REQUIRE(vars);
  CHECK(vars->keys() == std::vector<std::string>{"JOBS_QUEUE_URL", "ALERTS_TOPIC_ARN", "CONFIG_PARAMETER", "CLICKS_STREAM",
                                                 "OTHER_FUNCTION"});
  CHECK(is_tag(vars->find("JOBS_QUEUE_URL"), "!Ref", "Jobs"));
  CHECK(is_tag(vars->find("OTHER_FUNCTION"), "!Ref", "Other"));
  const std::string yaml = sbd::to_yaml(*props(t, "Fn")->find("Policies"));
  CHECK(yaml.find("SQSSendMessagePolicy:\n    QueueName: !GetAtt Jobs.QueueName") != std::string::npos);
  CHECK(yaml.find("SNSPublishMessagePolicy:\n    TopicName: !GetAtt Alerts.TopicName") != std::string::npos);
  CHECK(yaml.find("LambdaInvokePolicy:\n    FunctionName: !Ref Other") != std::string::npos);
  // No policy template fits a Kinesis producer or one SSM parameter without
  // granting more: explicit statements naming the resource.
  CHECK(yaml.find("kinesis:PutRecords") != std::string::npos);
  CHECK(yaml.find("Resource: !GetAtt Clicks.Arn") != std::string::npos);
  CHECK(yaml.find("ssm:GetParameter") != std::string::npos);
  CHECK(yaml.find("parameter/${Config}") != std::string::npos);
  CHECK(yaml.find("'*'") == std::string::npos);
}

TEST_CASE("on-failure edges are async failure destinations, without a variable") {
  sbd::Architecture a("test-app");
  a.add_node("Fn", "fn");
  a.add_node("Dlq", "queue");
  a.connect("Fn", "Dlq", "on-failure");
  const Value t = tmpl(a);
  const Value* p = props(t, "Fn");
  CHECK(p->find("Environment") == nullptr);
  const Value* onf = path(p, {"EventInvokeConfig", "DestinationConfig", "OnFailure"});
  REQUIRE(onf);
  CHECK(onf->find("Type")->as_string() == "SQS");
  CHECK(is_tag(onf->find("Destination"), "!GetAtt", "Dlq.Arn"));
}

TEST_CASE("event sources: an event per trigger, with the edge's properties") {
  sbd::Architecture a("test-app");
  a.add_node("Api", "api", Value(sbd::detail::obj({{"routes", sbd::detail::arr({Value("GET /photos/{id}"), Value("POST /photos")})}})));
  a.add_node("Uploads", "bucket");
  a.add_node("Jobs", "queue");
  a.add_node("Photos", "table");
  a.add_node("Nightly", "schedule", sbd::detail::obj({{"expression", "cron(0 3 * * ? *)"}}));
  a.add_node("Fn", "fn");
  a.connect("Api", "Fn");
  a.connect("Uploads", "Fn", "", sbd::detail::obj({{"prefix", "in/"}}));
  a.connect("Jobs", "Fn", "", sbd::detail::obj({{"batch_size", 50}}));
  a.connect("Photos", "Fn");
  a.connect("Nightly", "Fn");
  const Value t = tmpl(a);
  const Value* ev = props(t, "Fn")->find("Events");
  REQUIRE(ev);
  CHECK(ev->keys() == std::vector<std::string>{"ApiGetPhotosId", "ApiPostPhotos", "UploadsS3", "JobsSqs", "PhotosStream",
                                               "NightlySchedule"});
  CHECK(path(ev, {"ApiGetPhotosId", "Properties", "Path"})->as_string() == "/photos/{id}");
  CHECK(path(ev, {"ApiGetPhotosId", "Properties", "Method"})->as_string() == "get");
  CHECK(is_tag(path(ev, {"ApiPostPhotos", "Properties", "RestApiId"}), "!Ref", "Api"));
  CHECK(path(ev, {"UploadsS3", "Type"})->as_string() == "S3");
  CHECK(sbd::to_yaml(*path(ev, {"UploadsS3", "Properties", "Filter"})).find("Value: in/") != std::string::npos);
  CHECK(path(ev, {"JobsSqs", "Properties", "BatchSize"})->as_int() == 50);
  CHECK(path(ev, {"JobsSqs", "Properties", "MaximumBatchingWindowInSeconds"})->as_int() == 1);
  CHECK(is_tag(path(ev, {"PhotosStream", "Properties", "Stream"}), "!GetAtt", "Photos.StreamArn"));
  CHECK(path(props(t, "Photos"), {"StreamSpecification", "StreamViewType"})->as_string() == "NEW_AND_OLD_IMAGES");
  CHECK(path(ev, {"NightlySchedule", "Properties", "Schedule"})->as_string() == "cron(0 3 * * ? *)");
}

TEST_CASE("a bucket that notifies a topic is named so that the topic policy can name it") {
  sbd::Architecture a("test-app");
  a.add_node("Uploads", "bucket");
  a.add_node("Alerts", "topic");
  a.connect("Uploads", "Alerts");
  CHECK(sbd::detail::bucket_needs_explicit_name(a, a.node("Uploads")));
  const Value t = tmpl(a);
  const Value& bucket = res(t, "Uploads");
  CHECK(bucket.find("DependsOn")->as_string() == "AlertsPolicy");
  CHECK(path(bucket.find("Properties"), {"BucketName"})->tag() == "!Sub");
  const std::string policy = sbd::to_yaml(res(t, "AlertsPolicy"));
  CHECK(policy.find("s3.amazonaws.com") != std::string::npos);
  CHECK(policy.find("test-app-uploads-${AWS::AccountId}-${Suffix}") != std::string::npos);
  // A bucket that only triggers a function that does not use it keeps its
  // generated name; one whose function writes back to it is named.
  sbd::Architecture b("test-app");
  b.add_node("Uploads", "bucket");
  b.add_node("Fn", "fn");
  b.connect("Uploads", "Fn");
  CHECK_FALSE(sbd::detail::bucket_needs_explicit_name(b, b.node("Uploads")));
  b.connect("Fn", "Uploads", "write");
  CHECK(sbd::detail::bucket_needs_explicit_name(b, b.node("Uploads")));
}

TEST_CASE("safe deployments: alias, preference, alarms and hooks") {
  sbd::Architecture a = sbd::read_string(R"(sbd: 1
app: deploy-app
deployment: {type: Linear10PercentEvery1Minute, alarms: [Errs], pre_traffic: Smoke}
nodes:
  Fn: {kind: fn}
  Smoke: {kind: fn}
  Errs: {kind: alarm}
edges:
  - Fn -> Errs
)");
  const Value t = tmpl(a);
  const Value* p = props(t, "Fn");
  CHECK(p->find("AutoPublishAlias")->as_string() == "live");
  const Value* pref = p->find("DeploymentPreference");
  REQUIRE(pref);
  CHECK(pref->find("Type")->as_string() == "Linear10PercentEvery1Minute");
  CHECK(is_tag(&(*pref->find("Alarms"))[0], "!Ref", "Errs"));
  CHECK(is_tag(path(pref, {"Hooks", "PreTraffic"}), "!Ref", "Smoke"));
  CHECK(is_tag(pref->find("Role"), "!GetAtt", "DeploymentRole.Arn"));
  const Value* hook = props(t, "Smoke");
  CHECK(hook->find("DeploymentPreference") == nullptr);
  CHECK(sbd::to_yaml(*hook->find("Policies")).find("codedeploy:PutLifecycleEventHookExecutionStatus") != std::string::npos);
}

TEST_CASE("overrides are merged last into the main resource") {
  sbd::Architecture a("test-app");
  sbd::Node& fn = a.add_node("Fn", "fn", sbd::detail::obj({{"memory", 512}}));
  fn.overrides = sbd::detail::obj({{"MemorySize", 2048},
                                   {"Tracing", "Active"},
                                   {"Environment", sbd::detail::obj({{"Variables", sbd::detail::obj({{"EXTRA", "1"}})}})}});
  sbd::Node& q = a.add_node("Jobs", "queue");
  q.overrides = sbd::detail::obj({{"MessageRetentionPeriod", Value()}, {"DelaySeconds", 5}});
  a.connect("Fn", "Jobs", "send");
  const Value t = tmpl(a);
  const Value* p = props(t, "Fn");
  CHECK(p->find("MemorySize")->as_int() == 2048);
  CHECK(p->find("Tracing")->as_string() == "Active");
  const Value* vars = path(p, {"Environment", "Variables"});
  CHECK(vars->keys() == std::vector<std::string>{"JOBS_QUEUE_URL", "EXTRA"});
  const Value* qp = props(t, "Jobs");
  CHECK(qp->find("MessageRetentionPeriod") == nullptr);  // null removes
  CHECK(qp->find("DelaySeconds")->as_int() == 5);
}

TEST_CASE("settings most functions share go to Globals") {
  sbd::Architecture a("test-app");
  a.add_node("A", "fn", sbd::detail::obj({{"timeout", 10}, {"architecture", "arm64"}}));
  a.add_node("B", "fn", sbd::detail::obj({{"timeout", 20}, {"memory", 256}}));
  a.add_node("C", "fn", sbd::detail::obj({{"timeout", 20}}));
  a.add_node("D", "fn", sbd::detail::obj({{"timeout", 30}}));
  const Value t = tmpl(a);
  const Value* g = path(&t, {"Globals", "Function"});
  REQUIRE(g);
  CHECK(g->keys() == std::vector<std::string>{"Runtime", "MemorySize", "Timeout"});
  CHECK(g->find("Runtime")->as_string() == "python3.13");
  CHECK(g->find("MemorySize")->as_int() == 128);
  CHECK(g->find("Timeout")->as_int() == 20);
  CHECK(props(t, "A")->find("Runtime") == nullptr);
  CHECK(props(t, "A")->find("Timeout")->as_int() == 10);  // differs: kept
  CHECK(props(t, "C")->find("Timeout") == nullptr);
  CHECK(props(t, "B")->find("MemorySize")->as_int() == 256);
  // A list is concatenated by SAM's Globals: only hoisted when all agree.
  CHECK(props(t, "A")->find("Architectures"));
  CHECK(props(t, "B")->find("Architectures"));
}

TEST_CASE("the template's frame: version, transform, description, outputs") {
  sbd::Architecture a("test-app");
  a.settings().description = "A test";
  a.add_node("Api", "api");
  a.add_node("Fn", "fn");
  a.add_node("T", "table");
  a.add_node("B", "bucket");
  a.add_node("Q", "queue");
  a.add_node("S", "topic");
  a.connect("Api", "Fn");
  const Value t = tmpl(a);
  CHECK(t.keys() == std::vector<std::string>{"AWSTemplateFormatVersion", "Transform", "Description", "Resources", "Outputs"});
  CHECK(t.find("Transform")->as_string() == "AWS::Serverless-2016-10-31");
  CHECK(t.find("Description")->as_string().find("A test") != std::string::npos);
  CHECK(t.find("Outputs")->keys() == std::vector<std::string>{"ApiUrl", "BName", "FnArn", "QUrl", "SArn", "TName"});
  CHECK(sbd::to_yaml(*t.find("Outputs")).find("!Sub https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod/") !=
        std::string::npos);
}

TEST_CASE("generated ids never collide with node ids") {
  sbd::Architecture a("test-app");
  a.add_node("Pool", "userPool");
  a.add_node("PoolClient", "queue");  // takes the id the user pool's client would get
  const Value t = tmpl(a);
  CHECK(res(t, "PoolClient").find("Type")->as_string() == "AWS::SQS::Queue");
  CHECK(res(t, "PoolClient2").find("Type")->as_string() == "AWS::Cognito::UserPoolClient");
}

TEST_CASE("routes are parsed, bad ones refused with the node named") {
  using sbd::detail::parse_route;
  CHECK(parse_route("GET /photos", "Api").method == "GET");
  CHECK(parse_route("  post   /a/{b} ", "Api").path == "/a/{b}");
  CHECK(parse_route("post /a", "Api").method == "POST");
  CHECK(parse_route("ANY /{proxy+}", "Api").method == "ANY");
  for (const char* bad : {"", "GET", "/photos", "FETCH /x", "GET photos", "GET /a b"}) {
    INFO(bad);
    try {
      parse_route(bad, "MyApi");
      FAIL("accepted");
    } catch (const sbd::Error& e) {
      CHECK(e.code() == sbd::ErrorCode::invalid);
      CHECK(std::string(e.what()).find("MyApi") != std::string::npos);
    }
  }
}

TEST_CASE("the same model gives the same bytes, whatever the order of its nodes") {
  const std::string model = sbd_test::slurp(sbd_test::source_dir() + "/tests/fixtures/sam/every-connection.yaml");
  const sbd::Architecture a = sbd::read_string(model);
  const sbd::FileSet one = sbd::emit(a, "sam");
  const sbd::FileSet two = sbd::emit(sbd::read_string(model), "sam");
  CHECK(one.files() == two.files());
  REQUIRE(one.contains("template.yaml"));
  for (const char* f : {"README.md", ".gitignore", "samconfig.toml"}) CHECK(one.contains(f));

  sbd::Architecture x("order"), y("order");
  x.add_node("B", "bucket");
  x.add_node("A", "table");
  y.add_node("A", "table");
  y.add_node("B", "bucket");
  CHECK(sbd::to_yaml(tmpl(x)) == sbd::to_yaml(tmpl(y)));
}

TEST_CASE("every browser-tool example emits a template with a resource per node") {
  for (const char* ex : {"basic-api", "firehose", "full-app", "iot", "s3-processing", "stream-test"}) {
    INFO(ex);
    const sbd::Architecture a = sbd::read_file(sbd_test::corpus_dir() + "/sbd-examples/" + ex + ".json");
    const sbd::FileSet files = sbd::emit(a, "sam");
    const Value t = tmpl(a);
    for (const sbd::Node& n : a.nodes()) {
      if (n.kind == "schedule") continue;
      if (n.kind == "iotRule" && !a.out_edges(n.id).empty() && a.out_edges(n.id).front()->to == n.id) {
        CHECK(t.find("Resources")->find(n.id));  // a republishing rule has its own topic rule
        continue;
      }
      if (n.kind == "iotRule") continue;  // functions' IoTRule events make the rule
      CHECK(t.find("Resources")->find(n.id));
    }
    for (const sbd::Node& n : a.nodes()) {
      if (n.kind != "fn") continue;
      const std::string dir = "src/" + n.id + "/";
      const auto it = files.files().lower_bound(dir);
      CHECK((it != files.end() && it->first.compare(0, dir.size(), dir) == 0));  // its starter code
    }
  }
}

TEST_CASE("explicit bucket names: one linear pass agrees with the search per bucket") {
  // Buckets that notify, that trigger a function writing back (directly or
  // through another function), and that trigger one that does not.
  sbd::Architecture a = sbd::read_string(R"(sbd: 1
app: names
nodes:
  Notifies: {kind: bucket}
  Loop: {kind: bucket}
  Far: {kind: bucket}
  Plain: {kind: bucket}
  Alerts: {kind: topic}
  A: {kind: fn}
  B: {kind: fn}
  C: {kind: fn}
  D: {kind: fn}
edges:
  - Notifies -> Alerts
  - Loop -> A
  - "A -> Loop: write"
  - Far -> B
  - "B -> C: invoke"
  - "C -> Far: read"
  - Plain -> D
  - "D -> Loop: read"
)");
  const std::vector<char> all = sbd::detail::buckets_needing_explicit_names(a);
  for (const sbd::Node& n : a.nodes()) {
    INFO(n.id);
    CHECK((all[n.index] != 0) == sbd::detail::bucket_needs_explicit_name(a, n));
  }
  CHECK(all[a.node("Notifies").index]);
  CHECK(all[a.node("Loop").index]);
  CHECK(all[a.node("Far").index]);
  CHECK_FALSE(all[a.node("Plain").index]);
  const sbd::detail::ReferenceScope scope(a);
  CHECK(sbd::detail::bucket_needs_explicit_name(a, a.node("Far")));
  CHECK_FALSE(sbd::detail::bucket_needs_explicit_name(a, a.node("Plain")));
}

TEST_CASE("a model whose resources would refer to each other in a circle is refused") {
  const auto refused = [](const std::string& edges, const std::string& nodes) {
    const sbd::Architecture a = sbd::read_string("sbd: 1\napp: cyc\nnodes:\n" + nodes + "edges:\n" + edges);
    try {
      sbd::emit(a, "sam");
    } catch (const sbd::Error& e) {
      CHECK(e.code() == sbd::ErrorCode::invalid);
      CHECK(std::string(e.what()).find("circle") != std::string::npos);
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string fns = "  A: {kind: fn}\n  B: {kind: fn}\n  Api: {kind: api}\n  Up: {kind: bucket}\n";
  CHECK(refused("  - \"A -> B: invoke\"\n  - \"B -> A: invoke\"\n", fns).find("A, B") != std::string::npos);
  CHECK(refused("  - Api -> A\n  - \"A -> Api: invoke\"\n", fns).find("A, Api") != std::string::npos);
  // Broken by an explicit bucket name: accepted.
  CHECK(refused("  - Up -> A\n  - \"A -> Up: write\"\n", fns).empty());
  // A rule republishing into itself refers to a topic, not to itself.
  CHECK(refused("  - R -> R\n", "  R: {kind: iotRule}\n").empty());
}

TEST_CASE("a REST API that integrates nothing answers 501 from a mock, so that it deploys") {
  sbd::Architecture a = sbd::read_string(R"(sbd: 1
app: lonely
nodes:
  Api: {kind: api, routes: ["GET /a", "POST /a", "ANY /b"]}
  Used: {kind: api}
  Fn: {kind: fn}
edges:
  - Used -> Fn
)");
  const Value t = tmpl(a);
  const Value* paths = path(props(t, "Api"), {"DefinitionBody", "paths"});
  REQUIRE(paths);
  CHECK(paths->keys() == std::vector<std::string>{"/a", "/b"});
  CHECK(paths->find("/a")->keys() == std::vector<std::string>{"get", "post"});
  CHECK(path(paths, {"/b", "x-amazon-apigateway-any-method", "x-amazon-apigateway-integration", "type"})->as_string() ==
        "mock");
  CHECK(props(t, "Used")->find("DefinitionBody") == nullptr);
}

TEST_CASE("a model without any resource is refused: a template needs one") {
  sbd::Architecture empty("empty");
  CHECK_THROWS_AS(sbd::emit(empty, "sam"), sbd::Error);
  sbd::Architecture sched("sched");
  sched.add_node("S", "schedule");
  try {
    sbd::emit(sched, "sam");
    FAIL("accepted");
  } catch (const sbd::Error& e) {
    CHECK(e.code() == sbd::ErrorCode::invalid);
  }
}

TEST_CASE("ids of the longest allowed node ids stay valid logical ids") {
  sbd::Architecture a("long");
  const std::string id = "T" + std::string(254, 'x');
  a.add_node(id, "userPool");
  a.add_node(id.substr(0, 254) + "Y", "userPool");
  const Value t = tmpl(a);
  for (const char* section : {"Resources", "Outputs"})
    for (const std::string& k : t.find(section)->keys()) {
      INFO(section << ": " << k.size());
      CHECK(sbd::is_valid_logical_id(k));
    }
  CHECK(t.find("Resources")->size() == 4);
  CHECK(t.find("Outputs")->size() == 4);
}
