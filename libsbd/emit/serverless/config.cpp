// The serverless.yml builder. Functions and their native events are the
// framework's (functions:, provider.s3, provider.httpApi); every other node
// and connection is plain CloudFormation under resources:, built by the
// shared CfnBuilder with the framework's names for the resources it creates
// itself. See docs/engines/serverless.md.
#include "emit/serverless/engine.hpp"

#include "emit/common/doc.hpp"
#include "emit/common/iam.hpp"
#include "emit/common/refs.hpp"
#include "emit/common/resources.hpp"
#include "emit/common/wiring.hpp"
#include "emit/starter/starter.hpp"

#include <sbd/error.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace sbd::detail {

namespace {

// The resources Serverless Framework v3 creates for any service: node ids and
// sbd's own resources must not take these logical ids.
const std::set<std::string> kFrameworkIds = {
    "ServerlessDeploymentBucket", "ServerlessDeploymentBucketPolicy", "IamRoleLambdaExecution",
    "ApiGatewayRestApi", "ApiGatewayDeployment", "HttpApi", "HttpApiStage", "HttpApiLogGroup"};

// Serverless v3.40's awsLambdaRuntime enum (lib/plugins/aws/provider.js).
const std::set<std::string> kV3Runtimes = {
    "dotnet6",      "go1.x",       "java21",      "java17",          "java11",     "java8",
    "java8.al2",    "nodejs14.x",  "nodejs16.x",  "nodejs18.x",      "nodejs20.x", "provided",
    "provided.al2", "provided.al2023", "python3.7", "python3.8",     "python3.9",  "python3.10",
    "python3.11",   "ruby2.7",     "ruby3.2"};

// A map that grows with the model (an entry per function, per bucket...).
// Value::set finds a key by scanning the map, so n entries cost n^2 (at
// 10,000 cells, 20,000 functions: seconds). Here the keys are indexed; the
// order of the entries, and a key set twice replacing its entry in place,
// are Value::set's.
class GrowingMap {
 public:
  GrowingMap() = default;
  /// Takes a map built elsewhere, its keys indexed.
  explicit GrowingMap(Value map) : map_(std::move(map)) {
    index_.reserve(map_.size());
    for (std::size_t i = 0; i < map_.keys().size(); ++i) index_.emplace(map_.keys()[i], i);
  }
  void set(std::string key, Value v) {
    auto [at, fresh] = index_.try_emplace(key, map_.size());
    if (fresh) map_.append(std::move(key), std::move(v));
    else map_.value_at(at->second) = std::move(v);
  }
  std::size_t size() const noexcept { return map_.size(); }
  /// The map, moved out (the builder's last use of it).
  Value take() {
    index_.clear();
    return std::move(map_);
  }

 private:
  Value map_ = Value::map();
  std::unordered_map<std::string, std::size_t> index_;
};

std::string upper_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string lower_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

// provider.s3 takes a bucket's CloudFormation properties with the first
// letter in lower case (the framework upper-cases it back).
Value lower_first_keys(const Value& props) {
  Value out = Value::map();
  for (std::size_t i = 0; i < props.keys().size(); ++i) out.set(lower_first(props.keys()[i]), props.value_at(i));
  return out;
}

class SlsBuilder final : public CfnBuilder {
 public:
  SlsBuilder(const Architecture& arch, const EmitOptions& options)
      : CfnBuilder(arch, reserved(arch)), options_(options) {
    // The framework's one REST API and one HTTP API serve the first API node
    // of each type (in id order) whose targets are all functions.
    for (const std::string& id : arch_.sorted_ids()) {
      const Node& n = arch_.node(id);
      if (n.kind == "fn") {
        const std::string key = upper_first(n.id);
        auto [it, fresh] = fn_keys_.emplace(key, n.id);
        if (!fresh)
          throw Error(ErrorCode::invalid, "functions " + it->second + " and " + n.id +
                                              " get the same resource name in the Serverless Framework (" + key +
                                              "LambdaFunction): rename one");
      }
      if ((n.kind == "api" && native_rest_.empty()) || (n.kind == "httpApi" && native_http_.empty())) {
        bool any_fn = false, other = false;
        for (const Edge* e : outs(n)) (to(*e).kind == "fn" ? any_fn : other) = true;
        if (any_fn && !other) (n.kind == "api" ? native_rest_ : native_http_) = n.id;
      }
      if (n.kind == "bucket" && !outs(n, "fn").empty()) framework_buckets_.insert(n.id);
    }
    // A node whose resource would take a logical id the framework gives one
    // of its own resources: the framework would merge the two.
    const std::set<std::string> framework_ids = reserved(arch_);
    for (const Node& n : arch_.nodes()) {
      const std::string lid = logical_id(n);
      if (lid != n.id || !framework_ids.count(n.id)) continue;
      if ((n.kind == "api" && n.id == native_rest_) || (n.kind == "httpApi" && n.id == native_http_)) continue;
      throw Error(ErrorCode::invalid, "node " + n.id +
                                          " has the logical id of a resource the Serverless Framework creates itself: "
                                          "rename it");
    }
  }

  Value build();

  // ---- naming ------------------------------------------------------------------
  std::string logical_id(const Node& n) const override {
    if (n.kind == "fn") return upper_first(n.id) + "LambdaFunction";
    if (n.kind == "api" && n.id == native_rest_) return "ApiGatewayRestApi";
    if (n.kind == "httpApi" && n.id == native_http_) return "HttpApi";
    if (is_framework_bucket(n)) return "S3Bucket" + upper_first(n.id);
    return n.id;
  }
  Value name(const Node& n) const override {
    if (is_framework_bucket(n)) return Value(bucket_literal(n));
    return CfnBuilder::name(n);
  }
  Value arn(const Node& n) const override {
    if (is_framework_bucket(n)) return sub("arn:${AWS::Partition}:s3:::" + bucket_literal(n));
    return CfnBuilder::arn(n);
  }
  Value url(const Node& n) const override {
    if (n.kind == "api" && n.id == native_rest_)
      return sub("https://${ApiGatewayRestApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${sls:stage}/");
    return CfnBuilder::url(n);
  }

 private:
  static std::set<std::string> reserved(const Architecture& arch) {
    std::set<std::string> r = kFrameworkIds;
    for (const Node& n : arch.nodes()) {
      if (n.kind != "fn") continue;
      const std::string key = upper_first(n.id);
      for (const char* s : {"LambdaFunction", "LogGroup"}) r.insert(key + s);
    }
    return r;
  }
  bool is_framework_bucket(const Node& n) const { return n.kind == "bucket" && framework_buckets_.count(n.id); }
  // The literal name the framework gives a bucket it creates: lower case,
  // unique per app, bucket, stage and region (S3 names are global).
  std::string bucket_literal(const Node& n) const {
    std::string p = lower_ascii(kebab(arch_.name())) + "-" + lower_ascii(kebab(n.id));
    std::string out;
    for (char c : p)
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') out.push_back(c);
    if (out.size() > 32) out.resize(32);
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out + "-${sls:stage}-${aws:region}";
  }

  void function(const Node& fn);
  Value function_events(const Node& fn, const StarterInfo& info);
  Value function_role(const Node& fn);
  void node(const Node& n);

  const EmitOptions& options_;
  std::map<std::string, std::string> fn_keys_;
  std::string native_rest_, native_http_;
  std::set<std::string> framework_buckets_;
  GrowingMap functions_;
  GrowingMap provider_s3_;
  Value http_authorizers_ = Value::map();
  GrowingMap extensions_;
  GrowingMap framework_overrides_;
  std::string provider_stage_;
};

// ---- the document --------------------------------------------------------------------

Value SlsBuilder::build() {
  reserve_documents();
  const std::vector<std::string> ids = arch_.sorted_ids();
  for (const std::string& id : ids) node(arch_.node(id));
  merge_node_overrides();

  const AppSettings& s = arch_.settings();
  Value doc = Value::map();
  doc.set("service", s.name);
  doc.set("frameworkVersion", "3");
  doc.set("configValidationMode", "error");

  Value provider = Value::map();
  provider.set("name", "aws");
  const std::string app_runtime = options_.runtime.empty() ? arch_.runtime() : options_.runtime;
  if (kV3Runtimes.count(app_runtime)) provider.set("runtime", app_runtime);
  if (!native_rest_.empty()) provider.set("stage", str(arch_.node(native_rest_), "stage", "prod"));
  provider.set("region", "${opt:region, 'us-east-1'}");
  std::string description = s.description.empty() ? s.name : s.name + ": " + s.description;
  provider.set("stackTags", obj({{"sbd:app", s.name}}));
  if (!native_rest_.empty()) {
    const Node& api = arch_.node(native_rest_);
    Value gw = obj({{"description", api.description.empty() ? "REST API " + api.id + " of " + s.name : api.description}});
    provider.set("apiGateway", gw);
  }
  if (http_authorizers_.size() > 0) provider.set("httpApi", obj({{"authorizers", http_authorizers_}}));
  if (provider_s3_.size() > 0) provider.set("s3", provider_s3_.take());
  doc.set("provider", std::move(provider));
  // Each function packages its own folder only (patterns below), so the
  // framework need not run `npm ls` to leave out development dependencies.
  doc.set("package", obj({{"individually", true}, {"excludeDevDependencies", false}}));
  if (functions_.size() > 0) doc.set("functions", functions_.take());

  // The documents are moved, not copied, into serverless.yml: this is the
  // builder's last use of them.
  Value res = Value::map();
  res.set("Description", description + " (generated by sbd from the architecture model)");
  if (parameters().size() > 0) res.set("Parameters", std::move(parameters()));
  if (framework_overrides_.size() == 0) {
    res.set("Resources", std::move(resources()));
  } else {
    GrowingMap all(std::move(resources()));
    Value overrides = framework_overrides_.take();
    for (std::size_t i = 0; i < overrides.keys().size(); ++i) all.set(overrides.keys()[i], std::move(overrides.value_at(i)));
    res.set("Resources", all.take());
  }
  if (outputs().size() > 0) res.set("Outputs", std::move(outputs()));
  if (extensions_.size() > 0) res.set("extensions", extensions_.take());
  doc.set("resources", std::move(res));
  return doc;
}

void SlsBuilder::node(const Node& n) {
  const std::string& k = n.kind;
  if (k == "fn") function(n);
  else if (k == "api") {
    if (n.id != native_rest_) rest_api(n);
  } else if (k == "httpApi") {
    if (n.id != native_http_) http_api(n);
    else {
      // JWT authorizers of the framework's HTTP API.
      for (const Edge* e : ins(n, "userPool")) {
        const Node& pool = from(*e);
        http_authorizers_.set(pool.id + "Authorizer",
                              obj({{"type", "jwt"},
                                   {"identitySource", "$request.header.Authorization"},
                                   {"issuerUrl", sub("https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/${" + logical_id(pool) + "}")},
                                   {"audience", arr({cf_ref(aux(pool.id, "Client"))})}}));
      }
    }
  } else if (k == "bucket" && is_framework_bucket(n)) {
    // The framework creates this bucket for the functions' s3 events:
    // its properties go to provider.s3, what it waits for to extensions.
    auto [p, waits] = bucket_properties(n);
    p.erase("BucketName");
    Value conf = obj({{"name", bucket_literal(n)}});
    Value lowered = lower_first_keys(p);
    for (std::size_t i = 0; i < lowered.keys().size(); ++i) conf.set(lowered.keys()[i], lowered.value_at(i));
    if (n.overrides.is_map())
      for (std::size_t i = 0; i < n.overrides.keys().size(); ++i)
        if (!n.overrides.value_at(i).is_null()) conf.set(lower_first(n.overrides.keys()[i]), n.overrides.value_at(i));
    provider_s3_.set(n.id, std::move(conf));
    if (!waits.empty()) extensions_.set(logical_id(n), obj({{"DependsOn", str_list(waits)}}));
    output(n.id + "Name", "Name of bucket " + n.id, name(n));
  } else if (k == "stepFn") state_machine(n);
  else if (!plain_node(n))
    throw Error(ErrorCode::invalid, "the Serverless Framework engine has no resource for kind '" + k + "' of node " + n.id);
}

// ---- functions -------------------------------------------------------------------------

Value SlsBuilder::function_role(const Node& fn) {
  // Least privilege: its own log group, the targets of its edges, its event
  // sources (the framework grants those only to its shared default role),
  // its failure destination.
  Value statements = Value::list();
  auto add = [&](Value st) {
    if (std::find(statements.items().begin(), statements.items().end(), st) == statements.items().end())
      statements.push_back(std::move(st));
  };
  add(allow({"logs:CreateLogStream", "logs:PutLogEvents"},
            sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/${self:service}-${sls:stage}-" +
                fn.id + ":*")));
  for (const Edge* e : outs(fn)) {
    const Node& t = to(*e);
    if (e->action == "on-failure") {
      if (t.kind == "queue") add(allow({"sqs:SendMessage"}, arn(t)));
      else if (t.kind == "topic") add(allow({"sns:Publish"}, arn(t)));
      continue;
    }
    if (is_framework_bucket(t)) {
      add(s3_access_statement(e->action, arn(t)));
      continue;
    }
    const Access access = function_access(arch_, *e, ids());
    for (const Value& st : access.statements.items()) add(st);
  }
  for (const Edge* e : triggers_of(arch_, fn)) {
    const Node& src = from(*e);
    if (src.kind == "queue")
      add(allow({"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"},
                arn(src)));
    else if (src.kind == "stream")
      add(kinesis_read_statement(arn(src)));
    else if (src.kind == "table")
      add(allow({"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"},
                get_att(logical_id(src), "StreamArn")));
  }
  return obj({{"AssumeRolePolicyDocument", assume_role_policy("lambda.amazonaws.com")},
              {"Policies", inline_policy(fn.id + "Access", statements)}});
}

void SlsBuilder::function(const Node& fn) {
  const StarterInfo info = starter_info(arch_, fn, options_);
  const SlsCode code = serverless_code(arch_, fn, options_);
  Value f = Value::map();
  f.set("handler", code.handler);
  if (!fn.description.empty()) f.set("description", fn.description);
  if (kV3Runtimes.count(info.runtime)) {
    f.set("runtime", info.runtime);
  } else {
    // Serverless v3's schema predates this runtime: the function's resource
    // gets it directly.
    extensions_.set(logical_id(fn), obj({{"Properties", obj({{"Runtime", info.runtime}})}}));
  }
  f.set("architecture", str(fn, "architecture", "x86_64"));
  f.set("memorySize", integer(fn, "memory", 128));
  f.set("timeout", integer(fn, "timeout", 3));
  if (const Value* rc = prop(fn, "reserved_concurrency"); rc && rc->is_int()) f.set("reservedConcurrency", rc->as_int());

  const std::string role = aux(fn.id, "Role");
  resource(role, "AWS::IAM::Role", function_role(fn));
  f.set("role", role);

  Value vars = Value::map();
  for (const Wire& w : wires_of(arch_, fn))
    vars.set(w.env_var, w.value_kind == "url" ? url(*w.target) : w.value_kind == "arn" ? arn(*w.target) : name(*w.target));
  if (const Value* env = prop(fn, "environment"); env && env->is_map())
    for (std::size_t i = 0; i < env->keys().size(); ++i) vars.set(env->keys()[i], env_string(env->value_at(i)));
  if (vars.size() > 0) f.set("environment", vars);

  for (const Edge* e : outs(fn)) {
    if (e->action != "on-failure") continue;
    const Node& t = to(*e);
    f.set("destinations", obj({{"onFailure", obj({{"type", t.kind == "queue" ? "sqs" : "sns"}, {"arn", arn(t)}})}}));
    break;
  }

  if (!code.artifact.empty()) f.set("package", obj({{"artifact", code.artifact}}));
  else f.set("package", obj({{"patterns", str_list(code.patterns)}}));

  Value events = function_events(fn, info);
  if (events.size() > 0) f.set("events", std::move(events));
  functions_.set(fn.id, std::move(f));

  // Overrides: deep-merged by the framework into the function's resource.
  if (fn.overrides.is_map() && fn.overrides.size() > 0)
    framework_overrides_.set(logical_id(fn), obj({{"Type", "AWS::Lambda::Function"}, {"Properties", fn.overrides}}));
  output(fn.id + "Arn", "ARN of function " + fn.id, arn(fn));
}

Value SlsBuilder::function_events(const Node& fn, const StarterInfo& info) {
  Value events = Value::list();
  const char* batch_failures = "ReportBatchItemFailures";
  for (const Edge* ep : triggers_of(arch_, fn)) {
    const Edge& e = *ep;
    const Node& src = from(e);
    const std::string& k = src.kind;
    if (k == "bucket") {
      const Value* types = eprop(e, "events");
      std::vector<Value> evs;
      if (types && types->is_list() && types->size() > 0) evs = types->items();
      else evs.push_back(Value("s3:ObjectCreated:*"));
      Value rules = Value::list();
      for (const char* key : {"prefix", "suffix"}) {
        const Value* v = eprop(e, key);
        if (v && v->is_string() && !v->as_string().empty()) rules.push_back(obj({{key, *v}}));
      }
      for (const Value& ev : evs) {
        Value s3 = obj({{"bucket", src.id}, {"event", ev}});
        if (rules.size() > 0) s3.set("rules", rules);
        events.push_back(obj({{"s3", s3}}));
      }
    } else if (k == "table" || k == "stream") {
      const Value* pos = eprop(e, "starting_position");
      const Value* batch = eprop(e, "batch_size");
      Value st = obj({{"type", k == "table" ? "dynamodb" : "kinesis"},
                      {"arn", get_att(logical_id(src), k == "table" ? "StreamArn" : "Arn")},
                      {"startingPosition", pos && pos->is_string() ? pos->as_string() : "LATEST"},
                      {"batchSize", batch && batch->is_int() ? batch->as_int() : 100}});
      if (info.reports_batch_item_failures) st.set("functionResponseType", batch_failures);
      events.push_back(obj({{"stream", st}}));
    } else if (k == "api" && src.id == native_rest_) {
      const std::string auth = str(src, "auth", "none");
      const auto pools = ins(src, "userPool");
      Value authorizer;
      if (!pools.empty() && auth != "iam") {
        const Node& pool = from(*pools.front());
        authorizer = obj({{"name", pool.id + "Authorizer"}, {"type", "COGNITO_USER_POOLS"}, {"arn", arn(pool)}});
      } else if (auth == "iam" || !ins(src, "cognitoIdentity").empty()) {
        authorizer = Value("aws_iam");
      }
      for (const ApiRoute& r : routes_of(e)) {
        Value http = obj({{"method", lower_ascii(r.method)}, {"path", r.path}});
        if (!authorizer.is_null()) http.set("authorizer", authorizer);
        events.push_back(obj({{"http", http}}));
      }
    } else if (k == "httpApi" && src.id == native_http_) {
      const auto pools = ins(src, "userPool");
      for (const ApiRoute& r : routes_of(e)) {
        Value h = obj({{"method", r.method == "ANY" ? std::string("*") : r.method}, {"path", r.path}});
        if (!pools.empty()) h.set("authorizer", obj({{"name", from(*pools.front()).id + "Authorizer"}}));
        events.push_back(obj({{"httpApi", h}}));
      }
    } else if (k == "schedule") {
      Value sc = obj({{"rate", arr({Value(str(src, "expression", "rate(5 minutes)"))})}});
      if (!src.description.empty()) sc.set("description", src.description.substr(0, 512));
      events.push_back(obj({{"schedule", sc}}));
    } else if (k == "topic") {
      events.push_back(obj({{"sns", obj({{"arn", arn(src)}, {"topicName", src.id}})}}));
    } else if (k == "queue") {
      const Value* batch = eprop(e, "batch_size");
      const long long size = batch && batch->is_int() ? batch->as_int() : 10;
      Value q = obj({{"arn", arn(src)}, {"batchSize", size}});
      if (size > 10) q.set("maximumBatchingWindow", 1);
      if (const Value* mc = eprop(e, "maximum_concurrency"); mc && mc->is_int()) q.set("maximumConcurrency", mc->as_int());
      if (info.reports_batch_item_failures) q.set("functionResponseType", batch_failures);
      events.push_back(obj({{"sqs", q}}));
    } else if (k == "eventBus") {
      events.push_back(obj({{"eventBridge", obj({{"eventBus", cf_ref(logical_id(src))}, {"pattern", event_pattern(src)}})}}));
    } else if (k == "iotRule") {
      Value iot = obj({{"sql", str(src, "sql", "SELECT * FROM 'topic/#'")}, {"sqlVersion", "2016-03-23"}});
      if (!src.description.empty()) iot.set("description", src.description);
      events.push_back(obj({{"iot", iot}}));
    }
    // api/httpApi served by a CloudFormation API, fn -> fn, stepFn -> fn,
    // deliveryStream -> fn: the caller's permissions, no event here.
  }
  return events;
}

}  // namespace

bool serverless_v3_accepts_runtime(const std::string& runtime) { return kV3Runtimes.count(runtime) > 0; }

Value serverless_config(const Architecture& arch, const EmitOptions& options) {
  refuse_reference_cycles(arch);
  const ReferenceScope scope(arch);
  return SlsBuilder(arch, options).build();
}

}  // namespace sbd::detail
