// The SAM template builder. Each node builds its own resources by looking at
// its edges (a pull model: nothing is patched afterwards), in sorted id order;
// the node's overrides are merged last into its main resource; functions'
// shared settings are then hoisted into Globals. See docs/engines/sam.md.
#include "emit/sam/template.hpp"

#include "emit/common/doc.hpp"
#include "emit/common/iam.hpp"
#include "emit/common/refs.hpp"
#include "emit/common/wiring.hpp"
#include "emit/starter/starter.hpp"

#include <sbd/error.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <string>
#include <utility>
#include <vector>

namespace sbd::detail {

namespace {

constexpr const char* kLambdaRetryErrors[] = {"Lambda.ServiceException", "Lambda.AWSLambdaException",
                                              "Lambda.SdkClientException", "Lambda.TooManyRequestsException"};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// "photos/{id}" -> "PhotosId": the alphanumeric words of a path, capitalised.
std::string path_words(const std::string& path) {
  std::string out;
  bool up = true;
  for (char c : path) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      out.push_back(up ? static_cast<char>(std::toupper(u)) : c);
      up = false;
    } else {
      up = true;
    }
  }
  return out.empty() ? "Root" : out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string capitalised_lower(const std::string& s) {
  std::string out;
  for (char c : s) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// A Lambda environment variable's value must be a string.
Value env_string(const Value& v) {
  if (!v.tag().empty() || v.is_string()) return v;
  if (v.is_bool()) return Value(v.as_bool() ? "true" : "false");
  if (v.is_int()) return Value(std::to_string(v.as_int()));
  if (v.is_number()) return Value(format_number(v.as_number()));
  if (v.is_null()) return Value("");
  return Value(to_json(v, 0));
}

class Builder {
 public:
  Builder(const Architecture& arch, const EmitOptions& options) : arch_(arch), options_(options) {
    for (const Node& n : arch_.nodes()) taken_.insert(n.id);
  }

  Value build();

 private:
  // ---- helpers -----------------------------------------------------------
  const Value* prop(const Node& n, std::string_view key) const { return arch_.property(n, key); }
  std::string str(const Node& n, std::string_view key, const std::string& def = "") const {
    const Value* v = prop(n, key);
    return v && v->is_string() ? v->as_string() : def;
  }
  long long integer(const Node& n, std::string_view key, long long def) const {
    const Value* v = prop(n, key);
    return v && v->is_int() ? v->as_int() : def;
  }
  bool boolean(const Node& n, std::string_view key, bool def = false) const {
    const Value* v = prop(n, key);
    return v && v->is_bool() ? v->as_bool() : def;
  }
  const Value* eprop(const Edge& e, std::string_view key) const { return arch_.property(e, key); }
  const Node& from(const Edge& e) const { return arch_.node_at(e.from_index); }
  const Node& to(const Edge& e) const { return arch_.node_at(e.to_index); }

  std::vector<const Edge*> outs(const Node& n, const char* to_kind = nullptr) const {
    std::vector<const Edge*> r;
    for (std::size_t i : arch_.out_edge_indexes(n.index)) {
      const Edge& e = arch_.edge_at(i);
      if (!to_kind || to(e).kind == to_kind) r.push_back(&e);
    }
    return r;
  }
  std::vector<const Edge*> ins(const Node& n, const char* from_kind = nullptr) const {
    std::vector<const Edge*> r;
    for (std::size_t i : arch_.in_edge_indexes(n.index)) {
      const Edge& e = arch_.edge_at(i);
      if (!from_kind || from(e).kind == from_kind) r.push_back(&e);
    }
    return r;
  }

  // A logical id for a resource that belongs to a node ("<Id><suffix>"),
  // never one of the model's node ids nor one given out before; the same
  // (node, suffix) always gets the same id.
  std::string aux(const std::string& owner, const std::string& suffix) {
    const auto key = std::make_pair(owner, suffix);
    auto it = aux_.find(key);
    if (it != aux_.end()) return it->second;
    std::string base = owner + suffix;
    std::string id = base;
    for (int i = 2; taken_.count(id) || id.size() > 255; ++i) {
      if (base.size() > 240) base.resize(240);
      id = base + std::to_string(i);
    }
    taken_.insert(id);
    aux_.emplace(key, id);
    return id;
  }

  // Value maps look keys up linearly: the template's big maps are appended
  // to (ids are unique by construction) and indexed here, so that emitting
  // stays linear in the model's size.
  Value& resource(const std::string& id, const std::string& type, Value properties = Value::map()) {
    Value r = obj({{"Type", type}});
    if (properties.is_map() && properties.size() > 0) r.set("Properties", std::move(properties));
    if (auto it = resource_index_.find(id); it != resource_index_.end())
      throw Error(ErrorCode::internal, "the SAM engine emitted resource " + id + " twice");
    resource_index_.emplace(id, resources_.size());
    return resources_.append(id, std::move(r));
  }
  Value* find_resource(const std::string& id) {
    auto it = resource_index_.find(id);
    return it == resource_index_.end() ? nullptr : &resources_.value_at(it->second);
  }
  Value& props(Value& res) {
    if (!res.find("Properties")) res.set("Properties", Value::map());
    return *res.find("Properties");
  }
  void depends_on(Value& res, const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    res.set("DependsOn", ids.size() == 1 ? Value(ids.front()) : str_list(ids));
  }
  void output(std::string id, const std::string& description, Value value) {
    if (id.size() > 240) id.resize(240);  // logical ids have at most 255 characters
    std::string oid = id;
    for (int i = 2; output_ids_.count(oid); ++i) oid = id + std::to_string(i);
    output_ids_.insert(oid);
    outputs_.append(oid, obj({{"Description", description}, {"Value", std::move(value)}}));
  }
  std::string event_name(std::set<std::string>& used, std::string base) {
    if (base.size() > 200) base.resize(200);
    std::string name = base;
    for (int i = 2; used.count(name); ++i) name = base + std::to_string(i);
    used.insert(name);
    return name;
  }
  std::vector<Route> routes_of(const Edge& e) const {
    const Value* r = eprop(e, "routes");
    if (!r || !r->is_list()) r = prop(from(e), "routes");
    std::vector<Route> out;
    if (r && r->is_list())
      for (const Value& item : r->items())
        if (item.is_string()) out.push_back(parse_route(item.as_string(), from(e).id));
    if (out.empty()) out.push_back(Route{"ANY", "/{proxy+}"});
    return out;
  }
  Value arn(const Node& n) const { return arn_of(arch_, n); }
  // What other resources invoke: a function's `live` alias when it is
  // deployed gradually (so that traffic shifting covers those calls too),
  // else the function.
  Value invocation_arn(const Node& fn) const {
    const auto& dep = arch_.settings().deployment;
    if (dep && !dep->type.empty() && dep->pre_traffic != fn.id && dep->post_traffic != fn.id)
      return cf_ref(fn.id + ".Alias");
    return get_att(fn.id, "Arn");
  }
  Value name(const Node& n) const { return name_of(arch_, n); }
  Value inline_policy(const std::string& name, Value statements) const {
    return arr({obj({{"PolicyName", name}, {"PolicyDocument", policy_document(std::move(statements))}})});
  }

  // ---- kinds ---------------------------------------------------------------
  void node(const Node& n);
  void function(const Node& fn);
  void function_events(const Node& fn, Value& p, const StarterInfo& info);
  void function_deployment(const Node& fn, Value& p);
  void api(const Node& n);
  void http_api(const Node& n);
  void identity_pool(const Node& n);
  void user_pool(const Node& n);
  void table(const Node& n);
  void analytics(const Node& n);
  void delivery_stream(const Node& n);
  void stream(const Node& n);
  void iot_rule(const Node& n);
  void bucket(const Node& n);
  void schedule(const Node& n);
  void topic(const Node& n);
  void queue(const Node& n);
  void event_bus(const Node& n);
  void state_machine(const Node& n);
  void alarm(const Node& n);
  void secret(const Node& n);
  void parameter(const Node& n);
  void hoist_globals();
  std::string republish_topic(const Node& source, const Node& target) const;
  Value event_pattern(const Node& bus) const;

  const Architecture& arch_;
  const EmitOptions& options_;
  std::set<std::string> taken_;
  std::map<std::pair<std::string, std::string>, std::string> aux_;
  Value parameters_ = Value::map();
  Value globals_ = Value::map();
  Value resources_ = Value::map();
  Value outputs_ = Value::map();
  std::unordered_map<std::string, std::size_t> resource_index_;
  std::unordered_set<std::string> output_ids_;
  bool any_deployment_role_ = false;
};

// ---- the document ------------------------------------------------------------

Value Builder::build() {
  const std::vector<std::string> ids = arch_.sorted_ids();
  for (const std::string& id : ids) node(arch_.node(id));
  // Overrides, merged last into each node's main resource (by the node id).
  for (const std::string& id : ids) {
    const Node& n = arch_.node(id);
    if (!n.overrides.is_map() || n.overrides.size() == 0) continue;
    Value* res = find_resource(n.id);
    if (!res) continue;
    merge_overrides(props(*res), n.overrides);
  }
  hoist_globals();
  if (resources_.size() == 0)
    throw Error(ErrorCode::invalid, "the model has no node that becomes a resource (a schedule alone has none): "
                                    "a CloudFormation template needs at least one resource");

  Value doc = Value::map();
  doc.set("AWSTemplateFormatVersion", "2010-09-09");
  doc.set("Transform", "AWS::Serverless-2016-10-31");
  const AppSettings& s = arch_.settings();
  std::string description = s.description.empty() ? s.name : s.name + ": " + s.description;
  description += " (generated by sbd from the architecture model)";
  doc.set("Description", description);
  if (parameters_.size() > 0) doc.set("Parameters", parameters_);
  if (globals_.size() > 0) doc.set("Globals", globals_);
  doc.set("Resources", std::move(resources_));
  if (outputs_.size() > 0) doc.set("Outputs", std::move(outputs_));
  return doc;
}

void Builder::node(const Node& n) {
  const std::string& k = n.kind;
  if (k == "fn") function(n);
  else if (k == "api") api(n);
  else if (k == "httpApi") http_api(n);
  else if (k == "cognitoIdentity") identity_pool(n);
  else if (k == "userPool") user_pool(n);
  else if (k == "table") table(n);
  else if (k == "analyticsStream") analytics(n);
  else if (k == "deliveryStream") delivery_stream(n);
  else if (k == "stream") stream(n);
  else if (k == "iotRule") iot_rule(n);
  else if (k == "bucket") bucket(n);
  else if (k == "schedule") schedule(n);
  else if (k == "topic") topic(n);
  else if (k == "queue") queue(n);
  else if (k == "eventBus") event_bus(n);
  else if (k == "stepFn") state_machine(n);
  else if (k == "alarm") alarm(n);
  else if (k == "secret") secret(n);
  else if (k == "parameter") parameter(n);
  else
    throw Error(ErrorCode::invalid, "the SAM engine has no resource for kind '" + k + "' of node " + n.id);
}

// Globals.Function: a scalar setting (Runtime, MemorySize, Timeout) that most
// functions share moves there, and the functions that differ keep their own
// (a function's scalar overrides the global one); a list (Architectures) only
// when every function has the same, as SAM concatenates lists.
void Builder::hoist_globals() {
  std::vector<Value*> fns;
  for (const Node& n : arch_.nodes()) {
    if (n.kind != "fn") continue;
    if (Value* r = find_resource(n.id)) fns.push_back(r->find("Properties"));
  }
  if (fns.size() < 2) return;
  Value function = Value::map();
  for (const char* key : {"Runtime", "Architectures", "MemorySize", "Timeout"}) {
    std::vector<std::pair<const Value*, std::size_t>> counts;  // value, functions
    bool everywhere = true;
    for (Value* p : fns) {
      const Value* v = p ? p->find(key) : nullptr;
      if (!v) {
        everywhere = false;
        break;
      }
      auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return *c.first == *v; });
      if (it == counts.end()) counts.emplace_back(v, 1);
      else ++it->second;
    }
    if (!everywhere || counts.empty()) continue;
    if (std::string(key) == "Architectures" && counts.size() > 1) continue;
    const auto best = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
      return a.second < b.second;  // the first of equals wins: model order
    });
    if (best->second < 2) continue;
    const Value shared = *best->first;
    function.set(key, shared);
    for (Value* p : fns)
      if (*p->find(key) == shared) p->erase(key);
  }
  if (function.size() > 0) globals_.set("Function", function);
}

// ---- functions -----------------------------------------------------------------

void Builder::function(const Node& fn) {
  const StarterInfo info = starter_info(arch_, fn, options_);
  Value p = Value::map();
  if (!fn.description.empty()) p.set("Description", fn.description);
  p.set("CodeUri", info.code_uri);
  p.set("Handler", info.handler);
  p.set("Runtime", info.runtime);
  p.set("Architectures", arr({Value(str(fn, "architecture", "x86_64"))}));
  p.set("MemorySize", integer(fn, "memory", 128));
  p.set("Timeout", integer(fn, "timeout", 3));
  if (const Value* rc = prop(fn, "reserved_concurrency"); rc && rc->is_int())
    p.set("ReservedConcurrentExecutions", rc->as_int());

  // Wiring: one variable per outgoing edge, then the model's own variables.
  Value vars = Value::map();
  for (const Wire& w : wires_of(arch_, fn)) vars.set(w.env_var, env_value(arch_, w));
  if (const Value* env = prop(fn, "environment"); env && env->is_map())
    for (std::size_t i = 0; i < env->keys().size(); ++i) vars.set(env->keys()[i], env_string(env->value_at(i)));
  if (vars.size() > 0) p.set("Environment", obj({{"Variables", vars}}));

  // Permissions: a SAM policy template scoped to the edge's resource where one
  // fits, explicit statements otherwise.
  Value policies = Value::list();
  Value statements = Value::list();
  for (const Edge* e : outs(fn)) {
    Access a = function_access(arch_, *e);
    if (!a.sam_policy.empty()) {
      Value entry = obj({{a.sam_policy, a.sam_parameters}});
      if (std::find(policies.items().begin(), policies.items().end(), entry) == policies.items().end())
        policies.push_back(entry);
    } else {
      for (const Value& st : a.statements.items()) statements.push_back(st);
    }
  }
  // A CodeDeploy hook reports its result to CodeDeploy and may invoke the
  // stack's functions (the new version under test).
  const auto& dep = arch_.settings().deployment;
  if (dep && (dep->pre_traffic == fn.id || dep->post_traffic == fn.id)) {
    statements.push_back(allow({"codedeploy:PutLifecycleEventHookExecutionStatus"},
                               sub("arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:"
                                   "deploymentgroup:${ServerlessDeploymentApplication}/*")));
    statements.push_back(allow({"lambda:InvokeFunction"},
                               sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:"
                                   "function:${AWS::StackName}-*")));
  }
  if (statements.size() > 0) policies.push_back(obj({{"Version", "2012-10-17"}, {"Statement", statements}}));
  if (policies.size() > 0) p.set("Policies", policies);

  function_events(fn, p, info);

  // Asynchronous failures go to the first on-failure destination.
  for (const Edge* e : outs(fn)) {
    if (e->action != "on-failure") continue;
    const Node& t = to(*e);
    const char* type = t.kind == "queue" ? "SQS" : "SNS";
    p.set("EventInvokeConfig",
          obj({{"DestinationConfig", obj({{"OnFailure", obj({{"Type", type}, {"Destination", arn(t)}})}})}}));
    break;
  }
  function_deployment(fn, p);

  Value& res = resource(fn.id, "AWS::Serverless::Function", std::move(p));
  if (info.metadata.is_map() && info.metadata.size() > 0) res.set("Metadata", info.metadata);
  output(fn.id + "Arn", "ARN of function " + fn.id, get_att(fn.id, "Arn"));
}

void Builder::function_events(const Node& fn, Value& p, const StarterInfo& info) {
  Value events = Value::map();
  std::set<std::string> used;
  const Value batch_failures = arr({Value("ReportBatchItemFailures")});
  for (const Edge* ep : triggers_of(arch_, fn)) {
    const Edge& e = *ep;
    const Node& src = from(e);
    const std::string& k = src.kind;
    if (k == "bucket") {
      Value ev = obj({{"Bucket", cf_ref(src.id)}});
      const Value* types = eprop(e, "events");
      ev.set("Events", types && types->is_list() && types->size() > 0 ? *types : arr({Value("s3:ObjectCreated:*")}));
      Value rules = Value::list();
      for (const char* f : {"prefix", "suffix"}) {
        const Value* v = eprop(e, f);
        if (v && v->is_string() && !v->as_string().empty()) rules.push_back(obj({{"Name", f}, {"Value", *v}}));
      }
      if (rules.size() > 0) ev.set("Filter", obj({{"S3Key", obj({{"Rules", rules}})}}));
      events.set(event_name(used, src.id + "S3"), obj({{"Type", "S3"}, {"Properties", ev}}));
    } else if (k == "table" || k == "stream") {
      const Value* pos = eprop(e, "starting_position");
      const Value* batch = eprop(e, "batch_size");
      Value ev = obj({{"Stream", get_att(src.id, k == "table" ? "StreamArn" : "Arn")},
                      {"StartingPosition", pos && pos->is_string() ? pos->as_string() : "LATEST"},
                      {"BatchSize", batch && batch->is_int() ? batch->as_int() : 100}});
      if (info.reports_batch_item_failures) ev.set("FunctionResponseTypes", batch_failures);
      const char* type = k == "table" ? "DynamoDB" : "Kinesis";
      events.set(event_name(used, src.id + (k == "table" ? "Stream" : "Kinesis")),
                 obj({{"Type", type}, {"Properties", ev}}));
    } else if (k == "api" || k == "httpApi") {
      for (const Route& r : routes_of(e)) {
        Value ev = k == "api" ? obj({{"RestApiId", cf_ref(src.id)}}) : obj({{"ApiId", cf_ref(src.id)}});
        ev.set("Path", r.path);
        // SAM's Api events take lower-case methods ("get", "any"); HttpApi upper case.
        ev.set("Method", k == "api" ? lower(r.method) : r.method);
        events.set(event_name(used, src.id + capitalised_lower(r.method) + path_words(r.path)),
                   obj({{"Type", k == "api" ? "Api" : "HttpApi"}, {"Properties", ev}}));
      }
    } else if (k == "schedule") {
      Value ev = obj({{"Schedule", str(src, "expression", "rate(5 minutes)")}});
      if (!src.description.empty()) ev.set("Description", src.description);
      events.set(event_name(used, src.id + "Schedule"), obj({{"Type", "Schedule"}, {"Properties", ev}}));
    } else if (k == "topic") {
      events.set(event_name(used, src.id + "Sns"), obj({{"Type", "SNS"}, {"Properties", obj({{"Topic", cf_ref(src.id)}})}}));
    } else if (k == "queue") {
      const Value* batch = eprop(e, "batch_size");
      const long long size = batch && batch->is_int() ? batch->as_int() : 10;
      Value ev = obj({{"Queue", get_att(src.id, "Arn")}, {"BatchSize", size}});
      // More than 10 messages per batch needs a batching window.
      if (size > 10) ev.set("MaximumBatchingWindowInSeconds", 1);
      if (const Value* mc = eprop(e, "maximum_concurrency"); mc && mc->is_int())
        ev.set("ScalingConfig", obj({{"MaximumConcurrency", mc->as_int()}}));
      if (info.reports_batch_item_failures) ev.set("FunctionResponseTypes", batch_failures);
      events.set(event_name(used, src.id + "Sqs"), obj({{"Type", "SQS"}, {"Properties", ev}}));
    } else if (k == "eventBus") {
      Value ev = obj({{"EventBusName", cf_ref(src.id)}, {"Pattern", event_pattern(src)}});
      events.set(event_name(used, src.id + "Rule"), obj({{"Type", "EventBridgeRule"}, {"Properties", ev}}));
    } else if (k == "iotRule") {
      Value ev = obj({{"Sql", str(src, "sql", "SELECT * FROM 'topic/#'")}, {"AwsIotSqlVersion", "2016-03-23"}});
      events.set(event_name(used, src.id + "IoT"), obj({{"Type", "IoTRule"}, {"Properties", ev}}));
    }
    // fn -> fn, stepFn -> fn and deliveryStream -> fn invoke through the
    // caller's permissions: no event on the callee.
  }
  if (events.size() > 0) p.set("Events", events);
}

void Builder::function_deployment(const Node& fn, Value& p) {
  const auto& dep = arch_.settings().deployment;
  if (!dep || dep->type.empty()) return;
  if (dep->pre_traffic == fn.id || dep->post_traffic == fn.id) return;  // a hook deploys at once
  p.set("AutoPublishAlias", "live");
  Value pref = obj({{"Type", dep->type}});
  Value alarms = Value::list();
  for (const std::string& a : dep->alarms) {
    const Node* n = arch_.find(a);
    if (n && n->kind == "alarm") alarms.push_back(cf_ref(a));
  }
  if (alarms.size() > 0) pref.set("Alarms", alarms);
  Value hooks = Value::map();
  std::vector<const Node*> hook_fns;
  for (auto [key, id] : {std::make_pair("PreTraffic", dep->pre_traffic), std::make_pair("PostTraffic", dep->post_traffic)}) {
    const Node* h = id.empty() ? nullptr : arch_.find(id);
    if (!h || h->kind != "fn") continue;
    hooks.set(key, cf_ref(h->id));
    if (std::find(hook_fns.begin(), hook_fns.end(), h) == hook_fns.end()) hook_fns.push_back(h);
  }
  if (hooks.size() > 0) {
    pref.set("Hooks", hooks);
    // CodeDeploy's own role may invoke only functions named CodeDeployHook_*:
    // a role of our own lets it invoke the hooks, whatever their names.
    const std::string role = aux("Deployment", "Role");
    if (!any_deployment_role_) {
      any_deployment_role_ = true;
      Value st = Value::list();
      for (const Node* h : hook_fns) st.push_back(lambda_invoke_statement(get_att(h->id, "Arn")));
      resource(role, "AWS::IAM::Role",
               obj({{"AssumeRolePolicyDocument", assume_role_policy("codedeploy.amazonaws.com")},
                    {"ManagedPolicyArns",
                     arr({sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda")})},
                    {"Policies", inline_policy("InvokeHooks", st)}}));
    }
    pref.set("Role", get_att(role, "Arn"));
  }
  p.set("DeploymentPreference", pref);
}

// ---- APIs ----------------------------------------------------------------------

void Builder::api(const Node& n) {
  Value p = obj({{"Name", sub("${AWS::StackName}-" + n.id)}, {"StageName", str(n, "stage", "prod")},
                 {"OpenApiVersion", "3.0.1"}});
  if (!n.description.empty()) p.set("Description", n.description);
  const std::string auth = str(n, "auth", "none");
  const auto pools = ins(n, "userPool");
  const bool identity = !ins(n, "cognitoIdentity").empty();
  Value a = Value::map();
  if (!pools.empty() && auth != "iam") {
    Value authorizers = Value::map();
    for (const Edge* e : pools)
      authorizers.set(from(*e).id + "Authorizer", obj({{"UserPoolArn", get_att(from(*e).id, "Arn")}}));
    a.set("DefaultAuthorizer", from(*pools.front()).id + "Authorizer");
    a.set("Authorizers", authorizers);
  } else if (auth == "iam" || identity) {
    a.set("DefaultAuthorizer", "AWS_IAM");
  }
  if (a.size() > 0) p.set("Auth", a);
  // An API that integrates nothing would have no method, and API Gateway
  // refuses to deploy that: its routes answer 501 from a mock integration.
  bool integrated = false;
  for (const Edge* e : outs(n))
    if (to(*e).kind == "fn" || to(*e).kind == "stepFn") integrated = true;
  if (!integrated) {
    Value paths = Value::map();
    const Value* r = prop(n, "routes");
    std::vector<Route> routes;
    if (r && r->is_list())
      for (const Value& item : r->items())
        if (item.is_string()) routes.push_back(parse_route(item.as_string(), n.id));
    if (routes.empty()) routes.push_back(Route{"ANY", "/{proxy+}"});
    for (const Route& route : routes) {
      const std::string method = route.method == "ANY" ? "x-amazon-apigateway-any-method" : lower(route.method);
      Value integration = Value::map();
      integration.set("type", "mock");
      integration.set("requestTemplates", obj({{"application/json", "{\"statusCode\": 501}"}}));
      integration.set("responses", obj({{"default", obj({{"statusCode", "501"}})}}));
      Value op = Value::map();
      op.set("responses", obj({{"501", obj({{"description", "Not implemented"}})}}));
      op.set("x-amazon-apigateway-integration", std::move(integration));
      Value* existing = paths.find(route.path);
      if (!existing) existing = &paths.set(route.path, Value::map());
      existing->set(method, std::move(op));
    }
    p.set("DefinitionBody", obj({{"openapi", "3.0.1"},
                                 {"info", obj({{"title", sub("${AWS::StackName}-" + n.id)}, {"version", "1.0"}})},
                                 {"paths", paths}}));
  }
  resource(n.id, "AWS::Serverless::Api", std::move(p));
  output(n.id + "Url", "Invoke URL of REST API " + n.id, url_of(arch_, n));
}

void Builder::http_api(const Node& n) {
  Value p = Value::map();
  const std::string stage = str(n, "stage", "$default");
  if (stage != "$default") p.set("StageName", stage);
  if (!n.description.empty()) p.set("Description", n.description);
  const auto pools = ins(n, "userPool");
  if (!pools.empty()) {
    Value authorizers = Value::map();
    for (const Edge* e : pools) {
      const std::string pool = from(*e).id;
      authorizers.set(pool + "Authorizer",
                      obj({{"IdentitySource", "$request.header.Authorization"},
                           {"JwtConfiguration",
                            obj({{"issuer", sub("https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/${" + pool + "}")},
                                 {"audience", arr({cf_ref(aux(pool, "Client"))})}})}}));
    }
    p.set("Auth", obj({{"Authorizers", authorizers}, {"DefaultAuthorizer", from(*pools.front()).id + "Authorizer"}}));
  }
  resource(n.id, "AWS::Serverless::HttpApi", std::move(p));
  output(n.id + "Url", "Invoke URL of HTTP API " + n.id, url_of(arch_, n));
}

// ---- identity ------------------------------------------------------------------

void Builder::identity_pool(const Node& n) {
  const bool guests = boolean(n, "allow_unauthenticated");
  resource(n.id, "AWS::Cognito::IdentityPool", obj({{"AllowUnauthenticatedIdentities", guests}}));
  Value statements = Value::list();
  for (const Edge* e : outs(n)) {
    const Node& t = to(*e);
    if (t.kind == "fn") statements.push_back(lambda_invoke_statement(get_att(t.id, "Arn")));
    else if (t.kind == "api" || t.kind == "httpApi")
      statements.push_back(allow({"execute-api:Invoke"}, execute_api_arn(arch_, t)));
  }
  Value roles = Value::map();
  for (const char* who : {"authenticated", "unauthenticated"}) {
    const bool auth = std::string(who) == "authenticated";
    if (!auth && !guests) continue;
    const std::string role = aux(n.id, auth ? "AuthenticatedRole" : "UnauthenticatedRole");
    Value trust = policy_document(arr({obj(
        {{"Effect", "Allow"},
         {"Principal", obj({{"Federated", "cognito-identity.amazonaws.com"}})},
         {"Action", "sts:AssumeRoleWithWebIdentity"},
         {"Condition", obj({{"StringEquals", obj({{"cognito-identity.amazonaws.com:aud", cf_ref(n.id)}})},
                            {"ForAnyValue:StringLike", obj({{"cognito-identity.amazonaws.com:amr", who}})}})}})}));
    Value rp = obj({{"AssumeRolePolicyDocument", trust}});
    if (statements.size() > 0) rp.set("Policies", inline_policy("Access", statements));
    resource(role, "AWS::IAM::Role", std::move(rp));
    roles.set(who, get_att(role, "Arn"));
  }
  resource(aux(n.id, "RoleAttachment"), "AWS::Cognito::IdentityPoolRoleAttachment",
           obj({{"IdentityPoolId", cf_ref(n.id)}, {"Roles", roles}}));
  output(n.id + "Id", "Id of identity pool " + n.id, cf_ref(n.id));
}

void Builder::user_pool(const Node& n) {
  resource(n.id, "AWS::Cognito::UserPool",
           obj({{"UsernameAttributes", arr({Value("email")})}, {"AutoVerifiedAttributes", arr({Value("email")})}}));
  const std::string client = aux(n.id, "Client");
  resource(client, "AWS::Cognito::UserPoolClient",
           obj({{"UserPoolId", cf_ref(n.id)},
                {"GenerateSecret", false},
                {"ExplicitAuthFlows", arr({Value("ALLOW_USER_SRP_AUTH"), Value("ALLOW_REFRESH_TOKEN_AUTH")})}}));
  output(n.id + "Id", "Id of user pool " + n.id, cf_ref(n.id));
  output(n.id + "ClientId", "App client id of user pool " + n.id, cf_ref(client));
}

// ---- storage -------------------------------------------------------------------

void Builder::table(const Node& n) {
  const std::string pk = str(n, "partition_key", "id");
  const std::string sk = str(n, "sort_key");
  Value attrs = arr({obj({{"AttributeName", pk}, {"AttributeType", "S"}})});
  Value keys = arr({obj({{"AttributeName", pk}, {"KeyType", "HASH"}})});
  if (!sk.empty() && sk != pk) {
    attrs.push_back(obj({{"AttributeName", sk}, {"AttributeType", "S"}}));
    keys.push_back(obj({{"AttributeName", sk}, {"KeyType", "RANGE"}}));
  }
  Value p = obj({{"BillingMode", "PAY_PER_REQUEST"}, {"AttributeDefinitions", attrs}, {"KeySchema", keys}});
  std::string view = str(n, "stream");
  if (view.empty() && !outs(n, "fn").empty()) view = "NEW_AND_OLD_IMAGES";
  if (!view.empty()) p.set("StreamSpecification", obj({{"StreamViewType", view}}));
  resource(n.id, "AWS::DynamoDB::Table", std::move(p));
  output(n.id + "Name", "Name of table " + n.id, cf_ref(n.id));
}

void Builder::bucket(const Node& n) {
  Value p = Value::map();
  if (bucket_needs_explicit_name(arch_, n)) p.set("BucketName", explicit_bucket_name(arch_, n));
  if (boolean(n, "versioning")) p.set("VersioningConfiguration", obj({{"Status", "Enabled"}}));
  Value topics = Value::list(), queues = Value::list();
  std::vector<std::string> waits;
  for (const Edge* e : outs(n)) {
    const Node& t = to(*e);
    if (t.kind != "topic" && t.kind != "queue") continue;
    const Value* types = eprop(*e, "events");
    std::vector<Value> evs;
    if (types && types->is_list() && types->size() > 0) evs = types->items();
    else evs.push_back(Value("s3:ObjectCreated:*"));
    Value rules = Value::list();
    for (const char* f : {"prefix", "suffix"}) {
      const Value* v = eprop(*e, f);
      if (v && v->is_string() && !v->as_string().empty()) rules.push_back(obj({{"Name", f}, {"Value", *v}}));
    }
    for (const Value& ev : evs) {
      Value c = t.kind == "topic" ? obj({{"Event", ev}, {"Topic", cf_ref(t.id)}}) : obj({{"Event", ev}, {"Queue", get_att(t.id, "Arn")}});
      if (rules.size() > 0) c.set("Filter", obj({{"S3Key", obj({{"Rules", rules}})}}));
      (t.kind == "topic" ? topics : queues).push_back(std::move(c));
    }
    // S3 checks that it may publish when the configuration is created.
    const std::string policy = aux(t.id, "Policy");
    if (std::find(waits.begin(), waits.end(), policy) == waits.end()) waits.push_back(policy);
  }
  if (topics.size() > 0 || queues.size() > 0) {
    Value nc = Value::map();
    if (topics.size() > 0) nc.set("TopicConfigurations", topics);
    if (queues.size() > 0) nc.set("QueueConfigurations", queues);
    p.set("NotificationConfiguration", nc);
  }
  Value& res = resource(n.id, "AWS::S3::Bucket", std::move(p));
  depends_on(res, waits);
  output(n.id + "Name", "Name of bucket " + n.id, name(n));
}

void Builder::secret(const Node& n) {
  Value p = Value::map();
  if (!n.description.empty()) p.set("Description", n.description);
  p.set("GenerateSecretString", obj({{"PasswordLength", 32}, {"ExcludePunctuation", true}}));
  resource(n.id, "AWS::SecretsManager::Secret", std::move(p));
  output(n.id + "Arn", "ARN of secret " + n.id, cf_ref(n.id));
}

void Builder::parameter(const Node& n) {
  Value p = obj({{"Type", "String"}, {"Value", str(n, "value", "change-me")}});
  if (!n.description.empty()) p.set("Description", n.description);
  resource(n.id, "AWS::SSM::Parameter", std::move(p));
  output(n.id + "Name", "Name of parameter " + n.id, cf_ref(n.id));
}

// ---- messaging -----------------------------------------------------------------

void Builder::topic(const Node& n) {
  Value p = Value::map();
  if (boolean(n, "fifo")) {
    p.set("TopicName", sub("${AWS::StackName}-" + n.id + ".fifo"));
    p.set("FifoTopic", true);
  }
  resource(n.id, "AWS::SNS::Topic", std::move(p));
  // Who else may publish: buckets (notifications) and schedules (rules).
  Value statements = Value::list();
  for (const Edge* e : ins(n)) {
    const Node& src = from(*e);
    if (src.kind == "bucket") {
      statements.push_back(obj({{"Effect", "Allow"},
                                {"Principal", obj({{"Service", "s3.amazonaws.com"}})},
                                {"Action", "sns:Publish"},
                                {"Resource", cf_ref(n.id)},
                                {"Condition", obj({{"ArnEquals", obj({{"aws:SourceArn", arn(src)}})},
                                                   {"StringEquals", obj({{"aws:SourceAccount", cf_ref("AWS::AccountId")}})}})}}));
    } else if (src.kind == "schedule") {
      statements.push_back(obj({{"Effect", "Allow"},
                                {"Principal", obj({{"Service", "events.amazonaws.com"}})},
                                {"Action", "sns:Publish"},
                                {"Resource", cf_ref(n.id)},
                                {"Condition", obj({{"ArnEquals", obj({{"aws:SourceArn", get_att(src.id, "Arn")}})}})}}));
    }
  }
  if (statements.size() > 0)
    resource(aux(n.id, "Policy"), "AWS::SNS::TopicPolicy",
             obj({{"Topics", arr({cf_ref(n.id)})}, {"PolicyDocument", policy_document(statements)}}));
  output(n.id + "Arn", "ARN of topic " + n.id, cf_ref(n.id));
}

void Builder::queue(const Node& n) {
  Value p = Value::map();
  if (boolean(n, "fifo")) {
    p.set("QueueName", sub("${AWS::StackName}-" + n.id + ".fifo"));
    p.set("FifoQueue", true);
  }
  p.set("VisibilityTimeout", integer(n, "visibility_timeout", 30));
  p.set("MessageRetentionPeriod", integer(n, "retention", 345600));
  for (const Edge* e : outs(n, "queue")) {
    const Value* mrc = eprop(*e, "max_receive_count");
    p.set("RedrivePolicy", obj({{"deadLetterTargetArn", get_att(to(*e).id, "Arn")},
                                {"maxReceiveCount", mrc && mrc->is_int() ? mrc->as_int() : 5}}));
    break;  // a queue has one dead-letter queue
  }
  resource(n.id, "AWS::SQS::Queue", std::move(p));
  Value statements = Value::list();
  for (const Edge* e : ins(n, "bucket")) {
    statements.push_back(obj({{"Effect", "Allow"},
                              {"Principal", obj({{"Service", "s3.amazonaws.com"}})},
                              {"Action", "sqs:SendMessage"},
                              {"Resource", get_att(n.id, "Arn")},
                              {"Condition", obj({{"ArnEquals", obj({{"aws:SourceArn", arn(from(*e))}})},
                                                 {"StringEquals", obj({{"aws:SourceAccount", cf_ref("AWS::AccountId")}})}})}}));
  }
  if (statements.size() > 0)
    resource(aux(n.id, "Policy"), "AWS::SQS::QueuePolicy",
             obj({{"Queues", arr({cf_ref(n.id)})}, {"PolicyDocument", policy_document(statements)}}));
  output(n.id + "Url", "URL of queue " + n.id, cf_ref(n.id));
}

Value Builder::event_pattern(const Node& bus) const {
  const Value* pattern = prop(bus, "pattern");
  if (pattern && pattern->is_map() && pattern->size() > 0) return *pattern;
  return obj({{"source", arr({Value(arch_.name())})}});
}

void Builder::event_bus(const Node& n) {
  resource(n.id, "AWS::Events::EventBus", obj({{"Name", sub("${AWS::StackName}-" + n.id)}}));
  output(n.id + "Name", "Name of event bus " + n.id, cf_ref(n.id));
}

void Builder::schedule(const Node& n) {
  // Functions get a Schedule event each (see function_events); the other
  // targets share rules of up to five targets, the first named as the node.
  std::vector<const Edge*> targets;
  for (const Edge* e : outs(n))
    if (to(*e).kind != "fn") targets.push_back(e);
  if (targets.empty()) return;
  Value statements = Value::list();
  for (const Edge* e : targets) {
    const Node& t = to(*e);
    if (t.kind == "stream") statements.push_back(kinesis_write_statement(arn(t)));
    else if (t.kind == "deliveryStream") statements.push_back(firehose_write_statement(arn(t)));
  }
  std::string role;
  if (statements.size() > 0) {
    role = aux(n.id, "Role");
    resource(role, "AWS::IAM::Role",
             obj({{"AssumeRolePolicyDocument", assume_role_policy("events.amazonaws.com")},
                  {"Policies", inline_policy("PutRecords", statements)}}));
  }
  for (std::size_t chunk = 0; chunk * 5 < targets.size(); ++chunk) {
    Value list = Value::list();
    for (std::size_t i = chunk * 5; i < targets.size() && i < chunk * 5 + 5; ++i) {
      const Node& t = to(*targets[i]);
      std::string tid = t.id.substr(0, 64);
      Value target = obj({{"Id", tid}, {"Arn", arn(t)}});
      if (t.kind == "stream" || t.kind == "deliveryStream") target.set("RoleArn", get_att(role, "Arn"));
      list.push_back(std::move(target));
    }
    Value p = Value::map();
    if (!n.description.empty()) p.set("Description", n.description);
    p.set("ScheduleExpression", str(n, "expression", "rate(5 minutes)"));
    p.set("State", "ENABLED");
    p.set("Targets", list);
    resource(chunk == 0 ? n.id : aux(n.id, "Rule" + std::to_string(chunk + 1)), "AWS::Events::Rule", std::move(p));
  }
}

std::string Builder::republish_topic(const Node& source, const Node& target) const {
  const std::string own = str(target, "topic");
  if (!own.empty()) return own;
  if (source.index == target.index) return "republished/" + kebab(source.id);
  // The topic filter of the target's FROM clause, wildcards made concrete.
  const std::string sql = str(target, "sql", "SELECT * FROM 'topic/#'");
  std::string filter = "republished/" + kebab(target.id);
  const auto from_pos = [&] {
    std::string upper = sql;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper.find("FROM");
  }();
  if (from_pos != std::string::npos) {
    const auto q1 = sql.find('\'', from_pos);
    const auto q2 = q1 == std::string::npos ? q1 : sql.find('\'', q1 + 1);
    if (q2 != std::string::npos && q2 > q1 + 1) {
      filter = sql.substr(q1 + 1, q2 - q1 - 1);
      for (const char* w : {"#", "+"}) {
        for (auto pos = filter.find(w); pos != std::string::npos; pos = filter.find(w))
          filter.replace(pos, 1, "republished");
      }
    }
  }
  return filter;
}

void Builder::iot_rule(const Node& n) {
  // Functions get an IoTRule event each (SAM adds the invoke permission);
  // republish actions live on the node's own topic rule.
  const auto republishes = outs(n, "iotRule");
  if (!outs(n, "fn").empty() && republishes.empty()) return;
  Value actions = Value::list();
  if (!republishes.empty()) {
    const std::string role = aux(n.id, "Role");
    Value topics = Value::list();
    for (const Edge* e : republishes) {
      const std::string t = republish_topic(n, to(*e));
      actions.push_back(obj({{"Republish", obj({{"Topic", t}, {"Qos", 0}, {"RoleArn", get_att(role, "Arn")}})}}));
      topics.push_back(sub("arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:topic/" + sub_escape(t)));
    }
    resource(role, "AWS::IAM::Role",
             obj({{"AssumeRolePolicyDocument", assume_role_policy("iot.amazonaws.com")},
                  {"Policies", inline_policy("Republish", arr({allow({"iot:Publish"}, topics)}))}}));
  }
  Value payload = Value::map();
  if (!n.description.empty()) payload.set("Description", n.description);
  payload.set("Sql", str(n, "sql", "SELECT * FROM 'topic/#'"));
  payload.set("AwsIotSqlVersion", "2016-03-23");
  payload.set("RuleDisabled", false);
  payload.set("Actions", actions);
  resource(n.id, "AWS::IoT::TopicRule", obj({{"TopicRulePayload", payload}}));
}

// ---- streaming -----------------------------------------------------------------

void Builder::stream(const Node& n) {
  Value p = Value::map();
  if (boolean(n, "on_demand")) p.set("StreamModeDetails", obj({{"StreamMode", "ON_DEMAND"}}));
  else p.set("ShardCount", integer(n, "shards", 1));
  p.set("RetentionPeriodHours", integer(n, "retention_hours", 24));
  resource(n.id, "AWS::Kinesis::Stream", std::move(p));
  output(n.id + "Name", "Name of stream " + n.id, cf_ref(n.id));
}

void Builder::delivery_stream(const Node& n) {
  const std::string role = aux(n.id, "Role");
  Value statements = Value::list();
  Value p = Value::map();
  const auto sources = ins(n, "stream");
  if (!sources.empty()) {
    const Node& src = from(*sources.front());
    p.set("DeliveryStreamType", "KinesisStreamAsSource");
    p.set("KinesisStreamSourceConfiguration", obj({{"KinesisStreamARN", arn(src)}, {"RoleARN", get_att(role, "Arn")}}));
    statements.push_back(kinesis_read_statement(arn(src)));
  } else {
    p.set("DeliveryStreamType", "DirectPut");
  }
  // The S3 destination: the bucket of the first destination edge, or a bucket
  // of its own when the model gives none (a delivery stream needs one).
  Value bucket_arn;
  const auto dests = outs(n, "bucket");
  if (!dests.empty()) {
    bucket_arn = arn(to(*dests.front()));
  } else {
    const std::string b = aux(n.id, "Bucket");
    resource(b, "AWS::S3::Bucket");
    bucket_arn = get_att(b, "Arn");
    output(b + "Name", "Name of the bucket delivery stream " + n.id + " writes to", cf_ref(b));
  }
  statements.push_back(firehose_s3_statement(bucket_arn));
  Value s3 = obj({{"BucketARN", bucket_arn},
                  {"RoleARN", get_att(role, "Arn")},
                  {"BufferingHints", obj({{"IntervalInSeconds", integer(n, "buffer_seconds", 60)},
                                          {"SizeInMBs", integer(n, "buffer_mb", 5)}})}});
  const std::string prefix = str(n, "prefix");
  if (!prefix.empty()) s3.set("Prefix", prefix);
  const auto transforms = outs(n, "fn");
  if (!transforms.empty()) {
    Value processors = Value::list();
    for (const Edge* e : transforms) {
      const Node& f = to(*e);
      processors.push_back(obj({{"Type", "Lambda"},
                                {"Parameters", arr({obj({{"ParameterName", "LambdaArn"}, {"ParameterValue", invocation_arn(f)}})})}}));
      statements.push_back(lambda_invoke_statement(get_att(f.id, "Arn"), true));
    }
    s3.set("ProcessingConfiguration", obj({{"Enabled", true}, {"Processors", processors}}));
  }
  p.set("ExtendedS3DestinationConfiguration", s3);
  resource(role, "AWS::IAM::Role",
           obj({{"AssumeRolePolicyDocument",
                 assume_role_policy("firehose.amazonaws.com",
                                    obj({{"StringEquals", obj({{"sts:ExternalId", cf_ref("AWS::AccountId")}})}}))},
                {"Policies", inline_policy("Delivery", statements)}}));
  resource(n.id, "AWS::KinesisFirehose::DeliveryStream", std::move(p));
  output(n.id + "Name", "Name of delivery stream " + n.id, cf_ref(n.id));
}

void Builder::analytics(const Node& n) {
  // Managed Service for Apache Flink: the application code is a JAR or zip in
  // S3, which the model does not hold: two parameters locate it.
  const std::string bucket_param = aux(n.id, "CodeBucket");
  const std::string key_param = aux(n.id, "CodeKey");
  parameters_.set(bucket_param, obj({{"Type", "String"},
                                     {"Description", "Name of the S3 bucket holding the code (a JAR or zip) of Flink application " + n.id}}));
  parameters_.set(key_param, obj({{"Type", "String"},
                                  {"Default", kebab(n.id) + "/application.zip"},
                                  {"Description", "S3 key of the code of Flink application " + n.id}}));
  const std::string role = aux(n.id, "Role");
  Value statements = Value::list();
  statements.push_back(allow({"s3:GetObject", "s3:GetObjectVersion"},
                             sub("arn:${AWS::Partition}:s3:::${" + bucket_param + "}/${" + key_param + "}")));
  Value inputs = Value::map(), outputs = Value::map();
  for (const Edge* e : ins(n, "stream")) {
    statements.push_back(kinesis_read_statement(arn(from(*e))));
    inputs.set(from(*e).id, cf_ref(from(*e).id));
  }
  for (const Edge* e : outs(n)) {
    const Node& t = to(*e);
    if (t.kind == "stream") statements.push_back(kinesis_write_statement(arn(t)));
    else if (t.kind == "deliveryStream") statements.push_back(firehose_write_statement(arn(t)));
    else continue;
    outputs.set(t.id, cf_ref(t.id));
  }
  resource(role, "AWS::IAM::Role",
           obj({{"AssumeRolePolicyDocument", assume_role_policy("kinesisanalytics.amazonaws.com")},
                {"Policies", inline_policy("Application", statements)}}));
  Value groups = Value::list();
  groups.push_back(obj({{"PropertyGroupId", "Application"}, {"PropertyMap", obj({{"aws.region", cf_ref("AWS::Region")}})}}));
  if (inputs.size() > 0) groups.push_back(obj({{"PropertyGroupId", "InputStreams"}, {"PropertyMap", inputs}}));
  if (outputs.size() > 0) groups.push_back(obj({{"PropertyGroupId", "OutputStreams"}, {"PropertyMap", outputs}}));
  Value config = obj(
      {{"ApplicationCodeConfiguration",
        obj({{"CodeContent", obj({{"S3ContentLocation", obj({{"BucketARN", sub("arn:${AWS::Partition}:s3:::${" + bucket_param + "}")},
                                                              {"FileKey", cf_ref(key_param)}})}})},
             {"CodeContentType", "ZIPFILE"}})},
       {"FlinkApplicationConfiguration",
        obj({{"ParallelismConfiguration", obj({{"ConfigurationType", "CUSTOM"},
                                               {"Parallelism", integer(n, "parallelism", 1)},
                                               {"ParallelismPerKPU", 1},
                                               {"AutoScalingEnabled", false}})}})},
       {"EnvironmentProperties", obj({{"PropertyGroups", groups}})}});
  Value p = Value::map();
  if (!n.description.empty()) p.set("ApplicationDescription", n.description);
  p.set("RuntimeEnvironment", "FLINK-1_20");
  p.set("ServiceExecutionRole", get_att(role, "Arn"));
  p.set("ApplicationConfiguration", config);
  resource(n.id, "AWS::KinesisAnalyticsV2::Application", std::move(p));
}

// ---- orchestration and monitoring ----------------------------------------------

void Builder::state_machine(const Node& n) {
  // A task state per invoked function, in edge order, then the end.
  const auto calls = outs(n, "fn");
  Value states = Value::map();
  Value substitutions = Value::map();
  Value policies = Value::list();
  std::string start;
  std::set<std::string> used;
  std::vector<std::string> names;
  for (const Edge* e : calls) names.push_back(event_name(used, "Invoke" + to(*e).id));
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const Node& f = to(*calls[i]);
    const std::string var = f.id + "Arn";
    substitutions.set(var, invocation_arn(f));
    Value entry = obj({{"LambdaInvokePolicy", obj({{"FunctionName", cf_ref(f.id)}})}});
    if (std::find(policies.items().begin(), policies.items().end(), entry) == policies.items().end())
      policies.push_back(entry);
    Value retry = Value::list();
    Value errors = Value::list();
    for (const char* err : kLambdaRetryErrors) errors.push_back(Value(err));
    retry.push_back(obj({{"ErrorEquals", errors}, {"IntervalSeconds", 1}, {"MaxAttempts", 3}, {"BackoffRate", 2}}));
    Value state = obj({{"Type", "Task"},
                       {"Resource", "arn:aws:states:::lambda:invoke"},
                       {"Parameters", obj({{"FunctionName", "${" + var + "}"}, {"Payload.$", "$"}})},
                       {"OutputPath", "$.Payload"},
                       {"Retry", retry}});
    if (i + 1 < calls.size()) state.set("Next", names[i + 1]);
    else state.set("End", true);
    states.set(names[i], std::move(state));
  }
  if (calls.empty()) states.set("Done", obj({{"Type", "Pass"}, {"End", true}}));
  start = calls.empty() ? "Done" : names.front();
  Value definition = Value::map();
  definition.set("Comment", n.description.empty() ? "State machine " + n.id : n.description);
  definition.set("StartAt", start);
  definition.set("States", states);
  Value p = obj({{"Type", str(n, "type", "STANDARD")}, {"Definition", definition}});
  if (substitutions.size() > 0) p.set("DefinitionSubstitutions", substitutions);
  // A role of its own (SAM creates it from these policies).
  p.set("Policies", policies.size() > 0 ? policies : arr({obj({{"Version", "2012-10-17"}, {"Statement", arr({allow({"states:DescribeExecution"}, sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:*"))})}})}));
  // API integrations start executions.
  Value events = Value::map();
  std::set<std::string> used_events;
  for (const Edge* e : ins(n, "api")) {
    for (const Route& r : routes_of(*e)) {
      const std::string m = lower(r.method);
      events.set(event_name(used_events, from(*e).id + capitalised_lower(r.method) + path_words(r.path)),
                 obj({{"Type", "Api"},
                      {"Properties", obj({{"RestApiId", cf_ref(from(*e).id)}, {"Path", r.path}, {"Method", m}})}}));
    }
  }
  if (events.size() > 0) p.set("Events", events);
  resource(n.id, "AWS::Serverless::StateMachine", std::move(p));
  output(n.id + "Arn", "ARN of state machine " + n.id, cf_ref(n.id));
}

void Builder::alarm(const Node& n) {
  const std::string metric = str(n, "metric", "Errors");
  const std::string stat = metric == "Duration" ? "Maximum" : "Sum";
  const Value* th = prop(n, "threshold");
  const Value threshold = th && th->is_number() ? *th : Value(1);
  const long long periods = integer(n, "periods", 1);
  std::vector<const Node*> fns;
  for (const Edge* e : ins(n, "fn")) fns.push_back(&from(*e));
  Value p = Value::map();
  std::string watched = fns.empty() ? std::string("all functions") : std::string();
  for (std::size_t i = 0; i < fns.size(); ++i) watched += (i ? ", " : "") + fns[i]->id;
  p.set("AlarmDescription", n.description.empty() ? metric + " of " + watched : n.description);
  if (fns.size() <= 1) {
    p.set("Namespace", "AWS/Lambda");
    p.set("MetricName", metric);
    if (!fns.empty()) p.set("Dimensions", arr({obj({{"Name", "FunctionName"}, {"Value", cf_ref(fns.front()->id)}})}));
    p.set("Statistic", stat);
    p.set("Period", 60);
  } else {
    // One alarm over several functions: metric math over each one's metric.
    Value metrics = Value::list();
    std::string expr;
    for (std::size_t i = 0; i < fns.size(); ++i) {
      const std::string id = "m" + std::to_string(i + 1);
      expr += (i ? "," : "") + id;
      metrics.push_back(obj({{"Id", id},
                             {"ReturnData", false},
                             {"MetricStat", obj({{"Metric", obj({{"Namespace", "AWS/Lambda"},
                                                                 {"MetricName", metric},
                                                                 {"Dimensions", arr({obj({{"Name", "FunctionName"}, {"Value", cf_ref(fns[i]->id)}})})}})},
                                                 {"Period", 60},
                                                 {"Stat", stat}})}}));
    }
    metrics.push_back(obj({{"Id", "total"},
                           {"Expression", (metric == "Duration" ? "MAX([" : "SUM([") + expr + "])"},
                           {"Label", metric},
                           {"ReturnData", true}}));
    p.set("Metrics", metrics);
  }
  p.set("EvaluationPeriods", periods);
  p.set("Threshold", threshold);
  p.set("ComparisonOperator", "GreaterThanOrEqualToThreshold");
  p.set("TreatMissingData", "notBreaching");
  resource(n.id, "AWS::CloudWatch::Alarm", std::move(p));
}

}  // namespace

Route parse_route(const std::string& text, const std::string& node_id) {
  const std::string t = trim(text);
  const auto bad = [&]() -> Route {
    throw Error(ErrorCode::invalid, "route '" + text + "' of " + node_id + " is not \"METHOD /path\"");
  };
  if (t.empty()) return bad();
  Route r;
  const auto space = t.find_first_of(" \t");
  if (space == std::string::npos) {
    return bad();
  } else {
    r.method = t.substr(0, space);
    r.path = trim(t.substr(space));
  }
  for (char& c : r.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  static const char* kMethods[] = {"ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
  if (std::find_if(std::begin(kMethods), std::end(kMethods), [&](const char* m) { return r.method == m; }) ==
      std::end(kMethods))
    return bad();
  if (r.path.empty() || r.path[0] != '/' || r.path.find_first_of(" \t") != std::string::npos) return bad();
  return r;
}

Value sam_template(const Architecture& arch, const EmitOptions& options) {
  const auto cycles = reference_cycles(arch);
  if (!cycles.empty()) {
    std::string list;
    for (const auto& c : cycles) {
      list += list.empty() ? "" : "; ";
      for (std::size_t i = 0; i < c.size(); ++i) list += (i ? ", " : "") + c[i];
    }
    throw Error(ErrorCode::invalid,
                "the resources of " + list +
                    " would refer to each other in a circle, which CloudFormation cannot create; "
                    "remove one of the connections between them");
  }
  const ReferenceScope scope(arch);
  return Builder(arch, options).build();
}

}  // namespace sbd::detail
