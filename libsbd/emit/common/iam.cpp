#include "emit/common/iam.hpp"

#include "emit/common/doc.hpp"

namespace sbd::detail {

Value allow(const std::vector<std::string>& actions, Value resources) {
  Value a = actions.size() == 1 ? Value(actions.front()) : str_list(actions);
  return obj({{"Effect", "Allow"}, {"Action", std::move(a)}, {"Resource", std::move(resources)}});
}

Value policy_document(Value statements) {
  return obj({{"Version", "2012-10-17"}, {"Statement", std::move(statements)}});
}

Value assume_role_policy(const std::string& service, Value condition) {
  Value st = obj({{"Effect", "Allow"}, {"Principal", obj({{"Service", service}})}, {"Action", "sts:AssumeRole"}});
  if (!condition.is_null()) st.set("Condition", std::move(condition));
  return policy_document(arr({st}));
}

namespace {

Value with_suffix(Value arn, const std::string& suffix) {
  // arn + suffix as an intrinsic: !Sub "${X.Arn}/*" style.
  if (arn.tag() == "!GetAtt") return sub("${" + arn.as_string() + "}" + suffix);
  if (arn.tag() == "!Ref") return sub("${" + arn.as_string() + "}" + suffix);
  if (arn.tag() == "!Sub" && arn.is_string()) return sub(arn.as_string() + suffix);
  if (arn.tag() == "!Sub" && arn.is_list() && arn.size() == 2)
    return sub(arn[0].as_string() + suffix, arn[1]);
  return sub("${Arn}" + suffix, obj({{"Arn", arn}}));
}

const std::vector<std::string> kS3Read = {"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
                                          "s3:GetObjectVersion", "s3:GetLifecycleConfiguration"};
const std::vector<std::string> kS3Write = {"s3:PutObject", "s3:PutObjectAcl", "s3:PutLifecycleConfiguration"};
const std::vector<std::string> kS3Crud = {"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
                                          "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl",
                                          "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration",
                                          "s3:DeleteObject"};
const std::vector<std::string> kDdbRead = {"dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query",
                                           "dynamodb:BatchGetItem", "dynamodb:DescribeTable"};
const std::vector<std::string> kDdbWrite = {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"};
const std::vector<std::string> kDdbCrud = {"dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem",
                                           "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem",
                                           "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem",
                                           "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"};

}  // namespace

Value kinesis_read_statement(Value stream_arn) {
  return allow({"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
                "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard"},
               std::move(stream_arn));
}

Value kinesis_write_statement(Value stream_arn) {
  return allow({"kinesis:DescribeStreamSummary", "kinesis:PutRecord", "kinesis:PutRecords"}, std::move(stream_arn));
}

Value firehose_write_statement(Value delivery_stream_arn) {
  return allow({"firehose:PutRecord", "firehose:PutRecordBatch"}, std::move(delivery_stream_arn));
}

Value firehose_s3_statement(Value bucket_arn) {
  Value objects = with_suffix(bucket_arn, "/*");
  return allow({"s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket",
                "s3:ListBucketMultipartUploads", "s3:PutObject"},
               arr({std::move(bucket_arn), std::move(objects)}));
}

Value lambda_invoke_statement(Value function_arn, bool with_configuration) {
  Value qualified = with_suffix(function_arn, ":*");
  std::vector<std::string> actions = {"lambda:InvokeFunction"};
  if (with_configuration) actions.push_back("lambda:GetFunctionConfiguration");
  return allow(actions, arr({std::move(function_arn), std::move(qualified)}));
}

Value s3_access_statement(const std::string& action, Value bucket_arn) {
  const bool read = action == "read", write = action == "write";
  Value objects = with_suffix(bucket_arn, "/*");
  return allow(read ? kS3Read : write ? kS3Write : kS3Crud, arr({std::move(bucket_arn), std::move(objects)}));
}

PolicyTemplate policy_template_for(const Architecture& arch, const Edge& edge) {
  const std::string_view k = arch.kind_at(edge.to_index).key;  // (views: compared with many literals)
  const std::string_view act = edge.action;
  if (is(act, "on-failure")) return {};
  const bool read = is(act, "read"), write = is(act, "write");
  if (is(k, "bucket")) return {read ? "S3ReadPolicy" : write ? "S3WritePolicy" : "S3CrudPolicy", "BucketName", false};
  if (is(k, "table"))
    return {read ? "DynamoDBReadPolicy" : write ? "DynamoDBWritePolicy" : "DynamoDBCrudPolicy", "TableName", false};
  if (is(k, "deliveryStream")) return {"FirehoseWritePolicy", "DeliveryStreamName", false};
  if (is(k, "topic")) return {"SNSPublishMessagePolicy", "TopicName", false};
  if (is(k, "queue")) return {"SQSSendMessagePolicy", "QueueName", false};
  if (is(k, "eventBus")) return {"EventBridgePutEventsPolicy", "EventBusName", false};
  if (is(k, "fn")) return {"LambdaInvokePolicy", "FunctionName", false};
  if (is(k, "stepFn")) return {"StepFunctionsExecutionPolicy", "StateMachineName", false};
  if (is(k, "secret")) return {"AWSSecretsManagerGetSecretValuePolicy", "SecretArn", true};
  // api, httpApi, stream: no template; parameter: SSMParameterReadPolicy
  // also grants ssm:DescribeParameters on "*", which a function reading one
  // parameter does not need; alarm: nothing to grant.
  return {};
}

Access function_access(const Architecture& arch, const Edge& edge, const LogicalIdFn& id, bool statements) {
  Access a;
  const Node& to = arch.node_at(edge.to_index);
  const std::string_view k = to.kind;  // (views: compared with many literals)
  const std::string_view act = edge.action;
  if (act == "on-failure" || k == "alarm") return a;
  if (const PolicyTemplate t = policy_template_for(arch, edge); t.name) {
    a.sam_policy = t.name;
    a.sam_parameters = Value::map();
    a.sam_parameters.append(t.parameter, t.arn ? arn_of(arch, to, id) : name_of(arch, to, id));
    if (!statements) return a;  // the caller wants no statements besides it
  }
  if (k == "bucket") {
    a.statements.push_back(s3_access_statement(edge.action, arn_of(arch, to, id)));
  } else if (k == "table") {
    const bool read = act == "read", write = act == "write";
    Value arn = arn_of(arch, to, id);
    a.statements.push_back(allow(read ? kDdbRead : write ? kDdbWrite : kDdbCrud, arr({arn, with_suffix(arn, "/index/*")})));
  } else if (k == "api" || k == "httpApi") {
    a.statements.push_back(allow({"execute-api:Invoke"}, execute_api_arn(arch, to, id)));
  } else if (k == "stream") {
    a.statements.push_back(kinesis_write_statement(arn_of(arch, to, id)));
  } else if (k == "deliveryStream") {
    a.statements.push_back(firehose_write_statement(arn_of(arch, to, id)));
  } else if (k == "topic") {
    a.statements.push_back(allow({"sns:Publish"}, arn_of(arch, to, id)));
  } else if (k == "queue") {
    a.statements.push_back(allow({"sqs:SendMessage"}, arn_of(arch, to, id)));
  } else if (k == "eventBus") {
    a.statements.push_back(allow({"events:PutEvents"}, arn_of(arch, to, id)));
  } else if (k == "fn") {
    a.statements.push_back(lambda_invoke_statement(arn_of(arch, to, id)));
  } else if (k == "stepFn") {
    a.statements.push_back(allow({"states:StartExecution"}, arn_of(arch, to, id)));
  } else if (k == "secret") {
    a.statements.push_back(allow({"secretsmanager:GetSecretValue"}, arn_of(arch, to, id)));
  } else if (k == "parameter") {
    a.statements.push_back(allow({"ssm:GetParameter", "ssm:GetParameters"}, arn_of(arch, to, id)));
  }
  return a;
}

}  // namespace sbd::detail
