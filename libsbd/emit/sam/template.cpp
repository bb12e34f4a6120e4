// The SAM template builder. Each node builds its own resources by looking at
// its edges (a pull model: nothing is patched afterwards), in sorted id order;
// the node's overrides are merged last into its main resource; functions'
// shared settings are then hoisted into Globals. See docs/engines/sam.md.
#include "emit/sam/template.hpp"

#include "emit/common/doc.hpp"
#include "emit/common/iam.hpp"
#include "emit/common/refs.hpp"
#include "emit/common/resources.hpp"
#include "emit/common/wiring.hpp"
#include "emit/starter/starter.hpp"
#include "model/yaml_buffer.hpp"

#include <sbd/error.hpp>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace sbd::detail {

namespace {

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

std::string capitalised_lower(const std::string& s) {
  std::string out;
  for (char c : s) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

bool write_simple_ref(YamlBuffer& out, const Architecture& arch, const Node& n, RefOf what, bool plain_id);

// The SAM resource types (functions, APIs, state machines) are the engine's
// own; every other node is the shared CfnBuilder's plain CloudFormation, with
// node ids as logical ids.
class Builder final : public CfnBuilder {
 public:
  Builder(const Architecture& arch, const EmitOptions& options) : CfnBuilder(arch), options_(options) {
    refuse_duplicate_resources_ = "the SAM engine";
  }

  Value build();
  /// The same document as to_yaml(build()), written as YAML text node by node
  /// (see "Writing as it goes" below).
  /// in_model_order: see yaml(); empty when an output id turned out taken
  /// twice (then yaml(false) on a new Builder). id_order: every node index
  /// in id order, or null to sort them here (sam_template_yaml).
  std::optional<std::string> yaml(bool in_model_order, const std::vector<std::size_t>* id_order);

  // What other resources invoke: a function's `live` alias when it is
  // deployed gradually (so that traffic shifting covers those calls too),
  // else the function.
  Value invocation_arn(const Node& fn) const override {
    const auto& dep = arch_.settings().deployment;
    if (dep && !dep->type.empty() && dep->pre_traffic != fn.id && dep->post_traffic != fn.id)
      return cf_ref(fn.id + ".Alias");
    return get_att(fn.id, "Arn");
  }

 private:
  std::string event_name(std::set<std::string>& used, std::string base) {
    if (base.size() > 200) base.resize(200);
    std::string name = base;
    for (int i = 2; used.count(name); ++i) name = base + std::to_string(i);
    used.insert(name);
    return name;
  }

  // ---- the SAM resource types ------------------------------------------------
  void node(const Node& n);
  void function(const Node& fn);
  void function_events(const Node& fn, Value& p, const StarterInfo& info);
  void function_deployment(const Node& fn, Value& p);
  void api(const Node& n);
  void sam_http_api(const Node& n);
  void sam_state_machine(const Node& n);
  void hoist_globals();

  // ---- writing as it goes -----------------------------------------------------
  // The settings that Globals.Function may take over (hoist_globals).
  static constexpr const char* kGlobalKeys[4] = {"Runtime", "Architectures", "MemorySize", "Timeout"};
  struct FunctionSettings {
    Value values[4];
    bool present[4] = {false, false, false, false};
  };
  FunctionSettings settings_of(const Node& fn, const StarterInfo& info) const;
  // What choose_globals learns of each function, for fast_function.
  struct FunctionFacts {
    StarterInfo info;
    FunctionSettings settings;
  };
  std::vector<FunctionFacts> facts_;  // reserved once: facts_of_ points into it
  std::vector<const FunctionFacts*> facts_of_;  // by node index (functions without overrides)
  void choose_globals();
  bool hoisted(int k, const Value& v) const { return global_set_[k] && v == global_[k]; }
  bool write_fast(const Node& n, YamlBuffer& out);
  // Whether an edge leaves n for (enters n from) a node of one of kinds.
  bool edge_to(const Node& n, std::initializer_list<std::string_view> kinds) const {
    for (std::size_t i : out_indexes(n))
      for (std::string_view k : kinds)
        if (to(arch_.edge_at(i)).kind == k) return true;
    return false;
  }
  bool edge_from(const Node& n, std::initializer_list<std::string_view> kinds) const {
    for (std::size_t i : in_indexes(n))
      for (std::string_view k : kinds)
        if (from(arch_.edge_at(i)).kind == k) return true;
    return false;
  }
  // output(<id><suffix>, <description_prefix><id>, the node's name, ARN or
  // URL), written as text when the outputs are.
  bool text_output(const Node& n, std::string_view suffix, std::string_view description_prefix, RefOf what);
  // While the covered nodes are written in model order (yaml(true)), their
  // outputs go to capture_ and each output id to captured_id_, taken later.
  YamlBuffer* capture_ = nullptr;
  std::string captured_id_;
  std::vector<std::size_t> fn_out_, fn_in_;  // fast_function's edges, kept from one function to the next
  // After "key:" at indentation indent: name_of / arn_of / url_of of n, as
  // text when it is a plain !Ref or !GetAtt, else from its Value.
  void write_ref(YamlBuffer& out, int indent, const Node& n, RefOf what) {
    if (write_simple_ref(out, arch_, n, what, plain(n))) return;
    yaml_after_indicator(out, what == RefOf::name ? name(n) : what == RefOf::arn ? arn(n) : url(n), indent, false);
  }
  void write_tree(const Node& n, YamlBuffer& out);
  // Whether a node's id is a valid logical id (then written plain), checked
  // once per node: the text writers write a node's id ten times on average.
  std::vector<unsigned char> plain_;  // by node index: 0 not yet known, 1 valid, 2 not
  const StableVector<Node>* nodes_ = nullptr;  // arch_.nodes(), when plain_ is sized
  bool plain(const Node& n) {
    if (n.index >= plain_.size() || &(*nodes_)[n.index] != &n) return is_valid_logical_id(n.id);
    unsigned char& known = plain_[n.index];
    if (known == 0) known = is_valid_logical_id(n.id) ? 1 : 2;
    return known == 1;
  }

  bool fast_function(const Node& fn, YamlBuffer& out);
  bool fast_table(const Node& n, YamlBuffer& out);
  bool fast_bucket(const Node& n, YamlBuffer& out);
  bool fast_topic(const Node& n, YamlBuffer& out);
  bool fast_queue(const Node& n, YamlBuffer& out);
  bool fast_api(const Node& n, YamlBuffer& out);

  const EmitOptions& options_;
  Value globals_ = Value::map();
  bool any_deployment_role_ = false;
  Value global_[4];
  bool global_set_[4] = {false, false, false, false};
  std::size_t written_resources_ = 0;
};

// ---- the document ------------------------------------------------------------

Value Builder::build() {
  reserve_documents();
  for (const std::string& id : arch_.sorted_ids()) node(arch_.node(id));
  // Overrides, merged last into each node's main resource (by the node id).
  merge_node_overrides();
  hoist_globals();
  if (resources().size() == 0)
    throw Error(ErrorCode::invalid, "the model has no node that becomes a resource (a schedule alone has none): "
                                    "a CloudFormation template needs at least one resource");

  Value doc = Value::map();
  doc.set("AWSTemplateFormatVersion", "2010-09-09");
  doc.set("Transform", "AWS::Serverless-2016-10-31");
  const AppSettings& s = arch_.settings();
  std::string description = s.description.empty() ? s.name : s.name + ": " + s.description;
  description += " (generated by sbd from the architecture model)";
  doc.set("Description", description);
  if (parameters().size() > 0) doc.set("Parameters", parameters());
  if (globals_.size() > 0) doc.set("Globals", globals_);
  doc.set("Resources", std::move(resources()));
  if (outputs().size() > 0) doc.set("Outputs", std::move(outputs()));
  return doc;
}

void Builder::node(const Node& n) {
  const std::string_view k = n.kind;  // compared with many literals
  if (k == "fn") function(n);
  else if (k == "api") api(n);
  else if (k == "httpApi") sam_http_api(n);
  else if (k == "stepFn") sam_state_machine(n);
  else if (!plain_node(n))  // functions get IoTRule and Schedule events
    throw Error(ErrorCode::invalid, "the SAM engine has no resource for kind '" + n.kind + "' of node " + n.id);
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
  StarterInfo info = starter_info(arch_, fn, options_);
  Value p = Value::map();
  p.reserve(12);  // room for the usual properties, without regrowing
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
  if (vars.size() > 0) p.set("Environment", obj({{"Variables", std::move(vars)}}));

  // Permissions: a SAM policy template scoped to the edge's resource where one
  // fits, explicit statements otherwise.
  Value policies = Value::list();
  Value statements = Value::list();
  for (const Edge* e : outs(fn)) {
    // The statements only when no policy template fits.
    Access a = function_access(arch_, *e, node_logical_id, false);
    if (a.sam_policy.empty()) a = function_access(arch_, *e, node_logical_id, true);
    if (!a.sam_policy.empty()) {
      Value entry = obj({{std::move(a.sam_policy), std::move(a.sam_parameters)}});
      if (std::find(policies.items().begin(), policies.items().end(), entry) == policies.items().end())
        policies.push_back(std::move(entry));
    } else {
      for (Value& st : a.statements.items()) statements.push_back(std::move(st));
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
  if (statements.size() > 0) policies.push_back(obj({{"Version", "2012-10-17"}, {"Statement", std::move(statements)}}));
  if (policies.size() > 0) p.set("Policies", std::move(policies));

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
  if (info.metadata.is_map() && info.metadata.size() > 0) res.set("Metadata", std::move(info.metadata));
  output(fn.id + "Arn", "ARN of function " + fn.id, get_att(fn.id, "Arn"));
}

void Builder::function_events(const Node& fn, Value& p, const StarterInfo& info) {
  Value events = Value::map();
  std::set<std::string> used;
  const Value batch_failures = arr({Value("ReportBatchItemFailures")});
  for (const Edge* ep : triggers_of(arch_, fn)) {
    const Edge& e = *ep;
    const Node& src = from(e);
    const std::string_view k = src.kind;
    if (k == "bucket") {
      Value ev = obj({{"Bucket", cf_ref(src.id)}});
      const Value* types = eprop(e, "events");
      ev.set("Events", types && types->is_list() && types->size() > 0 ? *types : arr({Value("s3:ObjectCreated:*")}));
      Value rules = Value::list();
      for (const char* f : {"prefix", "suffix"}) {
        const Value* v = eprop(e, f);
        if (v && v->is_string() && !v->as_string().empty()) rules.push_back(obj({{"Name", f}, {"Value", *v}}));
      }
      if (rules.size() > 0) ev.set("Filter", obj({{"S3Key", obj({{"Rules", std::move(rules)}})}}));
      events.set(event_name(used, src.id + "S3"), obj({{"Type", "S3"}, {"Properties", std::move(ev)}}));
    } else if (k == "table" || k == "stream") {
      const Value* pos = eprop(e, "starting_position");
      const Value* batch = eprop(e, "batch_size");
      Value ev = obj({{"Stream", get_att(src.id, k == "table" ? "StreamArn" : "Arn")},
                      {"StartingPosition", pos && pos->is_string() ? pos->as_string() : "LATEST"},
                      {"BatchSize", batch && batch->is_int() ? batch->as_int() : 100}});
      if (info.reports_batch_item_failures) ev.set("FunctionResponseTypes", batch_failures);
      const char* type = k == "table" ? "DynamoDB" : "Kinesis";
      events.set(event_name(used, src.id + (k == "table" ? "Stream" : "Kinesis")),
                 obj({{"Type", type}, {"Properties", std::move(ev)}}));
    } else if (k == "api" || k == "httpApi") {
      for (const ApiRoute& r : routes_of(e)) {
        Value ev = k == "api" ? obj({{"RestApiId", cf_ref(src.id)}}) : obj({{"ApiId", cf_ref(src.id)}});
        ev.set("Path", r.path);
        // SAM's Api events take lower-case methods ("get", "any"); HttpApi upper case.
        ev.set("Method", k == "api" ? lower_ascii(r.method) : r.method);
        events.set(event_name(used, src.id + capitalised_lower(r.method) + path_words(r.path)),
                   obj({{"Type", k == "api" ? "Api" : "HttpApi"}, {"Properties", std::move(ev)}}));
      }
    } else if (k == "schedule") {
      Value ev = obj({{"Schedule", str(src, "expression", "rate(5 minutes)")}});
      if (!src.description.empty()) ev.set("Description", src.description);
      events.set(event_name(used, src.id + "Schedule"), obj({{"Type", "Schedule"}, {"Properties", std::move(ev)}}));
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
      events.set(event_name(used, src.id + "Sqs"), obj({{"Type", "SQS"}, {"Properties", std::move(ev)}}));
    } else if (k == "eventBus") {
      Value ev = obj({{"EventBusName", cf_ref(src.id)}, {"Pattern", event_pattern(src)}});
      events.set(event_name(used, src.id + "Rule"), obj({{"Type", "EventBridgeRule"}, {"Properties", std::move(ev)}}));
    } else if (k == "iotRule") {
      Value ev = obj({{"Sql", str(src, "sql", "SELECT * FROM 'topic/#'")}, {"AwsIotSqlVersion", "2016-03-23"}});
      events.set(event_name(used, src.id + "IoT"), obj({{"Type", "IoTRule"}, {"Properties", std::move(ev)}}));
    }
    // fn -> fn, stepFn -> fn and deliveryStream -> fn invoke through the
    // caller's permissions: no event on the callee.
  }
  if (events.size() > 0) p.set("Events", std::move(events));
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
    a.set("Authorizers", std::move(authorizers));
  } else if (auth == "iam" || identity) {
    a.set("DefaultAuthorizer", "AWS_IAM");
  }
  if (a.size() > 0) p.set("Auth", std::move(a));
  // An API that integrates nothing would have no method, and API Gateway
  // refuses to deploy that: its routes answer 501 from a mock integration.
  bool integrated = false;
  for (const Edge* e : outs(n))
    if (to(*e).kind == "fn" || to(*e).kind == "stepFn") integrated = true;
  if (!integrated) {
    Value paths = mock_paths(n);
    p.set("DefinitionBody", obj({{"openapi", "3.0.1"},
                                 {"info", obj({{"title", sub("${AWS::StackName}-" + n.id)}, {"version", "1.0"}})},
                                 {"paths", std::move(paths)}}));
  }
  resource(n.id, "AWS::Serverless::Api", std::move(p));
  output(n.id + "Url", "Invoke URL of REST API " + n.id, url_of(arch_, n));
}

void Builder::sam_http_api(const Node& n) {
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

// ---- orchestration ---------------------------------------------------------------

void Builder::sam_state_machine(const Node& n) {
  StateMachineParts parts = state_machine_parts(n, 200);
  Value policies = Value::list();
  for (const Node* f : parts.called) {
    Value entry = obj({{"LambdaInvokePolicy", obj({{"FunctionName", cf_ref(f->id)}})}});
    if (std::find(policies.items().begin(), policies.items().end(), entry) == policies.items().end())
      policies.push_back(entry);
  }
  Value p = obj({{"Type", str(n, "type", "STANDARD")}, {"Definition", std::move(parts.definition)}});
  if (parts.substitutions.size() > 0) p.set("DefinitionSubstitutions", std::move(parts.substitutions));
  // A role of its own (SAM creates it from these policies).
  p.set("Policies", policies.size() > 0 ? policies : arr({obj({{"Version", "2012-10-17"}, {"Statement", arr({allow({"states:DescribeExecution"}, sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:*"))})}})}));
  // API integrations start executions.
  Value events = Value::map();
  std::set<std::string> used_events;
  for (const Edge* e : ins(n, "api")) {
    for (const ApiRoute& r : routes_of(*e)) {
      const std::string m = lower_ascii(r.method);
      events.set(event_name(used_events, from(*e).id + capitalised_lower(r.method) + path_words(r.path)),
                 obj({{"Type", "Api"},
                      {"Properties", obj({{"RestApiId", cf_ref(from(*e).id)}, {"Path", r.path}, {"Method", m}})}}));
    }
  }
  if (events.size() > 0) p.set("Events", events);
  resource(n.id, "AWS::Serverless::StateMachine", std::move(p));
  output(n.id + "Arn", "ARN of state machine " + n.id, cf_ref(n.id));
}


// ---- writing as it goes -------------------------------------------------------
//
// yaml() writes the document that to_yaml(build()) writes, without holding its
// tree: each node's resources are written as soon as they are built. The
// common shapes of the common kinds (functions, REST APIs, tables, buckets,
// topics, queues) are written straight as text ("fast" writers below); any
// other node, and any node with something those writers do not cover
// (overrides, a gradual deployment, notifications, resource policies, ...),
// is built as a tree by the methods above and written at once. The covered
// nodes are written first, in model order (memory order), as pieces put in
// id order afterwards; the others in their turn in id order, so that
// whatever depends on order (ids given out by aux(), output ids numbered by
// output()) comes out as in build(). Outputs go to their own text, Parameters
// are known at the end, Globals before any resource (choose_globals).
// tests/cpp/test_sam_text.cpp checks that both give the same bytes on every
// model it has.

namespace {

// Constant text, copied as is.
void lit(YamlBuffer& out, std::string_view s) { out.append(s.data(), s.size()); }
// "key: scalar\n" at indentation indent.
void line(YamlBuffer& out, std::string_view prefix, std::string_view scalar) {
  out.append(prefix.data(), prefix.size());
  yaml_scalar(out, scalar);
  out.push_back('\n');
}
// Forward: "key: <id>\n" (id_scalar below).
void id_line(YamlBuffer& out, std::string_view prefix, std::string_view id, bool valid);
void int_line(YamlBuffer& out, std::string_view prefix, long long v) {
  out.append(prefix.data(), prefix.size());
  out.integer(v);
  out.push_back('\n');
}
// Node ids are CloudFormation logical ids (is_valid_logical_id: ASCII
// letters and digits, a letter first; Architecture::add_node refuses others),
// which YAML reads back as the same string unless they are one of its
// reserved words ("yes", "No", "null", ...), all of five characters at most.
// So an id, or an id joined to letters, digits and dots, or a sentence ending
// in an id, is written as it is; anything else goes through yaml_scalar.
// `valid` (`head_valid`, `id_valid`) says whether the id is a valid logical
// id: the Builder knows it of a node's id once per node (Builder::plain).
bool letters_digits_dots(std::string_view s) {
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.')) return false;
  return true;
}
void id_scalar(YamlBuffer& out, std::string_view id, bool valid) {
  if (id.size() > 5 && valid) out.append(id.data(), id.size());
  else yaml_scalar(out, id);
}
// a + b as one scalar: as it is when plain, else through yaml_scalar.
void concat_scalar(YamlBuffer& out, std::string_view a, std::string_view b, bool plain) {
  if (plain) {
    out.append(a.data(), a.size());
    out.append(b.data(), b.size());
    return;
  }
  std::string text;
  text.reserve(a.size() + b.size());
  text.append(a).append(b);
  yaml_scalar(out, text);
}
// head + tail, tail being letters, digits and dots ("Arn", ".Arn", "S3").
void joined_scalar(YamlBuffer& out, std::string_view head, std::string_view tail, bool head_valid) {
  concat_scalar(out, head, tail, head.size() + tail.size() > 5 && head_valid && letters_digits_dots(tail));
}
// A sentence ending in an id: prefix (words and spaces, a letter first, no
// ':' or '#') + id.
void sentence_scalar(YamlBuffer& out, std::string_view prefix, std::string_view id, bool id_valid) {
  concat_scalar(out, prefix, id, id_valid);
}
void id_line(YamlBuffer& out, std::string_view prefix, std::string_view id, bool valid) {
  out.append(prefix.data(), prefix.size());
  id_scalar(out, id, valid);
  out.push_back('\n');
}
// "  <id>:\n" (a resource, an output).
void resource_key(YamlBuffer& out, std::string_view id, bool valid) {
  out.spaces(2);
  id_scalar(out, id, valid);
  lit(out, ":\n");
}
// "<id>.<attribute>\n", the scalar of a !GetAtt.
void getatt_scalar(YamlBuffer& out, std::string_view id, std::string_view attribute, bool id_valid) {
  if (id_valid && letters_digits_dots(attribute)) {
    out.append(id.data(), id.size());
    out.push_back('.');
    out.append(attribute.data(), attribute.size());
  } else {
    std::string text;
    text.reserve(id.size() + attribute.size() + 1);
    text.append(id).append(1, '.').append(attribute);
    yaml_scalar(out, text);
  }
  out.push_back('\n');
}

}  // namespace

// refs.hpp's name_of, arn_of and url_of of a node (whose logical id, in SAM,
// is its id) as the text after "key:": plain_ref's !Ref or !GetAtt, or an
// API's invoke URL; false for the others (an explicit bucket name, a !Sub ARN).
bool write_simple_ref(YamlBuffer& out, const Architecture& arch, const Node& n, RefOf what, bool plain_id) {
  if (const PlainRef r = plain_ref(arch, n, what); r.plain) {
    if (r.attribute.empty()) {
      lit(out, " !Ref ");
      id_scalar(out, n.id, plain_id);
      out.push_back('\n');
    } else {
      lit(out, " !GetAtt ");
      getatt_scalar(out, n.id, r.attribute, plain_id);
    }
    return true;
  }
  if (what == RefOf::url && (is(n.kind, "api") || is(n.kind, "httpApi"))) {  // url_of's invoke URL, a !Sub
    const Value* stage = arch.property(n, "stage");
    const std::string_view s = stage && stage->is_string() ? std::string_view(stage->as_string()) : "";
    std::string url;
    url.reserve(64 + n.id.size() + s.size());
    url.append("https://${").append(n.id).append("}.execute-api.${AWS::Region}.${AWS::URLSuffix}/");
    if (!s.empty() && s != "$default") url.append(sub_escape(s)).push_back('/');
    lit(out, " !Sub ");
    yaml_scalar(out, url);
    out.push_back('\n');
    return true;
  }
  return false;
}

Builder::FunctionSettings Builder::settings_of(const Node& fn, const StarterInfo& info) const {
  FunctionSettings s;
  s.values[0] = Value(info.runtime);
  s.values[1] = arr({Value(str(fn, "architecture", "x86_64"))});
  s.values[2] = Value(integer(fn, "memory", 128));
  s.values[3] = Value(integer(fn, "timeout", 3));
  for (bool& p : s.present) p = true;
  return s;
}

// hoist_globals' choice, made before any function is written: from what each
// function's properties will be (overrides merged), in model order.
void Builder::choose_globals() {
  std::vector<FunctionSettings> overridden;  // of the functions with overrides
  std::vector<std::pair<const FunctionSettings*, std::size_t>> fns;  // model order (overridden: null, a slot)
  std::unique_ptr<Builder> scratch;  // builds the functions that have overrides
  facts_of_.assign(arch_.node_count(), nullptr);
  // The functions, found by the architecture's table of kinds: a pass over
  // it reads 8 bytes a node, where one over the nodes reads a cache line each.
  const KindSpec* const fn_kind = arch_.catalog().kind("fn");
  std::vector<std::size_t> functions;
  for (std::size_t i = 0; i < arch_.node_count(); ++i)
    if (&arch_.kind_at(i) == fn_kind) functions.push_back(i);
  facts_.reserve(functions.size());
  // A function that sets none of these has the same starter facts and
  // settings as any other such function (but its CodeUri): they are worked
  // out once.
  const auto own_settings = [](const Node& n) {
    const Value& p = n.properties;
    return p.size() > 0 && (p.find("runtime") || p.find("language") || p.find("handler") ||
                            p.find("architecture") || p.find("memory") || p.find("timeout"));
  };
  const FunctionFacts* shared = nullptr;
  for (const std::size_t i : functions) {
    const Node& n = arch_.nodes()[i];
    if (!n.overrides.is_map() || n.overrides.size() == 0) {
      const FunctionFacts* facts = own_settings(n) ? nullptr : shared;
      if (!facts) {
        StarterInfo info = starter_info(arch_, n, options_);
        FunctionSettings settings = settings_of(n, info);
        facts_.push_back(FunctionFacts{std::move(info), std::move(settings)});
        facts = &facts_.back();
        if (!own_settings(n)) shared = facts;
      }
      facts_of_[n.index] = facts;
      fns.emplace_back(&facts->settings, 0);
      continue;
    }
    FunctionSettings s;
    try {
      if (!scratch) scratch = std::make_unique<Builder>(arch_, options_);
      scratch->function(n);
      scratch->merge_overrides_of(n);
      const Value* res = scratch->find_resource(n.id);
      const Value* p = res ? res->find("Properties") : nullptr;
      for (int k = 0; k < 4; ++k) {
        const Value* v = p ? p->find(kGlobalKeys[k]) : nullptr;
        if (v) s.values[k] = *v, s.present[k] = true;
      }
    } catch (const Error&) {
      // The same error stops yaml() when it builds this function.
    }
    if (scratch) {
      YamlBuffer discard(64);
      scratch->write_resources(discard);
    }
    fns.emplace_back(nullptr, overridden.size());
    overridden.push_back(std::move(s));
  }
  if (fns.size() < 2) return;
  for (int k = 0; k < 4; ++k) {
    std::vector<std::pair<const Value*, std::size_t>> counts;  // value, functions
    bool everywhere = true;
    for (const auto& [plain, slot] : fns) {
      const FunctionSettings& f = plain ? *plain : overridden[slot];
      if (!f.present[k]) {
        everywhere = false;
        break;
      }
      const Value& v = f.values[k];
      auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == &v || *c.first == v; });
      if (it == counts.end()) counts.emplace_back(&v, 1);
      else ++it->second;
    }
    if (!everywhere || counts.empty()) continue;
    if (k == 1 && counts.size() > 1) continue;  // Architectures: lists concatenate
    const auto best = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
      return a.second < b.second;  // the first of equals wins: model order
    });
    if (best->second < 2) continue;
    global_[k] = *best->first;
    global_set_[k] = true;
  }
}

std::optional<std::string> Builder::yaml(bool in_model_order, const std::vector<std::size_t>* id_order) {
  plain_.assign(arch_.node_count(), 0);
  nodes_ = &arch_.nodes();
  choose_globals();

  // Scratch text, kept by the thread from one template to the next (fresh
  // memory on every call costs more in page faults than the writing), up to
  // kKeptScratch bytes: the outputs, which come after the resources, and the
  // pieces written in model order.
  // Where a node's text is: its resource in pieces, its output in
  // output_pieces (done: written in model order) or in outputs (written as a
  // tree), its output id in ids.
  struct Piece {
    std::size_t at = 0, size = 0, output_at = 0, output_size = 0, id_at = 0, id_size = 0;
    std::uint64_t id_hash = 0;  // IdSet::hash of the output id
    bool done = false;
  };
  struct Scratch {
    YamlBuffer outputs{64 * 1024}, pieces{64}, output_pieces{64};
    std::string ids;
    std::vector<Piece> piece_of;  // by node index
    IdOrder order;
    std::size_t bytes() const {
      return outputs.capacity() + pieces.capacity() + output_pieces.capacity() + ids.capacity() +
             piece_of.capacity() * sizeof(Piece) + order.bytes();
    }
  };
  static constexpr std::size_t kKeptScratch = std::size_t{64} << 20;
  thread_local std::unique_ptr<Scratch> kept;
  std::unique_ptr<Scratch> scratch = kept ? std::move(kept) : std::make_unique<Scratch>();
  struct Keep {  // hands the scratch back to the thread however yaml() ends
    std::unique_ptr<Scratch>& from;
    std::unique_ptr<Scratch>& to;
    ~Keep() {
      if (from && from->bytes() <= kKeptScratch) to = std::move(from);
    }
  } keep{scratch, kept};
  const std::vector<std::size_t>& order = id_order ? *id_order : scratch->order.of(arch_);  // as build() writes
  // Sized once for this model (an output is ~100 bytes, a resource ~350).
  const std::size_t node_count = arch_.node_count();
  const auto size_for = [](YamlBuffer& b, std::size_t bytes) {
    if (b.capacity() < bytes) b.reset(bytes);
    b.clear();
  };
  YamlBuffer& outputs = scratch->outputs;
  size_for(outputs, node_count * 128 + 64);

  // In a big model, id order jumps all over the model's memory: the nodes the
  // text writers cover are first written in model order, each as a piece
  // (resource and output), then the pieces are put in id order.
  std::vector<Piece>& piece_of = scratch->piece_of;
  YamlBuffer& pieces = scratch->pieces;
  YamlBuffer& output_pieces = scratch->output_pieces;
  std::string& ids = scratch->ids;
  if (in_model_order) {
    size_for(pieces, node_count * 400 + 64);
    size_for(output_pieces, node_count * 128 + 64);
    ids.clear();
    ids.reserve(node_count * 16);
    piece_of.assign(node_count, Piece());
    for (const Node& n : arch_.nodes()) {
      Piece& p = piece_of[n.index];
      p.at = pieces.size();
      p.output_at = output_pieces.size();
      capture_ = &output_pieces;
      try {
        p.done = write_fast(n, pieces);
      } catch (const Error&) {
        p.done = false;  // the tree's way meets the same error in its turn
      }
      capture_ = nullptr;
      if (!p.done) {
        pieces.truncate(p.at);
        output_pieces.truncate(p.output_at);
        continue;
      }
      p.size = pieces.size() - p.at;
      p.output_size = output_pieces.size() - p.output_at;
      p.id_at = ids.size();
      p.id_size = captured_id_.size();
      p.id_hash = IdSet::hash(captured_id_);
      ids += captured_id_;
    }
  }

  const AppSettings& s = arch_.settings();
  std::string description = s.description.empty() ? s.name : s.name + ": " + s.description;
  description += " (generated by sbd from the architecture model)";
  YamlBuffer doc(in_model_order ? pieces.size() + output_pieces.size() + description.size() + 4096
                                : arch_.node_count() * 400 + 4096);
  lit(doc, "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n");
  line(doc, "Description: ", description);
  const std::size_t parameters_at = doc.size();  // known only at the end
  if (global_set_[0] || global_set_[1] || global_set_[2] || global_set_[3]) {
    lit(doc, "Globals:\n  Function:\n");
    for (int k = 0; k < 4; ++k)
      if (global_set_[k]) yaml_entry(doc, 4, kGlobalKeys[k], global_[k]);
  }
  lit(doc, "Resources:\n");
  write_outputs_to(&outputs);
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (in_model_order && i + 16 < order.size()) {  // pieces are read in a jumping order: ask ahead
      __builtin_prefetch(&piece_of[order[i + 16]]);
      const Piece& near = piece_of[order[i + 8]];
      if (near.done) prefetch_output_id(near.id_hash);
      const Piece& ahead = piece_of[order[i + 4]];
      __builtin_prefetch(pieces.view().data() + ahead.at);
    }
    const std::size_t index = order[i];
    if (in_model_order && piece_of[index].done) {
      const Piece& p = piece_of[index];
      // Output ids are taken in id order, as output() takes them: a clash
      // (ids cut to 240 characters) starts again in id order.
      if (!claim_output_id(std::string_view(ids).substr(p.id_at, p.id_size), p.id_hash)) return std::nullopt;
      doc += pieces.view().substr(p.at, p.size);
      ++written_resources_;
    } else if (!in_model_order && write_fast(arch_.node_at(index), doc)) {
      ++written_resources_;
    } else {
      const std::size_t outputs_at = outputs.size();
      write_tree(arch_.node_at(index), doc);
      if (in_model_order) {
        piece_of[index].output_at = outputs_at;
        piece_of[index].output_size = outputs.size() - outputs_at;
      }
    }
  }
  write_outputs_to(nullptr);
  if (written_resources_ == 0)
    throw Error(ErrorCode::invalid, "the model has no node that becomes a resource (a schedule alone has none): "
                                    "a CloudFormation template needs at least one resource");
  if (output_count() > 0) {
    lit(doc, "Outputs:\n");
    if (!in_model_order) {
      doc += outputs.view();
    } else {  // in id order, each from where it was written
      for (std::size_t i = 0; i < order.size(); ++i) {
        const Piece& p = piece_of[order[i]];
        if (i + 8 < order.size()) {
          const Piece& ahead = piece_of[order[i + 8]];
          __builtin_prefetch((ahead.done ? output_pieces : outputs).view().data() + ahead.output_at);
        }
        doc += (p.done ? output_pieces : outputs).view().substr(p.output_at, p.output_size);
      }
    }
  }
  std::string text = doc.take();
  if (parameters().size() > 0) {  // Flink applications' code location: rare
    YamlBuffer params(256);
    yaml_entry(params, 0, "Parameters", parameters());
    text.insert(parameters_at, params.view());
  }
  return text;
}

// The node by a text writer; false (and nothing written) when none covers it.
bool Builder::write_fast(const Node& n, YamlBuffer& out) {
  if (n.overrides.is_map() && n.overrides.size() > 0) return false;
  const std::size_t mark = out.size();
  const std::string_view k = n.kind;
  bool done = false;
  if (is(k, "fn")) done = fast_function(n, out);
  else if (is(k, "table")) done = fast_table(n, out);
  else if (is(k, "bucket")) done = fast_bucket(n, out);
  else if (is(k, "topic")) done = fast_topic(n, out);
  else if (is(k, "queue")) done = fast_queue(n, out);
  else if (is(k, "api")) done = fast_api(n, out);
  if (!done) out.truncate(mark);
  return done;
}

// The node as a tree, as build() makes it: the node, its overrides, the
// settings that Globals carries; written at once.
void Builder::write_tree(const Node& n, YamlBuffer& out) {
  node(n);
  merge_overrides_of(n);
  if (n.kind == "fn") {
    Value* res = find_resource(n.id);
    if (Value* p = res ? res->find("Properties") : nullptr) {
      for (int k = 0; k < 4; ++k)
        if (const Value* v = p->find(kGlobalKeys[k]); v && hoisted(k, *v)) p->erase(kGlobalKeys[k]);
    }
  }
  written_resources_ += write_resources(out);
}

bool Builder::text_output(const Node& n, std::string_view suffix, std::string_view description_prefix, RefOf what) {
  std::string id;
  id.reserve(n.id.size() + suffix.size());
  id.append(n.id).append(suffix);
  YamlBuffer* out = capture_ ? capture_ : outputs_text();
  if (capture_) {
    if (id.size() > 240) return false;  // output() cuts it: the node goes the tree's way
    captured_id_ = id;                  // taken when the piece is put in its place
  } else if (!out || id.size() > 240 || !claim_output_id(id)) {
    // (An id over 240 characters or taken already: output() cuts and numbers it.)
    std::string description;
    description.append(description_prefix).append(n.id);
    output(std::move(id), description, what == RefOf::name ? name(n) : what == RefOf::arn ? arn(n) : url(n));
    return true;
  }
  out->spaces(2);
  joined_scalar(*out, n.id, suffix, plain(n));
  lit(*out, ":\n    Description: ");
  sentence_scalar(*out, description_prefix, n.id, plain(n));
  lit(*out, "\n    Value:");
  write_ref(*out, 4, n, what);
  return true;
}

// The fast writers return false, before writing anything that matters, for
// what they do not cover; write_node then drops what they wrote.

bool Builder::fast_table(const Node& n, YamlBuffer& out) {
  const std::string pk = str(n, "partition_key", "id");
  const std::string sk = str(n, "sort_key");
  const bool range = !sk.empty() && sk != pk;
  resource_key(out, n.id, plain(n));
  lit(out, "    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n"
           "      AttributeDefinitions:\n");
  line(out, "        - AttributeName: ", pk);
  lit(out, "          AttributeType: S\n");
  if (range) {
    line(out, "        - AttributeName: ", sk);
    lit(out, "          AttributeType: S\n");
  }
  lit(out, "      KeySchema:\n");
  line(out, "        - AttributeName: ", pk);
  lit(out, "          KeyType: HASH\n");
  if (range) {
    line(out, "        - AttributeName: ", sk);
    lit(out, "          KeyType: RANGE\n");
  }
  std::string view = str(n, "stream");
  if (view.empty() && edge_to(n, {"fn"})) view = "NEW_AND_OLD_IMAGES";
  if (!view.empty()) {
    lit(out, "      StreamSpecification:\n");
    line(out, "        StreamViewType: ", view);
  }
  return text_output(n, "Name", "Name of table ", RefOf::name);
}

bool Builder::fast_bucket(const Node& n, YamlBuffer& out) {
  if (edge_to(n, {"topic", "queue"})) return false;  // notifications
  resource_key(out, n.id, plain(n));
  lit(out, "    Type: AWS::S3::Bucket\n");
  const bool named = bucket_needs_explicit_name(arch_, n);
  const bool versioning = boolean(n, "versioning");
  if (named || versioning) lit(out, "    Properties:\n");
  if (named) yaml_entry(out, 6, "BucketName", explicit_bucket_name(arch_, n));
  if (versioning) lit(out, "      VersioningConfiguration:\n        Status: Enabled\n");
  return text_output(n, "Name", "Name of bucket ", RefOf::name);
}

bool Builder::fast_topic(const Node& n, YamlBuffer& out) {
  if (edge_from(n, {"bucket", "schedule"})) return false;  // a topic policy
  resource_key(out, n.id, plain(n));
  lit(out, "    Type: AWS::SNS::Topic\n");
  if (boolean(n, "fifo")) {
    lit(out, "    Properties:\n");
    yaml_entry(out, 6, "TopicName", sub("${AWS::StackName}-" + n.id + ".fifo"));
    lit(out, "      FifoTopic: true\n");
  }
  return text_output(n, "Arn", "ARN of topic ", RefOf::arn);
}

bool Builder::fast_queue(const Node& n, YamlBuffer& out) {
  if (edge_from(n, {"bucket"})) return false;  // a queue policy
  resource_key(out, n.id, plain(n));
  lit(out, "    Type: AWS::SQS::Queue\n    Properties:\n");
  if (boolean(n, "fifo")) {
    yaml_entry(out, 6, "QueueName", sub("${AWS::StackName}-" + n.id + ".fifo"));
    lit(out, "      FifoQueue: true\n");
  }
  int_line(out, "      VisibilityTimeout: ", integer(n, "visibility_timeout", 30));
  int_line(out, "      MessageRetentionPeriod: ", integer(n, "retention", 345600));
  for (std::size_t i : out_indexes(n)) {
    const Edge* e = &arch_.edge_at(i);
    if (!is(to(*e).kind, "queue")) continue;
    const Value* mrc = eprop(*e, "max_receive_count");
    lit(out, "      RedrivePolicy:\n");
    yaml_entry(out, 8, "deadLetterTargetArn", arn(to(*e)));
    int_line(out, "        maxReceiveCount: ", mrc && mrc->is_int() ? mrc->as_int() : 5);
    break;  // a queue has one dead-letter queue
  }
  return text_output(n, "Url", "URL of queue ", RefOf::url);
}

bool Builder::fast_api(const Node& n, YamlBuffer& out) {
  if (edge_from(n, {"userPool", "cognitoIdentity"})) return false;  // authorizers
  resource_key(out, n.id, plain(n));
  lit(out, "    Type: AWS::Serverless::Api\n    Properties:\n");
  lit(out, "      Name: !Sub ");
  sentence_scalar(out, "${AWS::StackName}-", n.id, plain(n));  // (sub())
  out.push_back('\n');
  line(out, "      StageName: ", str(n, "stage", "prod"));
  lit(out, "      OpenApiVersion: '3.0.1'\n");
  if (!n.description.empty()) line(out, "      Description: ", n.description);
  if (str(n, "auth", "none") == "iam") lit(out, "      Auth:\n        DefaultAuthorizer: AWS_IAM\n");
  if (!edge_to(n, {"fn", "stepFn"})) {
    yaml_entry(out, 6, "DefinitionBody",
               obj({{"openapi", "3.0.1"},
                    {"info", obj({{"title", sub("${AWS::StackName}-" + n.id)}, {"version", "1.0"}})},
                    {"paths", mock_paths(n)}}));
  }
  return text_output(n, "Url", "Invoke URL of REST API ", RefOf::url);
}

bool Builder::fast_function(const Node& fn, YamlBuffer& out) {
  if (arch_.settings().deployment) return false;  // aliases, hooks, roles
  const FunctionFacts& facts = *facts_of_[fn.index];  // (a function without overrides)
  const StarterInfo& info = facts.info;  // (its code_uri may be another function's)
  const FunctionSettings& settings = facts.settings;

  resource_key(out, fn.id, plain(fn));
  lit(out, "    Type: AWS::Serverless::Function\n    Properties:\n");
  if (!fn.description.empty()) line(out, "      Description: ", fn.description);
  lit(out, "      CodeUri: ");
  if (plain(fn)) {  // src/<id>/ as starter_info gives it: plain
    lit(out, "src/");
    out.append(fn.id.data(), fn.id.size());
    lit(out, "/\n");
  } else {
    std::string uri;
    uri.append("src/").append(fn.id).push_back('/');
    yaml_scalar(out, uri);
    out.push_back('\n');
  }
  line(out, "      Handler: ", info.handler);
  for (int k = 0; k < 4; ++k)
    if (!hoisted(k, settings.values[k])) yaml_entry(out, 6, kGlobalKeys[k], settings.values[k]);
  if (const Value* rc = prop(fn, "reserved_concurrency"); rc && rc->is_int())
    int_line(out, "      ReservedConcurrentExecutions: ", rc->as_int());

  // The function's edges, looked up once for the variables, the policies
  // and the failure destination.
  arch_.out_edge_indexes(fn.index, fn_out_);
  const std::vector<std::size_t>& out_edges = fn_out_;

  // Environment: a variable per wire, then the model's own (a name given
  // twice keeps its first place and its last value, as Value::set does).
  if (const Value* env = prop(fn, "environment"); env && env->is_map()) {
    std::vector<std::pair<std::string, Value>> vars;
    const auto set_var = [&vars](std::string name, Value v) {
      for (auto& [n, old] : vars)
        if (n == name) {
          old = std::move(v);
          return;
        }
      vars.emplace_back(std::move(name), std::move(v));
    };
    for (std::size_t i : out_edges) {  // wires_of
      const Edge& e = arch_.edge_at(i);
      std::string name;
      const std::string_view kind = env_var_and_kind(arch_, e, name);
      if (name.empty()) continue;
      Wire w{&e, &to(e), std::move(name), std::string(kind)};
      Value v = env_value(arch_, w);
      set_var(std::move(w.env_var), std::move(v));
    }
    for (std::size_t i = 0; i < env->keys().size(); ++i) set_var(env->keys()[i], env_string(env->value_at(i)));
    if (!vars.empty()) {
      lit(out, "      Environment:\n        Variables:\n");
      for (const auto& [name, v] : vars) yaml_entry(out, 10, name, v);
    }
  } else {  // the wires alone, written as text
    struct Var {
      std::string name;
      const Edge* edge;
      RefOf what;
    };
    std::vector<Var> vars;
    vars.reserve(out_edges.size());
    for (std::size_t i : out_edges) {
      const Edge& e = arch_.edge_at(i);
      std::string name;
      const std::string_view kind = env_var_and_kind(arch_, e, name);
      if (name.empty()) continue;
      const RefOf what = kind == "url" ? RefOf::url : kind == "arn" ? RefOf::arn : RefOf::name;
      auto same = std::find_if(vars.begin(), vars.end(), [&](const Var& v) { return v.name == name; });
      if (same != vars.end()) same->edge = &e, same->what = what;
      else vars.push_back(Var{std::move(name), &e, what});
    }
    if (!vars.empty()) {
      lit(out, "      Environment:\n        Variables:\n");
      for (const Var& v : vars) {
        out.spaces(10);
        yaml_scalar(out, v.name);
        out.push_back(':');
        write_ref(out, 10, to(*v.edge), v.what);
      }
    }
  }

  // Policies: a policy template per edge where one fits (each once, as a
  // template and a target), else the statements, in one policy document at
  // the end.
  std::vector<std::pair<PolicyTemplate, const Node*>> policies;
  Value statements = Value::list();
  for (std::size_t i : out_edges) {
    const Edge& e = arch_.edge_at(i);
    const PolicyTemplate t = policy_template_for(arch_, e);
    if (t.name) {
      const Node* target = &to(e);
      const bool seen = std::any_of(policies.begin(), policies.end(), [&](const auto& p) {
        return p.second == target && std::string_view(p.first.name) == t.name;
      });
      if (!seen) policies.emplace_back(t, target);
    } else {
      Access a = function_access(arch_, e, node_logical_id, true);
      for (Value& st : a.statements.items()) statements.push_back(std::move(st));
    }
  }
  if (!policies.empty() || statements.size() > 0) {
    lit(out, "      Policies:\n");
    for (const auto& [t, target] : policies) {
      lit(out, "        - ");
      lit(out, t.name);  // (the names of policy_template_for: plain)
      lit(out, ":\n            ");
      lit(out, t.parameter);
      out.push_back(':');
      write_ref(out, 12, *target, t.arn ? RefOf::arn : RefOf::name);
    }
    if (statements.size() > 0) {
      lit(out, "        -");
      yaml_after_indicator(out, obj({{"Version", "2012-10-17"}, {"Statement", std::move(statements)}}), 8, true);
    }
  }

  // Events, one per trigger (function_events).
  bool any_event = false;
  std::vector<std::string> used;  // event_name's, for the few events of a function
  const auto event = [&](std::string base, std::string_view type) {
    if (!any_event) lit(out, "      Events:\n");
    any_event = true;
    if (base.size() > 200) base.resize(200);
    std::string name = base;
    for (int i = 2; std::find(used.begin(), used.end(), name) != used.end(); ++i) name = base + std::to_string(i);
    out.spaces(8);
    id_scalar(out, name, is_valid_logical_id(name));
    used.push_back(std::move(name));
    lit(out, ":\n          Type: ");
    lit(out, type);
    lit(out, "\n          Properties:\n");
  };
  const auto batch_failures = [&] {
    if (info.reports_batch_item_failures)
      lit(out, "            FunctionResponseTypes:\n              - ReportBatchItemFailures\n");
  };
  arch_.in_edge_indexes(fn.index, fn_in_);
  for (std::size_t i : fn_in_) {  // triggers_of
    const Edge& e = arch_.edge_at(i);
    const ConnectionSpec* c = arch_.connection_of(e);
    if (!c || c->invocation == Invocation::none) continue;
    // Architecture::property of this edge, its connection found once.
    const auto eprop = [&e, c](std::string_view key) -> const Value* {
      if (const Value* v = e.properties.find(key)) return v;
      const PropertySpec* p = c->property(key);
      return p && !p->default_value.is_null() ? &p->default_value : nullptr;
    };
    const Node& src = from(e);
    const std::string_view k = src.kind;
    if (is(k, "bucket")) {
      event(src.id + "S3", "S3");
      id_line(out, "            Bucket: !Ref ", src.id, plain(src));
      const Value* types = eprop("events");
      if (types && types->is_list() && types->size() > 0) yaml_entry(out, 12, "Events", *types);
      else lit(out, "            Events:\n              - s3:ObjectCreated:*\n");
      Value rules = Value::list();
      for (const char* f : {"prefix", "suffix"}) {
        const Value* v = eprop(f);
        if (v && v->is_string() && !v->as_string().empty()) rules.push_back(obj({{"Name", f}, {"Value", *v}}));
      }
      if (rules.size() > 0) yaml_entry(out, 12, "Filter", obj({{"S3Key", obj({{"Rules", std::move(rules)}})}}));
    } else if (is(k, "table") || is(k, "stream")) {
      const Value* pos = eprop("starting_position");
      const Value* batch = eprop("batch_size");
      event(src.id + (is(k, "table") ? "Stream" : "Kinesis"), is(k, "table") ? "DynamoDB" : "Kinesis");
      lit(out, "            Stream: !GetAtt ");
      getatt_scalar(out, src.id, is(k, "table") ? "StreamArn" : "Arn", plain(src));
      line(out, "            StartingPosition: ", pos && pos->is_string() ? pos->as_string() : "LATEST");
      int_line(out, "            BatchSize: ", batch && batch->is_int() ? batch->as_int() : 100);
      batch_failures();
    } else if (is(k, "api") || is(k, "httpApi")) {
      // routes_of(e): the edge's routes, else the API's, else ANY /{proxy+}.
      const Value* rv = eprop("routes");
      if (!rv || !rv->is_list()) rv = prop(src, "routes");
      std::vector<ApiRoute> routes;
      if (rv && rv->is_list())
        for (const Value& item : rv->items())
          if (item.is_string()) routes.push_back(parse_api_route(item.as_string(), src.id));
      if (routes.empty()) {
        event(src.id + "AnyProxy", is(k, "api") ? "Api" : "HttpApi");  // capitalised_lower, path_words
        lit(out, is(k, "api") ? "            RestApiId: !Ref " : "            ApiId: !Ref ");
        id_scalar(out, src.id, plain(src));
        lit(out, is(k, "api") ? "\n            Path: /{proxy+}\n            Method: any\n"
                            : "\n            Path: /{proxy+}\n            Method: ANY\n");
      }
      for (const ApiRoute& r : routes) {
        event(src.id + capitalised_lower(r.method) + path_words(r.path), is(k, "api") ? "Api" : "HttpApi");
        id_line(out, is(k, "api") ? "            RestApiId: !Ref " : "            ApiId: !Ref ", src.id, plain(src));
        line(out, "            Path: ", r.path);
        line(out, "            Method: ", is(k, "api") ? lower_ascii(r.method) : r.method);
      }
    } else if (is(k, "schedule")) {
      event(src.id + "Schedule", "Schedule");
      line(out, "            Schedule: ", str(src, "expression", "rate(5 minutes)"));
      if (!src.description.empty()) line(out, "            Description: ", src.description);
    } else if (is(k, "topic")) {
      event(src.id + "Sns", "SNS");
      id_line(out, "            Topic: !Ref ", src.id, plain(src));
    } else if (is(k, "queue")) {
      const Value* batch = eprop("batch_size");
      const long long size = batch && batch->is_int() ? batch->as_int() : 10;
      event(src.id + "Sqs", "SQS");
      lit(out, "            Queue: !GetAtt ");
      getatt_scalar(out, src.id, "Arn", plain(src));
      int_line(out, "            BatchSize: ", size);
      if (size > 10) lit(out, "            MaximumBatchingWindowInSeconds: 1\n");
      if (const Value* mc = eprop("maximum_concurrency"); mc && mc->is_int())
        int_line(out, "            ScalingConfig:\n              MaximumConcurrency: ", mc->as_int());
      batch_failures();
    } else if (is(k, "eventBus")) {
      event(src.id + "Rule", "EventBridgeRule");
      id_line(out, "            EventBusName: !Ref ", src.id, plain(src));
      yaml_entry(out, 12, "Pattern", event_pattern(src));
    } else if (is(k, "iotRule")) {
      event(src.id + "IoT", "IoTRule");
      line(out, "            Sql: ", str(src, "sql", "SELECT * FROM 'topic/#'"));
      lit(out, "            AwsIotSqlVersion: '2016-03-23'\n");
    }
  }

  // Asynchronous failures go to the first on-failure destination.
  for (std::size_t i : out_edges) {
    const Edge* e = &arch_.edge_at(i);
    if (e->action != "on-failure") continue;
    const Node& t = to(*e);
    lit(out, t.kind == "queue" ? "      EventInvokeConfig:\n        DestinationConfig:\n          OnFailure:\n"
                                 "            Type: SQS\n"
                               : "      EventInvokeConfig:\n        DestinationConfig:\n          OnFailure:\n"
                                 "            Type: SNS\n");
    lit(out, "            Destination:");
    write_ref(out, 12, t, RefOf::arn);
    break;
  }
  if (info.metadata.is_map() && info.metadata.size() > 0) yaml_entry(out, 4, "Metadata", info.metadata);
  return text_output(fn, "Arn", "ARN of function ", RefOf::arn);
}

}  // namespace

Value sam_template(const Architecture& arch, const EmitOptions& options) {
  const ReferenceScope scope(arch);  // first: the cycle check uses it too
  refuse_reference_cycles(arch);
  return Builder(arch, options).build();
}

std::string sam_template_yaml(const Architecture& arch, const EmitOptions& options,
                              const std::vector<std::size_t>* id_order) {
  const ReferenceScope scope(arch);
  refuse_reference_cycles(arch);
  if (std::optional<std::string> text = Builder(arch, options).yaml(true, id_order)) return std::move(*text);
  return std::move(*Builder(arch, options).yaml(false, id_order));  // an output id clash: in id order throughout
}

}  // namespace sbd::detail
