// The plain CloudFormation resources of the nodes, shared by the engines.
// Each kind method builds its node's resources by looking at its edges (a pull
// model: nothing is patched afterwards). See resources.hpp.
#include "emit/common/resources.hpp"

#include "emit/common/doc.hpp"
#include "emit/common/iam.hpp"
#include "emit/common/wiring.hpp"

#include <sbd/error.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace sbd::detail {

namespace {

constexpr const char* kLambdaRetryErrors[] = {"Lambda.ServiceException", "Lambda.AWSLambdaException",
                                              "Lambda.SdkClientException", "Lambda.TooManyRequestsException"};

// 8 hex digits of FNV-1a: a deployment's logical id changes with its API.
std::string short_hash(const std::string& text) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", h);
  return buf;
}

Value source_statement(const char* service, const char* action, Value resource, Value source_arn, bool account) {
  Value cond = obj({{"ArnEquals", obj({{"aws:SourceArn", std::move(source_arn)}})}});
  if (account) cond.set("StringEquals", obj({{"aws:SourceAccount", cf_ref("AWS::AccountId")}}));
  return obj({{"Effect", "Allow"},
              {"Principal", obj({{"Service", service}})},
              {"Action", action},
              {"Resource", std::move(resource)},
              {"Condition", std::move(cond)}});
}

// The OpenAPI operation key of a method ("get", "x-amazon-apigateway-any-method").
std::string openapi_method(const std::string& method) {
  return method == "ANY" ? "x-amazon-apigateway-any-method" : lower_ascii(method);
}

}  // namespace

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Value env_string(const Value& v) {
  if (!v.tag().empty() || v.is_string()) return v;
  if (v.is_bool()) return Value(v.as_bool() ? "true" : "false");
  if (v.is_int()) return Value(std::to_string(v.as_int()));
  if (v.is_number()) return Value(format_number(v.as_number()));
  if (v.is_null()) return Value("");
  return Value(to_json(v, 0));
}

ApiRoute parse_api_route(const std::string& text, const std::string& node_id) {
  // (Views of the text, the two results built once: every API function's
  // route goes through here.)
  const auto trimmed = [](std::string_view v) {
    const auto b = v.find_first_not_of(" \t");
    if (b == std::string_view::npos) return std::string_view();
    return v.substr(b, v.find_last_not_of(" \t") - b + 1);
  };
  const std::string_view t = trimmed(text);
  const auto bad = [&]() -> ApiRoute {
    throw Error(ErrorCode::invalid, "route '" + text + "' of " + node_id + " is not \"METHOD /path\"");
  };
  if (t.empty()) return bad();
  const auto space = t.find_first_of(" \t");
  if (space == std::string_view::npos) return bad();
  ApiRoute r;
  r.method.assign(t.substr(0, space));
  r.path.assign(trimmed(t.substr(space)));
  for (char& c : r.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  static const char* kMethods[] = {"ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
  if (std::find_if(std::begin(kMethods), std::end(kMethods), [&](const char* m) { return r.method == m; }) ==
      std::end(kMethods))
    return bad();
  if (r.path.empty() || r.path[0] != '/' || r.path.find_first_of(" \t") != std::string::npos) return bad();
  return r;
}

void refuse_reference_cycles(const Architecture& arch) {
  const auto cycles = reference_cycles(arch);
  if (cycles.empty()) return;
  std::string list;
  for (const auto& c : cycles) {
    list += list.empty() ? "" : "; ";
    for (std::size_t i = 0; i < c.size(); ++i) list += (i ? ", " : "") + c[i];
  }
  throw Error(ErrorCode::invalid, "the resources of " + list +
                                      " would refer to each other in a circle, which CloudFormation cannot create; "
                                      "remove one of the connections between them");
}

// ---- IdSet -------------------------------------------------------------------------

// A quick hash of a short id: eight bytes at a time, multiplied and folded
// (std::hash's general one costs more than the probe it serves).
std::uint64_t IdSet::hash(std::string_view id) noexcept {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ id.size();
  std::size_t i = 0;
  for (; i + 8 <= id.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, id.data() + i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
  }
  std::uint64_t tail = 0;
  for (; i < id.size(); ++i) tail = (tail << 8) | static_cast<unsigned char>(id[i]);  // (no memcpy call)
  h = (h ^ tail) * 0xC4CEB9FE1A85EC53ULL;
  return h ^ (h >> 29);
}


void IdSet::reserve(std::size_t n) {
  ids_.reserve(n);
  std::size_t slots = 16;
  while (slots < 2 * n) slots *= 2;
  if (slots > slots_.size()) rehash(slots);
}

void IdSet::rehash(std::size_t slots) {
  slots_.assign(slots, 0);
  const std::size_t mask = slots - 1;
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    const std::uint64_t h = hash(ids_[i]);
    std::size_t at = h & mask;
    while (slots_[at] != 0) at = (at + 1) & mask;
    slots_[at] = (h & 0xFFFFFFFF00000000ULL) | (i + 1);
  }
}

bool IdSet::insert(std::string_view id, std::uint64_t h) {
  if (2 * (ids_.size() + 1) > slots_.size()) rehash(slots_.empty() ? 16 : 2 * slots_.size());
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t high = h & 0xFFFFFFFF00000000ULL;
  std::size_t at = h & mask;
  for (; slots_[at] != 0; at = (at + 1) & mask)
    if ((slots_[at] & 0xFFFFFFFF00000000ULL) == high && ids_[(slots_[at] & 0xFFFFFFFFULL) - 1] == id) return false;
  ids_.emplace_back(id);
  slots_[at] = high | ids_.size();
  return true;
}

// ---- naming and helpers ----------------------------------------------------------

CfnBuilder::CfnBuilder(const Architecture& arch, std::set<std::string> reserved_ids)
    : arch_(arch), reserved_(std::move(reserved_ids)) {
  // Sized once: a model of n nodes has about n outputs, whichever way the
  // engine writes them.
  output_ids_.reserve(arch_.node_count());
}

// A model of n nodes has about 2n resources and n outputs. Reserved only by
// an engine that keeps them all: for one that writes as it goes, this memory
// (2 MB at 7,000 nodes) went unused, and its coming and going made the
// allocator hand memory back to the system after each template, so that the
// next one faulted its pages in again (600 page faults a template at 7,000
// nodes, 1,100 at 70,000; none without it).
void CfnBuilder::reserve_documents() {
  const std::size_t n = arch_.node_count();
  resource_index_.reserve(2 * n);
  resources_.reserve(2 * n);
  outputs_.reserve(n);
}

LogicalIdFn CfnBuilder::ids() const {
  return [this](const Node& n) { return logical_id(n); };
}
Value CfnBuilder::name(const Node& n) const { return name_of(arch_, n, ids()); }
Value CfnBuilder::arn(const Node& n) const { return arn_of(arch_, n, ids()); }
Value CfnBuilder::url(const Node& n) const { return url_of(arch_, n, ids()); }

std::string CfnBuilder::str(const Node& n, std::string_view key, const std::string& def) const {
  const Value* v = prop(n, key);
  return v && v->is_string() ? v->as_string() : def;
}
long long CfnBuilder::integer(const Node& n, std::string_view key, long long def) const {
  const Value* v = prop(n, key);
  return v && v->is_int() ? v->as_int() : def;
}
bool CfnBuilder::boolean(const Node& n, std::string_view key, bool def) const {
  const Value* v = prop(n, key);
  return v && v->is_bool() ? v->as_bool() : def;
}

std::vector<const Edge*> CfnBuilder::outs(const Node& n, const char* to_kind) const {
  std::vector<const Edge*> r;
  for (std::size_t i : out_indexes(n)) {
    const Edge& e = arch_.edge_at(i);
    if (!to_kind || arch_.kind_at(e.to_index).key == to_kind) r.push_back(&e);
  }
  return r;
}
std::vector<const Edge*> CfnBuilder::ins(const Node& n, const char* from_kind) const {
  std::vector<const Edge*> r;
  for (std::size_t i : in_indexes(n)) {
    const Edge& e = arch_.edge_at(i);
    if (!from_kind || arch_.kind_at(e.from_index).key == from_kind) r.push_back(&e);
  }
  return r;
}

std::vector<ApiRoute> CfnBuilder::routes_of(const Edge& e) const {
  const Value* r = eprop(e, "routes");
  if (!r || !r->is_list()) r = prop(from(e), "routes");
  std::vector<ApiRoute> out;
  if (r && r->is_list())
    for (const Value& item : r->items())
      if (item.is_string()) out.push_back(parse_api_route(item.as_string(), from(e).id));
  if (out.empty()) out.push_back(ApiRoute{"ANY", "/{proxy+}"});
  return out;
}

std::string CfnBuilder::aux(const std::string& owner, const std::string& suffix) {
  const auto key = std::make_pair(owner, suffix);
  auto it = aux_.find(key);
  if (it != aux_.end()) return it->second;
  if (!taken_filled_) {  // the ids an aux id must not take: most models need none
    taken_filled_ = true;
    taken_.reserve(2 * arch_.node_count() + reserved_.size());
    for (const std::string& r : reserved_) taken_.insert(r);
    for (const Node& node : arch_.nodes()) taken_.insert(node.id);
  }
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

Value& CfnBuilder::resource(const std::string& id, const std::string& type, Value properties) {
  Value r = Value::map();
  r.reserve(2);  // Type, Properties; engines may add DependsOn or Metadata
  r.append("Type", type);
  if (properties.is_map() && properties.size() > 0) r.append("Properties", std::move(properties));
  // Value maps look keys up linearly: the index keeps building linear.
  if (auto it = resource_index_.find(id); it != resource_index_.end()) {
    if (refuse_duplicate_resources_ || it->second == std::string::npos)
      throw Error(ErrorCode::internal, std::string(refuse_duplicate_resources_ ? refuse_duplicate_resources_ : "an engine") +
                                           " emitted resource " + id + " twice");
    return resources_.value_at(it->second) = std::move(r);
  }
  resource_index_.emplace(id, resources_.size());
  return resources_.append(id, std::move(r));
}

Value* CfnBuilder::find_resource(const std::string& id) {
  auto it = resource_index_.find(id);
  return it == resource_index_.end() || it->second == std::string::npos ? nullptr : &resources_.value_at(it->second);
}

std::size_t CfnBuilder::write_resources(YamlBuffer& out) {
  const std::vector<std::string>& keys = resources_.keys();
  const std::size_t n = keys.size();
  for (std::size_t i = 0; i < n; ++i) {
    yaml_entry(out, 2, keys[i], resources_.value_at(i));
    resource_index_[keys[i]] = std::string::npos;
  }
  resources_ = Value::map();
  return n;
}

Value& CfnBuilder::props(Value& res) {
  if (!res.find("Properties")) res.set("Properties", Value::map());
  return *res.find("Properties");
}

void CfnBuilder::depends_on(Value& res, const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  res.set("DependsOn", ids.size() == 1 ? Value(ids.front()) : str_list(ids));
}

void CfnBuilder::output(std::string id, const std::string& description, Value value) {
  if (id.size() > 240) id.resize(240);  // logical ids have at most 255 characters
  std::string oid = id;
  for (int i = 2; !output_ids_.insert(oid); ++i) oid = id + std::to_string(i);
  if (outputs_yaml_) return write_output(*outputs_yaml_, oid, description, value);
  outputs_.append(std::move(oid), obj({{"Description", description}, {"Value", std::move(value)}}));
}

void CfnBuilder::write_output(YamlBuffer& out, std::string_view id, std::string_view description, const Value& value) {
  out.spaces(2);  // exactly what to_yaml writes for this entry of Outputs
  yaml_scalar(out, id);
  out += ":\n    Description: ";
  yaml_scalar(out, description);
  out += "\n    Value:";
  yaml_after_indicator(out, value, 4, false);
}

Value CfnBuilder::inline_policy(const std::string& policy_name, Value statements) const {
  return arr({obj({{"PolicyName", policy_name}, {"PolicyDocument", policy_document(std::move(statements))}})});
}

Value CfnBuilder::event_pattern(const Node& bus) const {
  const Value* pattern = prop(bus, "pattern");
  if (pattern && pattern->is_map() && pattern->size() > 0) return *pattern;
  return obj({{"source", arr({Value(arch_.name())})}});
}

void CfnBuilder::merge_node_overrides() {
  // In id order; only the nodes that have overrides are sorted.
  std::vector<const Node*> nodes;
  for (const Node& n : arch_.nodes())
    if (n.overrides.is_map() && n.overrides.size() > 0) nodes.push_back(&n);
  std::sort(nodes.begin(), nodes.end(), [](const Node* a, const Node* b) { return a->id < b->id; });
  for (const Node* np : nodes) merge_overrides_of(*np);
}

void CfnBuilder::merge_overrides_of(const Node& n) {
  if (!n.overrides.is_map() || n.overrides.size() == 0) return;
  Value* res = find_resource(logical_id(n));
  if (!res) return;
  merge_overrides(props(*res), n.overrides);
}

bool CfnBuilder::plain_node(const Node& n) {
  const std::string_view k = n.kind;  // compared with many literals
  if (k == "cognitoIdentity") identity_pool(n);
  else if (k == "userPool") user_pool(n);
  else if (k == "table") table(n);
  else if (k == "analyticsStream") analytics(n);
  else if (k == "deliveryStream") delivery_stream(n);
  else if (k == "stream") stream(n);
  else if (k == "iotRule") iot_republish(n);  // functions get their own rules from their events
  else if (k == "bucket") bucket(n);
  else if (k == "schedule") schedule_rules(n);  // functions get their own rules from their events
  else if (k == "topic") topic(n);
  else if (k == "queue") queue(n);
  else if (k == "eventBus") event_bus(n);
  else if (k == "alarm") alarm(n);
  else if (k == "secret") secret(n);
  else if (k == "parameter") parameter(n);
  else return false;
  return true;
}

// ---- storage ----------------------------------------------------------------------

void CfnBuilder::table(const Node& n) {
  const std::string pk = str(n, "partition_key", "id");
  const std::string sk = str(n, "sort_key");
  Value attrs = arr({obj({{"AttributeName", pk}, {"AttributeType", "S"}})});
  Value keys = arr({obj({{"AttributeName", pk}, {"KeyType", "HASH"}})});
  if (!sk.empty() && sk != pk) {
    attrs.push_back(obj({{"AttributeName", sk}, {"AttributeType", "S"}}));
    keys.push_back(obj({{"AttributeName", sk}, {"KeyType", "RANGE"}}));
  }
  Value p = obj({{"BillingMode", "PAY_PER_REQUEST"},
                 {"AttributeDefinitions", std::move(attrs)},
                 {"KeySchema", std::move(keys)}});
  std::string view = str(n, "stream");
  if (view.empty() && !outs(n, "fn").empty()) view = "NEW_AND_OLD_IMAGES";
  if (!view.empty()) p.set("StreamSpecification", obj({{"StreamViewType", view}}));
  const std::string lid = logical_id(n);
  resource(lid, "AWS::DynamoDB::Table", std::move(p));
  output(n.id + "Name", "Name of table " + n.id, name(n));
}

std::pair<Value, std::vector<std::string>> CfnBuilder::bucket_properties(const Node& n) {
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
      Value c = t.kind == "topic" ? obj({{"Event", ev}, {"Topic", arn(t)}}) : obj({{"Event", ev}, {"Queue", arn(t)}});
      if (rules.size() > 0) c.set("Filter", obj({{"S3Key", obj({{"Rules", rules}})}}));
      (t.kind == "topic" ? topics : queues).push_back(std::move(c));
    }
    // S3 checks that it may publish when the configuration is created.
    const std::string policy = aux(t.id, "Policy");
    if (std::find(waits.begin(), waits.end(), policy) == waits.end()) waits.push_back(policy);
  }
  if (topics.size() > 0 || queues.size() > 0) {
    Value nc = Value::map();
    if (topics.size() > 0) nc.set("TopicConfigurations", std::move(topics));
    if (queues.size() > 0) nc.set("QueueConfigurations", std::move(queues));
    p.set("NotificationConfiguration", std::move(nc));
  }
  return {std::move(p), std::move(waits)};
}

void CfnBuilder::bucket(const Node& n) {
  auto [p, waits] = bucket_properties(n);
  Value& res = resource(logical_id(n), "AWS::S3::Bucket", std::move(p));
  depends_on(res, waits);
  output(n.id + "Name", "Name of bucket " + n.id, name(n));
}

void CfnBuilder::secret(const Node& n) {
  Value p = Value::map();
  if (!n.description.empty()) p.set("Description", n.description);
  p.set("GenerateSecretString", obj({{"PasswordLength", 32}, {"ExcludePunctuation", true}}));
  resource(logical_id(n), "AWS::SecretsManager::Secret", std::move(p));
  output(n.id + "Arn", "ARN of secret " + n.id, arn(n));
}

void CfnBuilder::parameter(const Node& n) {
  Value p = obj({{"Type", "String"}, {"Value", str(n, "value", "change-me")}});
  if (!n.description.empty()) p.set("Description", n.description);
  resource(logical_id(n), "AWS::SSM::Parameter", std::move(p));
  output(n.id + "Name", "Name of parameter " + n.id, name(n));
}

// ---- messaging ------------------------------------------------------------------

// A FIFO topic or queue ("fifo": true) is named "<stack>-<Id>.fifo", as SNS
// and SQS require; a standard one gets a generated name.
Value CfnBuilder::fifo_properties(const Node& n, const std::string& what) const {
  Value p = Value::map();
  if (boolean(n, "fifo")) {
    p.set(what + "Name", sub("${AWS::StackName}-" + n.id + ".fifo"));
    p.set("Fifo" + what, true);
  }
  return p;
}

void CfnBuilder::topic(const Node& n) {
  Value p = fifo_properties(n, "Topic");
  resource(logical_id(n), "AWS::SNS::Topic", std::move(p));
  // Who else may publish: buckets (notifications) and schedules (rules).
  Value statements = Value::list();
  for (const Edge* e : ins(n)) {
    const Node& src = from(*e);
    if (src.kind == "bucket") statements.push_back(source_statement("s3.amazonaws.com", "sns:Publish", arn(n), arn(src), true));
    else if (src.kind == "schedule")
      statements.push_back(source_statement("events.amazonaws.com", "sns:Publish", arn(n), get_att(logical_id(src), "Arn"), false));
  }
  if (statements.size() > 0)
    resource(aux(n.id, "Policy"), "AWS::SNS::TopicPolicy",
             obj({{"Topics", arr({arn(n)})}, {"PolicyDocument", policy_document(std::move(statements))}}));
  output(n.id + "Arn", "ARN of topic " + n.id, arn(n));
}

void CfnBuilder::queue(const Node& n) {
  Value p = fifo_properties(n, "Queue");
  p.set("VisibilityTimeout", integer(n, "visibility_timeout", 30));
  p.set("MessageRetentionPeriod", integer(n, "retention", 345600));
  for (const Edge* e : outs(n, "queue")) {
    const Value* mrc = eprop(*e, "max_receive_count");
    p.set("RedrivePolicy", obj({{"deadLetterTargetArn", arn(to(*e))},
                                {"maxReceiveCount", mrc && mrc->is_int() ? mrc->as_int() : 5}}));
    break;  // a queue has one dead-letter queue
  }
  const std::string lid = logical_id(n);
  resource(lid, "AWS::SQS::Queue", std::move(p));
  Value statements = Value::list();
  for (const Edge* e : ins(n, "bucket"))
    statements.push_back(source_statement("s3.amazonaws.com", "sqs:SendMessage", arn(n), arn(from(*e)), true));
  if (statements.size() > 0)
    resource(aux(n.id, "Policy"), "AWS::SQS::QueuePolicy",
             obj({{"Queues", arr({cf_ref(lid)})}, {"PolicyDocument", policy_document(std::move(statements))}}));
  output(n.id + "Url", "URL of queue " + n.id, url(n));
}

void CfnBuilder::event_bus(const Node& n) {
  resource(logical_id(n), "AWS::Events::EventBus", obj({{"Name", sub("${AWS::StackName}-" + n.id)}}));
  output(n.id + "Name", "Name of event bus " + n.id, name(n));
}

void CfnBuilder::schedule_rules(const Node& n) {
  // The targets that are not functions share rules of up to five targets,
  // the first named as the node.
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
      Value target = obj({{"Id", t.id.substr(0, 64)}, {"Arn", arn(t)}});
      if (t.kind == "stream" || t.kind == "deliveryStream") target.set("RoleArn", get_att(role, "Arn"));
      list.push_back(std::move(target));
    }
    Value p = Value::map();
    if (!n.description.empty()) p.set("Description", n.description);
    p.set("ScheduleExpression", str(n, "expression", "rate(5 minutes)"));
    p.set("State", "ENABLED");
    p.set("Targets", list);
    resource(chunk == 0 ? logical_id(n) : aux(n.id, "Rule" + std::to_string(chunk + 1)), "AWS::Events::Rule",
             std::move(p));
  }
}

// ---- streaming --------------------------------------------------------------------

void CfnBuilder::stream(const Node& n) {
  Value p = Value::map();
  if (boolean(n, "on_demand")) p.set("StreamModeDetails", obj({{"StreamMode", "ON_DEMAND"}}));
  else p.set("ShardCount", integer(n, "shards", 1));
  p.set("RetentionPeriodHours", integer(n, "retention_hours", 24));
  resource(logical_id(n), "AWS::Kinesis::Stream", std::move(p));
  output(n.id + "Name", "Name of stream " + n.id, name(n));
}

void CfnBuilder::delivery_stream(const Node& n) {
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
      statements.push_back(lambda_invoke_statement(arn(f), true));
    }
    s3.set("ProcessingConfiguration", obj({{"Enabled", true}, {"Processors", processors}}));
  }
  p.set("ExtendedS3DestinationConfiguration", s3);
  resource(role, "AWS::IAM::Role",
           obj({{"AssumeRolePolicyDocument",
                 assume_role_policy("firehose.amazonaws.com",
                                    obj({{"StringEquals", obj({{"sts:ExternalId", cf_ref("AWS::AccountId")}})}}))},
                {"Policies", inline_policy("Delivery", statements)}}));
  resource(logical_id(n), "AWS::KinesisFirehose::DeliveryStream", std::move(p));
  output(n.id + "Name", "Name of delivery stream " + n.id, name(n));
}

void CfnBuilder::analytics(const Node& n) {
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
    inputs.set(from(*e).id, name(from(*e)));
  }
  for (const Edge* e : outs(n)) {
    const Node& t = to(*e);
    if (t.kind == "stream") statements.push_back(kinesis_write_statement(arn(t)));
    else if (t.kind == "deliveryStream") statements.push_back(firehose_write_statement(arn(t)));
    else continue;
    outputs.set(t.id, name(t));
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
  resource(logical_id(n), "AWS::KinesisAnalyticsV2::Application", std::move(p));
}

// ---- identity -----------------------------------------------------------------------

void CfnBuilder::identity_pool(const Node& n) {
  const bool guests = boolean(n, "allow_unauthenticated");
  const std::string lid = logical_id(n);
  resource(lid, "AWS::Cognito::IdentityPool", obj({{"AllowUnauthenticatedIdentities", guests}}));
  Value statements = Value::list();
  for (const Edge* e : outs(n)) {
    const Node& t = to(*e);
    if (t.kind == "fn") statements.push_back(lambda_invoke_statement(arn(t)));
    else if (t.kind == "api" || t.kind == "httpApi")
      statements.push_back(allow({"execute-api:Invoke"}, execute_api_arn(arch_, t, ids())));
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
         {"Condition", obj({{"StringEquals", obj({{"cognito-identity.amazonaws.com:aud", cf_ref(lid)}})},
                            {"ForAnyValue:StringLike", obj({{"cognito-identity.amazonaws.com:amr", who}})}})}})}));
    Value rp = obj({{"AssumeRolePolicyDocument", trust}});
    if (statements.size() > 0) rp.set("Policies", inline_policy("Access", statements));
    resource(role, "AWS::IAM::Role", std::move(rp));
    roles.set(who, get_att(role, "Arn"));
  }
  resource(aux(n.id, "RoleAttachment"), "AWS::Cognito::IdentityPoolRoleAttachment",
           obj({{"IdentityPoolId", cf_ref(lid)}, {"Roles", roles}}));
  output(n.id + "Id", "Id of identity pool " + n.id, cf_ref(lid));
}

void CfnBuilder::user_pool(const Node& n) {
  const std::string lid = logical_id(n);
  resource(lid, "AWS::Cognito::UserPool",
           obj({{"UsernameAttributes", arr({Value("email")})}, {"AutoVerifiedAttributes", arr({Value("email")})}}));
  const std::string client = aux(n.id, "Client");
  resource(client, "AWS::Cognito::UserPoolClient",
           obj({{"UserPoolId", cf_ref(lid)},
                {"GenerateSecret", false},
                {"ExplicitAuthFlows", arr({Value("ALLOW_USER_SRP_AUTH"), Value("ALLOW_REFRESH_TOKEN_AUTH")})}}));
  output(n.id + "Id", "Id of user pool " + n.id, cf_ref(lid));
  output(n.id + "ClientId", "App client id of user pool " + n.id, cf_ref(client));
}

// ---- monitoring -----------------------------------------------------------------------

void CfnBuilder::alarm(const Node& n) {
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
    if (!fns.empty()) p.set("Dimensions", arr({obj({{"Name", "FunctionName"}, {"Value", name(*fns.front())}})}));
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
                                                                 {"Dimensions", arr({obj({{"Name", "FunctionName"}, {"Value", name(*fns[i])}})})}})},
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
  resource(logical_id(n), "AWS::CloudWatch::Alarm", std::move(p));
}

// ---- IoT --------------------------------------------------------------------------------

std::string CfnBuilder::republish_topic(const Node& source, const Node& target) const {
  const std::string own = str(target, "topic");
  if (!own.empty()) return own;
  if (source.index == target.index) return "republished/" + kebab(source.id);
  // The topic filter of the target's FROM clause, wildcards made concrete.
  const std::string sql = str(target, "sql", "SELECT * FROM 'topic/#'");
  std::string filter = "republished/" + kebab(target.id);
  std::string upper = sql;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto from_pos = upper.find("FROM");
  if (from_pos != std::string::npos) {
    const auto q1 = sql.find('\'', from_pos);
    const auto q2 = q1 == std::string::npos ? q1 : sql.find('\'', q1 + 1);
    if (q2 != std::string::npos && q2 > q1 + 1) {
      filter = sql.substr(q1 + 1, q2 - q1 - 1);
      for (const char* w : {"#", "+"})
        for (auto pos = filter.find(w); pos != std::string::npos; pos = filter.find(w))
          filter.replace(pos, 1, "republished");
    }
  }
  return filter;
}

void CfnBuilder::iot_republish(const Node& n) {
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
  resource(logical_id(n), "AWS::IoT::TopicRule", obj({{"TopicRulePayload", payload}}));
}

// ---- orchestration ------------------------------------------------------------------------

CfnBuilder::StateMachineParts CfnBuilder::state_machine_parts(const Node& n, std::size_t max_name_base) const {
  const auto calls = outs(n, "fn");
  StateMachineParts parts;
  Value states = Value::map();
  parts.substitutions = Value::map();
  std::vector<std::string> names;
  std::set<std::string> used;
  for (const Edge* e : calls) {
    std::string base = "Invoke" + to(*e).id;
    if (base.size() > max_name_base) base.resize(max_name_base);
    std::string nm = base;
    for (int i = 2; used.count(nm); ++i) nm = base + std::to_string(i);
    used.insert(nm);
    names.push_back(nm);
  }
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const Node& f = to(*calls[i]);
    parts.called.push_back(&f);
    const std::string var = f.id + "Arn";
    parts.substitutions.set(var, invocation_arn(f));
    Value errors = Value::list();
    for (const char* err : kLambdaRetryErrors) errors.push_back(Value(err));
    Value retry = arr({obj({{"ErrorEquals", errors}, {"IntervalSeconds", 1}, {"MaxAttempts", 3}, {"BackoffRate", 2}})});
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
  parts.definition = Value::map();
  parts.definition.set("Comment", n.description.empty() ? "State machine " + n.id : n.description);
  parts.definition.set("StartAt", calls.empty() ? std::string("Done") : names.front());
  parts.definition.set("States", states);
  return parts;
}

void CfnBuilder::state_machine(const Node& n) {
  StateMachineParts parts = state_machine_parts(n);
  Value statements = Value::list();
  for (const Node* f : parts.called) {
    Value st = lambda_invoke_statement(arn(*f));
    if (std::find(statements.items().begin(), statements.items().end(), st) == statements.items().end())
      statements.push_back(st);
  }
  const std::string role = aux(n.id, "Role");
  Value rp = obj({{"AssumeRolePolicyDocument", assume_role_policy("states.amazonaws.com")}});
  if (statements.size() > 0) rp.set("Policies", inline_policy("InvokeFunctions", statements));
  resource(role, "AWS::IAM::Role", std::move(rp));
  Value p = obj({{"StateMachineType", str(n, "type", "STANDARD")},
                 {"RoleArn", get_att(role, "Arn")},
                 {"Definition", std::move(parts.definition)}});
  if (parts.substitutions.size() > 0) p.set("DefinitionSubstitutions", std::move(parts.substitutions));
  resource(logical_id(n), "AWS::StepFunctions::StateMachine", std::move(p));
  output(n.id + "Arn", "ARN of state machine " + n.id, arn(n));
}

// ---- APIs from OpenAPI bodies ----------------------------------------------------------------

Value CfnBuilder::mock_paths(const Node& n) const {
  Value paths = Value::map();
  const Value* r = prop(n, "routes");
  std::vector<ApiRoute> routes;
  if (r && r->is_list())
    for (const Value& item : r->items())
      if (item.is_string()) routes.push_back(parse_api_route(item.as_string(), n.id));
  if (routes.empty()) routes.push_back(ApiRoute{"ANY", "/{proxy+}"});
  for (const ApiRoute& route : routes) {
    Value op = obj({{"responses", obj({{"501", obj({{"description", "Not implemented"}})}})},
                    {"x-amazon-apigateway-integration",
                     obj({{"type", "mock"},
                          {"requestTemplates", obj({{"application/json", "{\"statusCode\": 501}"}})},
                          {"responses", obj({{"default", obj({{"statusCode", "501"}})}})}})}});
    Value* item = paths.find(route.path);
    if (!item) item = &paths.set(route.path, Value::map());
    item->set(openapi_method(route.method), std::move(op));
  }
  return paths;
}

void CfnBuilder::rest_api(const Node& n) {
  const std::string lid = logical_id(n);
  const std::string auth = str(n, "auth", "none");
  const auto pools = ins(n, "userPool");
  const bool iam = auth == "iam" || (pools.empty() && !ins(n, "cognitoIdentity").empty());
  Value schemes = Value::map();
  std::string scheme;
  if (!pools.empty() && auth != "iam") {
    scheme = from(*pools.front()).id + "Authorizer";
    Value arns = Value::list();
    for (const Edge* e : pools) arns.push_back(arn(from(*e)));
    schemes.set(scheme, obj({{"type", "apiKey"},
                             {"name", "Authorization"},
                             {"in", "header"},
                             {"x-amazon-apigateway-authtype", "cognito_user_pools"},
                             {"x-amazon-apigateway-authorizer", obj({{"type", "cognito_user_pools"}, {"providerARNs", arns}})}}));
  } else if (iam) {
    scheme = "sigv4";
    schemes.set(scheme, obj({{"type", "apiKey"},
                             {"name", "Authorization"},
                             {"in", "header"},
                             {"x-amazon-apigateway-authtype", "awsSigv4"}}));
  }
  Value paths = Value::map();
  std::vector<const Node*> fns;
  std::string role;
  Value sfn_statements = Value::list();
  for (const Edge* e : outs(n)) {
    const Node& t = to(*e);
    for (const ApiRoute& r : routes_of(*e)) {
      Value integration;
      Value responses = obj({{"200", obj({{"description", "OK"}})}});
      if (t.kind == "fn") {
        integration = obj({{"type", "aws_proxy"},
                           {"httpMethod", "POST"},
                           {"uri", sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Target}/invocations",
                                       obj({{"Target", arn(t)}}))}});
      } else if (t.kind == "stepFn") {
        if (role.empty()) role = aux(n.id, "StatesRole");
        integration = obj(
            {{"type", "aws"},
             {"httpMethod", "POST"},
             {"uri", sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution")},
             {"credentials", get_att(role, "Arn")},
             {"requestTemplates",
              obj({{"application/json",
                    sub("{\"input\": \"$util.escapeJavaScript($input.json('$'))\", \"stateMachineArn\": \"${Target}\"}",
                        obj({{"Target", arn(t)}}))}})},
             {"responses", obj({{"default", obj({{"statusCode", "200"}})}})},
             {"passthroughBehavior", "when_no_templates"}});
      } else {
        continue;
      }
      Value op = obj({{"responses", responses}, {"x-amazon-apigateway-integration", integration}});
      if (!scheme.empty()) op.set("security", arr({obj({{scheme, Value::list()}})}));
      Value* item = paths.find(r.path);
      if (!item) item = &paths.set(r.path, Value::map());
      item->set(openapi_method(r.method), std::move(op));
    }
    if (t.kind == "fn" && std::find(fns.begin(), fns.end(), &t) == fns.end()) fns.push_back(&t);
    if (t.kind == "stepFn") {
      Value st = allow({"states:StartExecution"}, arn(t));
      if (std::find(sfn_statements.items().begin(), sfn_statements.items().end(), st) == sfn_statements.items().end())
        sfn_statements.push_back(st);
    }
  }
  if (paths.size() == 0) paths = mock_paths(n);
  Value body = obj({{"openapi", "3.0.1"}, {"info", obj({{"title", n.id}, {"version", "1.0"}})}, {"paths", paths}});
  if (schemes.size() > 0) body.set("components", obj({{"securitySchemes", schemes}}));
  Value p = obj({{"Name", sub("${AWS::StackName}-" + n.id)}});
  if (!n.description.empty()) p.set("Description", n.description);
  p.set("EndpointConfiguration", obj({{"Types", arr({Value("REGIONAL")})}}));
  const std::string hash = short_hash(to_json(body, 0));
  p.set("Body", std::move(body));
  resource(lid, "AWS::ApiGateway::RestApi", std::move(p));
  if (!role.empty())
    resource(role, "AWS::IAM::Role",
             obj({{"AssumeRolePolicyDocument", assume_role_policy("apigateway.amazonaws.com")},
                  {"Policies", inline_policy("StartExecution", sfn_statements)}}));
  // A deployment whose id follows the API's body, so that a changed API is
  // deployed again; the stage points at it.
  const std::string deployment = aux(n.id, "Deployment" + hash);
  resource(deployment, "AWS::ApiGateway::Deployment", obj({{"RestApiId", cf_ref(lid)}}));
  resource(aux(n.id, "Stage"), "AWS::ApiGateway::Stage",
           obj({{"RestApiId", cf_ref(lid)}, {"DeploymentId", cf_ref(deployment)}, {"StageName", str(n, "stage", "prod")}}));
  for (const Node* f : fns)
    resource(aux(n.id, f->id + "Permission"), "AWS::Lambda::Permission",
             obj({{"Action", "lambda:InvokeFunction"},
                  {"FunctionName", arn(*f)},
                  {"Principal", "apigateway.amazonaws.com"},
                  {"SourceArn", execute_api_arn(arch_, n, ids())}}));
  output(n.id + "Url", "Invoke URL of REST API " + n.id, url(n));
}

void CfnBuilder::http_api(const Node& n) {
  const std::string lid = logical_id(n);
  const auto pools = ins(n, "userPool");
  Value schemes = Value::map();
  std::string scheme;
  for (const Edge* e : pools) {
    const Node& pool = from(*e);
    const std::string s = pool.id + "Authorizer";
    if (scheme.empty()) scheme = s;
    schemes.set(s, obj({{"type", "oauth2"},
                        {"x-amazon-apigateway-authorizer",
                         obj({{"type", "jwt"},
                              {"identitySource", "$request.header.Authorization"},
                              {"jwtConfiguration",
                               obj({{"issuer", sub("https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/${" + logical_id(pool) + "}")},
                                    {"audience", arr({cf_ref(aux(pool.id, "Client"))})}})}})}}));
  }
  Value paths = Value::map();
  std::vector<const Node*> fns;
  for (const Edge* e : outs(n, "fn")) {
    const Node& t = to(*e);
    for (const ApiRoute& r : routes_of(*e)) {
      Value op = obj({{"responses", Value::map()},
                      {"x-amazon-apigateway-integration",
                       obj({{"type", "aws_proxy"}, {"httpMethod", "POST"}, {"uri", arn(t)}, {"payloadFormatVersion", "2.0"}})}});
      if (!scheme.empty()) op.set("security", arr({obj({{scheme, Value::list()}})}));
      Value* item = paths.find(r.path);
      if (!item) item = &paths.set(r.path, Value::map());
      item->set(openapi_method(r.method), std::move(op));
    }
    if (std::find(fns.begin(), fns.end(), &t) == fns.end()) fns.push_back(&t);
  }
  Value body = obj({{"openapi", "3.0.1"}, {"info", obj({{"title", n.id}, {"version", "1.0"}})}, {"paths", paths}});
  if (schemes.size() > 0) body.set("components", obj({{"securitySchemes", schemes}}));
  Value p = obj({{"Body", std::move(body)}});
  if (!n.description.empty()) p.set("Description", n.description);
  resource(lid, "AWS::ApiGatewayV2::Api", std::move(p));
  resource(aux(n.id, "Stage"), "AWS::ApiGatewayV2::Stage",
           obj({{"ApiId", cf_ref(lid)}, {"StageName", str(n, "stage", "$default")}, {"AutoDeploy", true}}));
  for (const Node* f : fns)
    resource(aux(n.id, f->id + "Permission"), "AWS::Lambda::Permission",
             obj({{"Action", "lambda:InvokeFunction"},
                  {"FunctionName", arn(*f)},
                  {"Principal", "apigateway.amazonaws.com"},
                  {"SourceArn", execute_api_arn(arch_, n, ids())}}));
  output(n.id + "Url", "Invoke URL of HTTP API " + n.id, url(n));
}

}  // namespace sbd::detail
