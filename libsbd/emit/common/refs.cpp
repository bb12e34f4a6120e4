#include "emit/common/refs.hpp"

#include "emit/common/doc.hpp"

#include <cctype>
#include <vector>

namespace sbd::detail {

std::string node_logical_id(const Node& node) { return node.id; }

RefDirection reference_direction(const Architecture& arch, const Edge& edge) {
  const std::string& from = arch.node_at(edge.from_index).kind;
  const std::string& to = arch.node_at(edge.to_index).kind;
  if (from == "fn") return to == "alarm" ? RefDirection::backward : RefDirection::forward;
  if (from == "api" || from == "httpApi" || from == "stepFn" || from == "deliveryStream" ||
      from == "analyticsStream" || from == "iotRule")
    return from == "iotRule" && to == "fn" ? RefDirection::none : RefDirection::forward;
  if (from == "bucket") return RefDirection::forward;
  if (from == "queue" && to == "queue") return RefDirection::forward;
  if (from == "stream" && (to == "deliveryStream" || to == "analyticsStream")) return RefDirection::backward;
  if (from == "userPool" || from == "cognitoIdentity") return RefDirection::backward;
  return RefDirection::none;
}

bool bucket_needs_explicit_name(const Architecture& arch, const Node& bucket) {
  if (bucket.kind != "bucket") return false;
  std::vector<std::size_t> stack;
  for (std::size_t e : arch.out_edge_indexes(bucket.index)) {
    const Edge& edge = arch.edge_at(e);
    const std::string& to = arch.node_at(edge.to_index).kind;
    if (to == "topic" || to == "queue") return true;
    if (to == "fn") stack.push_back(edge.to_index);
  }
  // Is the bucket reachable from a function it triggers, following the
  // "resource A refers to resource B" relation? Then naming it breaks the cycle.
  std::vector<char> seen(arch.node_count(), 0);
  while (!stack.empty()) {
    const std::size_t n = stack.back();
    stack.pop_back();
    if (n == bucket.index) return true;
    if (seen[n]) continue;
    seen[n] = 1;
    for (std::size_t e : arch.out_edge_indexes(n)) {
      const Edge& edge = arch.edge_at(e);
      if (reference_direction(arch, edge) == RefDirection::forward) stack.push_back(edge.to_index);
    }
    for (std::size_t e : arch.in_edge_indexes(n)) {
      const Edge& edge = arch.edge_at(e);
      if (reference_direction(arch, edge) == RefDirection::backward) stack.push_back(edge.from_index);
    }
  }
  return false;
}

namespace {

Value stack_id_suffix() {
  // The first 8 hex digits of the stack's GUID: lower case, unique per stack.
  Value split_arn = Value::tagged("!Split", arr({Value("/"), cf_ref("AWS::StackId")}));
  Value guid = Value::tagged("!Select", arr({Value(2), split_arn}));
  Value split_guid = Value::tagged("!Split", arr({Value("-"), guid}));
  return Value::tagged("!Select", arr({Value(0), split_guid}));
}

std::string bucket_prefix(const Architecture& arch, const Node& bucket) {
  // 63 = prefix + "-" + 12-digit account + "-" + 8 hex digits.
  std::string p = kebab(arch.name()) + "-" + kebab(bucket.id);
  std::string out;
  for (char c : p) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '-') out.push_back(l);
  }
  if (out.size() > 41) out.resize(41);
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.empty()) out = "bucket";
  return out;
}

}  // namespace

Value explicit_bucket_name(const Architecture& arch, const Node& bucket) {
  return sub(bucket_prefix(arch, bucket) + "-${AWS::AccountId}-${Suffix}", obj({{"Suffix", stack_id_suffix()}}));
}

static Value explicit_bucket_arn(const Architecture& arch, const Node& bucket) {
  return sub("arn:${AWS::Partition}:s3:::" + bucket_prefix(arch, bucket) + "-${AWS::AccountId}-${Suffix}",
             obj({{"Suffix", stack_id_suffix()}}));
}

Value name_of(const Architecture& arch, const Node& node, LogicalIdFn id) {
  const std::string lid = id(node);
  const std::string& k = node.kind;
  if (k == "bucket" && bucket_needs_explicit_name(arch, node)) return explicit_bucket_name(arch, node);
  if (k == "queue") return get_att(lid, "QueueName");
  if (k == "topic") return get_att(lid, "TopicName");
  if (k == "stepFn") return get_att(lid, "Name");
  if (k == "userPool") return cf_ref(lid);  // the pool id
  return cf_ref(lid);
}

Value arn_of(const Architecture& arch, const Node& node, LogicalIdFn id) {
  const std::string lid = id(node);
  const std::string& k = node.kind;
  if (k == "bucket" && bucket_needs_explicit_name(arch, node)) return explicit_bucket_arn(arch, node);
  if (k == "topic" || k == "stepFn" || k == "secret") return cf_ref(lid);
  if (k == "parameter")
    return sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${" + lid + "}");
  if (k == "analyticsStream")
    return sub("arn:${AWS::Partition}:kinesisanalytics:${AWS::Region}:${AWS::AccountId}:application/${" + lid + "}");
  if (k == "api" || k == "httpApi") return execute_api_arn(arch, node, id);
  if (k == "cognitoIdentity")
    return sub("arn:${AWS::Partition}:cognito-identity:${AWS::Region}:${AWS::AccountId}:identitypool/${" + lid + "}");
  return get_att(lid, "Arn");
}

Value execute_api_arn(const Architecture&, const Node& api, LogicalIdFn id) {
  return sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${" + id(api) + "}/*");
}

Value url_of(const Architecture& arch, const Node& node, LogicalIdFn id) {
  const std::string lid = id(node);
  if (node.kind == "queue") return cf_ref(lid);
  if (node.kind == "api" || node.kind == "httpApi") {
    const Value* stage = arch.property(node, "stage");
    std::string s = stage && stage->is_string() ? stage->as_string() : "";
    std::string url = "https://${" + lid + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/";
    if (!s.empty() && s != "$default") url += sub_escape(s) + "/";
    return sub(url);
  }
  return arn_of(arch, node, id);
}

Value env_value(const Architecture& arch, const Wire& wire, LogicalIdFn id) {
  if (!wire.target) return Value();
  if (wire.value_kind == "url") return url_of(arch, *wire.target, id);
  if (wire.value_kind == "arn") return arn_of(arch, *wire.target, id);
  return name_of(arch, *wire.target, id);
}

}  // namespace sbd::detail
