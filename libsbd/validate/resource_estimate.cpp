// How many CloudFormation resources the SAM engine emits for a model, and the
// logical ids SAM derives from node ids. This is an ESTIMATE kept in one place:
// the SAM engine's author may replace estimate_sam_resources() with the real
// count (e.g. by emitting and counting after the SAM transform). It counts what
// the SAM translator expands the template into, since that is what the
// 500-resources-per-stack limit applies to.
//
// Per node (main resource plus what comes with it):
//   fn              2  the function and its execution role
//                      +3 with a deployment preference (version, alias, deployment group)
//   api             3  RestApi, Deployment, Stage
//   httpApi         2  Api, Stage
//   cognitoIdentity 4  pool, authenticated and unauthenticated roles, role attachment
//   userPool        2  pool, app client
//   analyticsStream 2  application, role
//   deliveryStream  2  delivery stream, role
//   stepFn          2  state machine, role
//   schedule        0  (its resources are counted on the edges)
//   others          1  table, stream, bucket, topic, queue, eventBus, alarm,
//                      secret, parameter, iotRule
// Per edge:
//   api/httpApi -> fn      1 Lambda permission per route of the edge
//   bucket -> fn           1 Lambda permission (the notification sits on the bucket)
//   topic -> fn            2 subscription, permission
//   queue/table/stream -> fn 1 event source mapping
//   eventBus/schedule -> fn 2 rule, permission
//   iotRule -> fn          1 permission (the rule is the node)
//   schedule -> other      2 rule and the role or policy its target needs
//   bucket -> topic/queue  1 topic or queue policy
//   iotRule -> iotRule     1 role of the republish action
//   others                 0 (policies and environment variables live on the function)
// Per app: +2 with a deployment preference (CodeDeploy application and role).
//
// Checked by hand against the SAM engine's output expanded by the SAM
// translator (samtranslator 1.x) on tests/fixtures/rules/clean/: estimate vs
// real resources orders 32/35, photo-share 32/30, telemetry 19/22, webapp 28/29.
#include "validate/analysis.hpp"

#include <cctype>

namespace sbd::detail {

namespace {
std::size_t node_resources(const std::string& kind, bool deployment) {
  if (kind == "fn") return deployment ? 5 : 2;
  if (kind == "api") return 3;
  if (kind == "cognitoIdentity") return 4;
  if (kind == "httpApi" || kind == "userPool" || kind == "analyticsStream" || kind == "deliveryStream" ||
      kind == "stepFn")
    return 2;
  if (kind == "schedule") return 0;
  return 1;
}

std::size_t route_count(const Architecture& arch, const Edge& e, const Node& api) {
  const Value* routes = arch.property(e, "routes");
  if (!routes || !routes->is_list()) routes = arch.property(api, "routes");
  return routes && routes->is_list() && routes->size() > 0 ? routes->size() : 1;
}
}  // namespace

std::size_t estimate_sam_resources(const Architecture& arch) {
  const bool deployment = arch.settings().deployment.has_value();
  std::size_t total = deployment ? 2 : 0;
  for (const Node& n : arch.nodes()) total += node_resources(n.kind, deployment);
  for (const Edge& e : arch.edges()) {
    const Node& from = arch.node_at(e.from_index);
    const Node& to = arch.node_at(e.to_index);
    const std::string& f = from.kind;
    const std::string& t = to.kind;
    if (t == "fn") {
      if (f == "api" || f == "httpApi") total += route_count(arch, e, from);
      else if (f == "bucket" || f == "queue" || f == "table" || f == "stream" || f == "iotRule") total += 1;
      else if (f == "topic" || f == "eventBus" || f == "schedule") total += 2;
    } else if (f == "schedule") {
      total += 2;
    } else if (f == "bucket" && (t == "topic" || t == "queue")) {
      total += 1;
    } else if (f == "iotRule" && t == "iotRule") {
      total += 1;
    }
  }
  return total;
}

std::size_t estimate_sam_resources(const Analysis& a) {
  // The same count with the kinds as numbers.
  const bool deployment = a.arch().settings().deployment.has_value();
  std::size_t total = deployment ? 2 : 0;
  for (std::size_t i = 0; i < a.node_count(); ++i) {
    switch (a.kind(i)) {
      case Kind::fn: total += deployment ? 5 : 2; break;
      case Kind::api: total += 3; break;
      case Kind::cognitoIdentity: total += 4; break;
      case Kind::httpApi:
      case Kind::userPool:
      case Kind::analyticsStream:
      case Kind::deliveryStream:
      case Kind::stepFn: total += 2; break;
      case Kind::schedule: break;
      default: total += 1; break;
    }
  }
  for (std::size_t ei = 0; ei < a.edge_count(); ++ei) {
    const Kind f = a.kind(a.from(ei));
    const Kind t = a.kind(a.to(ei));
    if (t == Kind::fn) {
      if (f == Kind::api || f == Kind::httpApi) {
        const Value* routes = a.edge_property(ei, "routes");
        if (!routes || !routes->is_list()) routes = a.property(a.from(ei), "routes");
        total += routes && routes->is_list() && routes->size() > 0 ? routes->size() : 1;
      } else if (f == Kind::bucket || f == Kind::queue || f == Kind::table || f == Kind::stream ||
                 f == Kind::iotRule) {
        total += 1;
      } else if (f == Kind::topic || f == Kind::eventBus || f == Kind::schedule) {
        total += 2;
      }
    } else if (f == Kind::schedule) {
      total += 2;
    } else if (f == Kind::bucket && (t == Kind::topic || t == Kind::queue)) {
      total += 1;
    } else if (f == Kind::iotRule && t == Kind::iotRule) {
      total += 1;
    }
  }
  return total;
}

void derived_logical_ids(const Analysis& a, std::size_t i, std::vector<DerivedId>& out) {
  // As derived_logical_ids(arch, node) below, reusing out's strings.
  const Node& node = a.node(i);
  auto set = [&](std::size_t slot, std::initializer_list<std::string_view> pieces, bool exact) {
    std::string& id = out[slot].id;
    id.clear();
    for (std::string_view p : pieces) id.append(p.data(), p.size());
    out[slot].exact = exact;
  };
  switch (a.kind(i)) {
    case Kind::fn:
    case Kind::stepFn:
      out.resize(1);
      set(0, {node.id, "Role"}, true);
      return;
    case Kind::api: {
      const Value* stage = a.property(i, "stage");
      std::string_view s = stage && stage->is_string() ? std::string_view(stage->as_string()) : "prod";
      out.resize(2);
      set(0, {node.id, "Deployment0123456789"}, false);
      set(1, {node.id}, true);
      for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c))) out[1].id += c;
      out[1].id += "Stage";
      return;
    }
    case Kind::httpApi:
      out.resize(1);
      set(0, {node.id, "ApiGatewayDefaultStage"}, true);
      return;
    default:
      out.clear();
      return;
  }
}

std::vector<DerivedId> derived_logical_ids(const Architecture& arch, const Node& node) {
  // What the SAM translator itself names after a resource's logical id.
  if (node.kind == "fn" || node.kind == "stepFn") return {{node.id + "Role", true}};
  if (node.kind == "api") {
    const Value* stage = arch.property(node, "stage");
    std::string s = stage && stage->is_string() ? stage->as_string() : "prod";
    std::string clean;
    for (char c : s)
      if (std::isalnum(static_cast<unsigned char>(c))) clean += c;
    // <Api>Deployment<10 hex digits> and <Api><stage>Stage.
    return {{node.id + "Deployment0123456789", false}, {node.id + clean + "Stage", true}};
  }
  if (node.kind == "httpApi") return {{node.id + "ApiGatewayDefaultStage", true}};
  return {};
}

}  // namespace sbd::detail
