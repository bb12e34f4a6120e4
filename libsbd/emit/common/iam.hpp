// Shared by every engine that writes CloudFormation: the least-privilege
// permissions behind each connection. A function's access to the target of
// an outgoing edge is given both as a SAM policy template (when one fits and
// is scoped to that one resource) and as the equivalent explicit IAM
// statements, for engines without policy templates.
#pragma once

#include "emit/common/refs.hpp"

#include <sbd/architecture.hpp>
#include <sbd/value.hpp>

#include <string>
#include <vector>

namespace sbd::detail {

/// An IAM statement: {Effect: Allow, Action: [...], Resource: resources}.
Value allow(const std::vector<std::string>& actions, Value resources);
/// {Version: 2012-10-17, Statement: statements}
Value policy_document(Value statements);
/// A trust policy letting an AWS service ("firehose.amazonaws.com") assume a
/// role, with an optional Condition map.
Value assume_role_policy(const std::string& service, Value condition = Value());

/// What a function needs to use the target of one of its outgoing edges.
struct Access {
  std::string sam_policy;      ///< a SAM policy template name, or "" when none fits
  Value sam_parameters;        ///< the template's parameters (a map)
  Value statements = Value::list();  ///< the equivalent explicit statements
  bool empty() const noexcept { return sam_policy.empty() && statements.size() == 0; }
};
/// The SAM policy template that grants a function what an edge needs, when
/// one fits and is scoped to the edge's target: its name and its one
/// parameter, which is the target's name (name_of) or, with arn, its ARN
/// (arn_of). name is null when none fits or there is nothing to grant.
struct PolicyTemplate {
  const char* name = nullptr;
  const char* parameter = nullptr;
  bool arn = false;
};
PolicyTemplate policy_template_for(const Architecture& arch, const Edge& edge);

/// The access behind a fn -> X edge (read/write, put, send, invoke, ...).
/// Empty for edges that grant nothing to the function (fn -> alarm) and for
/// on-failure edges (the engine's failure destination grants that). With
/// statements false, an access that has a policy template comes without its
/// statements (an engine that uses the template needs none).
Access function_access(const Architecture& arch, const Edge& edge, const LogicalIdFn& id = node_logical_id,
                       bool statements = true);

/// The statements a resource policy or role needs for other connections.
/// Kinesis stream consumer (Firehose source, Flink input).
Value kinesis_read_statement(Value stream_arn);
/// Kinesis producer (PutRecord, PutRecords).
Value kinesis_write_statement(Value stream_arn);
/// Firehose producer.
Value firehose_write_statement(Value delivery_stream_arn);
/// Firehose's S3 destination: the bucket and its objects.
Value firehose_s3_statement(Value bucket_arn);
/// A function's access to one bucket and its objects for an edge action
/// ("read", "write", anything else: read/write); the statement behind the
/// S3ReadPolicy / S3WritePolicy / S3CrudPolicy templates.
Value s3_access_statement(const std::string& action, Value bucket_arn);
/// lambda:InvokeFunction on one function (and its versions and aliases).
Value lambda_invoke_statement(Value function_arn, bool with_configuration = false);

}  // namespace sbd::detail
