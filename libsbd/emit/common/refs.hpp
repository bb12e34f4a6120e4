// Shared by every engine that writes CloudFormation: what a node's resource
// is called once deployed (name, ARN, URL) as intrinsic functions, which
// resources reference which (to keep templates free of dependency cycles),
// and the value of each wiring environment variable.
#pragma once

#include "emit/common/wiring.hpp"

#include <sbd/architecture.hpp>
#include <sbd/value.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sbd::detail {

/// How an engine names the CloudFormation resource of a node (SAM: the node
/// id itself; the Serverless Framework names functions "<Id>LambdaFunction").
/// A std::function so that an engine can decide with context (the
/// Serverless Framework engine names its one native REST API ApiGatewayRestApi).
using LogicalIdFn = std::function<std::string(const Node&)>;
/// The node id.
std::string node_logical_id(const Node& node);

/// Whether the resource emitted for the edge's source node refers to the
/// target's resource (a policy, an event, an ARN in its properties): true for
/// fn -> anything, api -> fn, bucket -> fn/topic/queue, ...; the reverse
/// (the target refers to the source) for stream -> deliveryStream,
/// stream -> analyticsStream, userPool -> api, cognitoIdentity -> ...,
/// fn -> alarm. Edges whose wiring lives in separate resources (event source
/// mappings, subscriptions, rules) refer to nothing.
enum class RefDirection { none, forward, backward };
RefDirection reference_direction(const Architecture& arch, const Edge& edge);

/// True when a bucket gets an explicit, deterministic BucketName so that the
/// resources it notifies can refer to it without a dependency cycle: it
/// notifies a topic or queue (their policies name the bucket, and the bucket
/// must wait for them), or a function it triggers refers back to it, directly
/// or through other resources.
bool bucket_needs_explicit_name(const Architecture& arch, const Node& bucket);
/// The same answer for every node at once (true only for buckets), in one
/// O(nodes + edges) pass: strongly connected components of the "refers to"
/// relation.
std::vector<char> buckets_needing_explicit_names(const Architecture& arch);

/// While alive, bucket_needs_explicit_name(arch, ...) on this thread answers
/// from one precomputed pass instead of a search per call. An engine holds one
/// for the duration of an emit; the architecture must not change meanwhile.
class ReferenceScope {
 public:
  explicit ReferenceScope(const Architecture& arch);
  ~ReferenceScope();
  ReferenceScope(const ReferenceScope&) = delete;
  ReferenceScope& operator=(const ReferenceScope&) = delete;

 private:
  friend std::vector<std::vector<std::string>> reference_cycles(const Architecture& arch);
  const Architecture* previous_arch_;
  ReferenceScope* previous_;
  std::vector<char> named_;
  // reference_cycles' answer, worked out with named_ when no bucket needs a
  // name (then both ask the same graph): one pass instead of two.
  bool have_cycles_ = false;
  std::vector<std::vector<std::string>> cycles_;
};

/// The groups of nodes whose resources would refer to each other in a circle
/// (CloudFormation refuses such a template), after explicit bucket names have
/// broken the cycles through buckets: e.g. a function that invokes a function
/// that invokes it back, or one that calls the API that invokes it. Each group
/// lists node ids in model order; the groups are sorted. Empty when none.
std::vector<std::vector<std::string>> reference_cycles(const Architecture& arch);

/// The explicit BucketName: "<app>-<id>-<account>-<8 hex of the stack id>",
/// lower case, at most 63 characters, unique per stack.
Value explicit_bucket_name(const Architecture& arch, const Node& bucket);

/// What a reference to a node's resource gives: its name, ARN or URL.
enum class RefOf { name, arn, url };
/// When name_of / arn_of / url_of of a node is a plain `!Ref <logical id>`
/// (attribute empty) or `!GetAtt <logical id>.<attribute>`: those functions
/// and the SAM template's text writer decide with it. plain is false for the
/// others (an explicit bucket name, a !Sub ARN or URL).
struct PlainRef {
  bool plain = false;
  std::string_view attribute;
};
PlainRef plain_ref(const Architecture& arch, const Node& node, RefOf what);

/// The deployed name (or id) of a node's resource: !Ref, !GetAtt ...Name, ...
Value name_of(const Architecture& arch, const Node& node, const LogicalIdFn& id = node_logical_id);
/// The ARN of a node's resource.
Value arn_of(const Architecture& arch, const Node& node, const LogicalIdFn& id = node_logical_id);
/// The URL of a queue, or the invoke URL of an API (with its stage).
Value url_of(const Architecture& arch, const Node& node, const LogicalIdFn& id = node_logical_id);
/// The execute-api ARN pattern of an API ("arn:...:execute-api:...:<id>/*").
Value execute_api_arn(const Architecture& arch, const Node& api, const LogicalIdFn& id = node_logical_id);
/// The value of a wiring environment variable (name, ARN or URL of the target).
Value env_value(const Architecture& arch, const Wire& wire, const LogicalIdFn& id = node_logical_id);

}  // namespace sbd::detail
