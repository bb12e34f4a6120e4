"""The SAM translator on the SAM engine's templates: every example and the
every-connection model translate, and the CloudFormation that comes out has,
for each connection, what CATALOG.md says the SAM emitter must produce."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sam_support import CORPUS, FIXTURES, build, load_template, s3_code, translate, with_settings

EXAMPLES = sorted((CORPUS / "sbd-examples").glob("*.json"))


@pytest.fixture(scope="module")
def built(tmp_path_factory, run_sbd) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sam-translate")
    out = {}
    for ex in EXAMPLES:
        model = ex if ex.stem != "iot" else with_settings(ex, root / "iot.yaml", disable=["SBD0401"], run_sbd=run_sbd)
        out[ex.stem] = build(run_sbd, model, root / ex.stem)
    out["core"] = build(run_sbd, FIXTURES / "core.yaml", root / "core")
    out["every"] = build(run_sbd, FIXTURES / "every-connection.yaml", root / "every")
    return out


@pytest.fixture(scope="module")
def every(built) -> dict:
    return translate(s3_code(load_template(built["every"])))["Resources"]


@pytest.mark.parametrize("name", [e.stem for e in EXAMPLES] + ["core", "every"])
def test_translates(built, name):
    source = load_template(built[name])
    out = translate(s3_code(source))
    assert "Transform" not in out
    types = {r["Type"] for r in out["Resources"].values()}
    assert not any(t.startswith("AWS::Serverless::") for t in types)
    # Every function became a Lambda function with the code location given.
    fns = [k for k, r in source["Resources"].items() if r["Type"] == "AWS::Serverless::Function"]
    for fn in fns:
        assert out["Resources"][fn]["Type"] == "AWS::Lambda::Function"
        assert out["Resources"][fn]["Properties"]["Code"] == {"S3Bucket": "sbd-placeholder-code", "S3Key": f"{fn}.zip"}


def test_local_code_uri_is_refused_without_the_swap(built):
    # The swap is what makes translation possible (the translator needs S3
    # code); without it the translator refuses, so the tests above can fail.
    with pytest.raises(Exception):
        translate(load_template(built["core"]))


def of_type(res: dict, type_: str) -> dict:
    return {k: r for k, r in res.items() if r["Type"] == type_}


def dump(x) -> str:
    return json.dumps(x, sort_keys=True)


def role_statements(res: dict, fn: str) -> str:
    role = res[fn]["Properties"]["Role"]["Fn::GetAtt"][0]
    return dump(res[role]["Properties"].get("Policies", []))


def test_event_sources(every):
    esm = {r["Properties"]["FunctionName"]["Ref"]: r["Properties"] for r in of_type(every, "AWS::Lambda::EventSourceMapping").values()}
    assert esm["WorkerAliaslive"]["EventSourceArn"] == {"Fn::GetAtt": ["Jobs", "Arn"]}
    assert esm["WorkerAliaslive"]["BatchSize"] == 5
    assert esm["StreamReaderAliaslive"]["EventSourceArn"] == {"Fn::GetAtt": ["Items", "StreamArn"]}
    assert esm["StreamReaderAliaslive"]["StartingPosition"] == "TRIM_HORIZON"
    assert esm["KinesisReaderAliaslive"]["EventSourceArn"] == {"Fn::GetAtt": ["Clicks", "Arn"]}
    # The table's stream is on because a function reads it.
    assert every["Items"]["Properties"]["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    principals = sorted((r["Properties"]["FunctionName"]["Ref"], r["Properties"]["Principal"])
                        for r in of_type(every, "AWS::Lambda::Permission").values())
    for fn, principal in [("ProcessorAliaslive", "s3.amazonaws.com"), ("TopicSubAliaslive", "sns.amazonaws.com"),
                          ("ReporterAliaslive", "events.amazonaws.com"), ("BusSubAliaslive", "events.amazonaws.com"),
                          ("IotFnAliaslive", "iot.amazonaws.com"), ("ItemsFnAliaslive", "apigateway.amazonaws.com"),
                          ("StatusFnAliaslive", "apigateway.amazonaws.com")]:
        assert (fn, principal) in principals
    subs = of_type(every, "AWS::SNS::Subscription")
    assert any(s["Properties"]["TopicArn"] == {"Ref": "Notifications"} for s in subs.values())
    # The schedule's expression, the bus's pattern, the IoT rule's SQL.
    rules = of_type(every, "AWS::Events::Rule")
    assert rules["ReporterNightlySchedule"]["Properties"]["ScheduleExpression"] == "cron(0 3 * * ? *)"
    assert rules["BusSubBusRule"]["Properties"]["EventPattern"] == {"source": ["every-connection"], "detail-type": ["ItemChanged"]}
    assert rules["BusSubBusRule"]["Properties"]["EventBusName"] == {"Ref": "Bus"}
    topic_rules = of_type(every, "AWS::IoT::TopicRule")
    assert topic_rules["IotFnDeviceRuleIoT"]["Properties"]["TopicRulePayload"]["Sql"] == "SELECT * FROM 'devices/+/telemetry'"
    # S3 filters of the edge.
    lambda_cfg = every["Uploads"]["Properties"]["NotificationConfiguration"]["LambdaConfigurations"][0]
    assert lambda_cfg["Filter"]["S3Key"]["Rules"] == [{"Name": "prefix", "Value": "incoming/"}, {"Name": "suffix", "Value": ".jpg"}]


def test_apis(every):
    body = every["Api"]["Properties"]["Body"]
    assert sorted((p, m) for p, ms in body["paths"].items() for m in ms) == [("/items", "get"), ("/items", "post"), ("/items/{id}", "get")]
    assert "ItemsFn" in dump(body["paths"]["/items"]["get"]["x-amazon-apigateway-integration"])
    assert "cognito_user_pools" in dump(body)  # userPool -> api: a Cognito authorizer
    public = every["PublicApi"]["Properties"]["Body"]
    integration = public["paths"]["/orders"]["post"]["x-amazon-apigateway-integration"]
    assert "states:action/StartExecution" in dump(integration)  # api -> stepFn
    assert "awsSigv4" in dump(public)  # cognitoIdentity -> api: IAM auth
    http = every["HttpApi"]["Properties"]["Body"]
    assert set(http["paths"]) == {"/status", "/{proxy+}"}
    assert '"type": "jwt"' in dump(http)  # userPool -> httpApi: a JWT authorizer
    assert {"PublicApi", "Api", "HttpApi"} <= set(of_type(every, "AWS::ApiGateway::RestApi")) | set(of_type(every, "AWS::ApiGatewayV2::Api"))


def test_notifications_and_resource_policies(every):
    nc = every["Uploads"]["Properties"]["NotificationConfiguration"]
    assert nc["TopicConfigurations"][0]["Topic"] == {"Ref": "Notifications"}
    assert nc["QueueConfigurations"][0]["Queue"] == {"Fn::GetAtt": ["Inbox", "Arn"]}
    assert {"NotificationsPolicy", "InboxPolicy"} <= set(every["Uploads"]["DependsOn"])
    topic_policy = dump(every["NotificationsPolicy"]["Properties"])
    assert "s3.amazonaws.com" in topic_policy and "events.amazonaws.com" in topic_policy
    assert "aws:SourceArn" in topic_policy
    assert "s3.amazonaws.com" in dump(every["InboxPolicy"]["Properties"])
    assert every["Jobs"]["Properties"]["RedrivePolicy"] == {"deadLetterTargetArn": {"Fn::GetAtt": ["JobsDlq", "Arn"]}, "maxReceiveCount": 3}
    # schedule -> stream, topic, delivery stream: one rule, a role for Kinesis and Firehose.
    targets = {t["Id"]: t for t in every["Nightly"]["Properties"]["Targets"]}
    assert set(targets) == {"Enriched", "Notifications", "DirectFirehose"}
    assert "RoleArn" in targets["Enriched"] and "RoleArn" in targets["DirectFirehose"]
    assert "RoleArn" not in targets["Notifications"]
    assert "kinesis:PutRecord" in dump(every["NightlyRole"]) and "firehose:PutRecord" in dump(every["NightlyRole"])


def test_streaming(every):
    fh = every["Firehose"]["Properties"]
    assert fh["DeliveryStreamType"] == "KinesisStreamAsSource"
    assert fh["KinesisStreamSourceConfiguration"]["KinesisStreamARN"] == {"Fn::GetAtt": ["Clicks", "Arn"]}
    s3 = fh["ExtendedS3DestinationConfiguration"]
    assert s3["BucketARN"] == {"Fn::GetAtt": ["Archive", "Arn"]}
    assert s3["Prefix"] == "raw/" and s3["BufferingHints"]["IntervalInSeconds"] == 120
    assert "TransformerAliaslive" in dump(s3["ProcessingConfiguration"])
    role = dump(every["FirehoseRole"])
    assert "kinesis:GetRecords" in role and "s3:PutObject" in role and "lambda:InvokeFunction" in role
    assert every["DirectFirehose"]["Properties"]["DeliveryStreamType"] == "DirectPut"
    app = every["Analytics"]
    assert app["Type"] == "AWS::KinesisAnalyticsV2::Application"
    assert app["Properties"]["RuntimeEnvironment"].startswith("FLINK-")
    groups = {g["PropertyGroupId"]: g["PropertyMap"] for g in app["Properties"]["ApplicationConfiguration"]["EnvironmentProperties"]["PropertyGroups"]}
    assert groups["InputStreams"] == {"Clicks": {"Ref": "Clicks"}}
    assert set(groups["OutputStreams"]) == {"Enriched", "DirectFirehose"}
    role = dump(every["AnalyticsRole"])
    assert "kinesis:GetRecords" in role and "kinesis:PutRecord" in role and "firehose:PutRecord" in role


def test_identity_iot_state_machine_alarms(every):
    attachment = every["IdentityRoleAttachment"]["Properties"]
    assert set(attachment["Roles"]) == {"authenticated", "unauthenticated"}
    auth_role = dump(every["IdentityAuthenticatedRole"])
    assert "lambda:InvokeFunction" in auth_role and "Callee" in auth_role  # cognitoIdentity -> fn
    assert "execute-api:Invoke" in auth_role and "PublicApi" in auth_role  # cognitoIdentity -> api
    republish = every["DeviceRule"]["Properties"]["TopicRulePayload"]["Actions"][0]["Republish"]
    assert republish["Topic"] == "alerts/republished"  # into AlertRule's topic filter
    assert "iot:Publish" in dump(every["DeviceRuleRole"])
    sm = every["Flow"]["Properties"]
    assert "lambda:invoke" in dump(sm["DefinitionString"])
    assert sm["DefinitionSubstitutions"] == {"StepWorkerArn": {"Ref": "StepWorkerAliaslive"}}  # through the alias
    assert sm["RoleArn"] == {"Fn::GetAtt": ["FlowRole", "Arn"]}  # a role of its own
    assert "lambda:InvokeFunction" in dump(every["FlowRole"]) and "StepWorker" in dump(every["FlowRole"])
    alarm = every["WorkerErrors"]["Properties"]
    assert alarm["MetricName"] == "Errors" and alarm["Dimensions"][0]["Value"] == {"Ref": "Worker"}
    assert "SUM([m1,m2])" in dump(every["ApiErrors"]["Properties"]["Metrics"])


def test_function_permissions_and_wiring(every):
    env = every["ItemsFn"]["Properties"]["Environment"]["Variables"]
    assert env["ITEMS_TABLE"] == {"Ref": "Items"}
    assert env["PUBLIC_API_URL"]["Fn::Sub"].startswith("https://${PublicApi}.execute-api.")
    assert env["CLICKS_STREAM"] == {"Ref": "Clicks"}
    assert env["NOTIFICATIONS_TOPIC_ARN"] == {"Ref": "Notifications"}
    assert env["CALLEE_FUNCTION"] == {"Ref": "Callee"}
    assert env["LOG_LEVEL"] == "debug" and env["PAGE_SIZE"] == "25"
    assert every["Callee"]["Properties"]["Environment"]["Variables"] == {
        "DB_PASSWORD_SECRET_ARN": {"Ref": "DbPassword"}, "CONFIG_PARAMETER": {"Ref": "Config"}}
    reporter = every["Reporter"]["Properties"]["Environment"]["Variables"]
    assert reporter == {"JOBS_QUEUE_URL": {"Ref": "Jobs"}, "FLOW_STATE_MACHINE_ARN": {"Ref": "Flow"}, "ARCHIVE_BUCKET": {"Ref": "Archive"}}
    assert every["BusSub"]["Properties"]["Environment"]["Variables"] == {"BUS_EVENT_BUS": {"Ref": "Bus"}}
    items = role_statements(every, "ItemsFn")
    assert "dynamodb:DeleteItem" in items and "execute-api:Invoke" in items and "kinesis:PutRecords" in items
    assert "sns:Publish" in items and "lambda:InvokeFunction" in items
    status = role_statements(every, "StatusFn")
    assert "dynamodb:GetItem" in status and "dynamodb:PutItem" not in status  # read only
    worker = role_statements(every, "Worker")
    assert "dynamodb:PutItem" in worker and "dynamodb:GetItem" not in worker  # write only
    callee = role_statements(every, "Callee")
    assert "secretsmanager:GetSecretValue" in callee and "ssm:GetParameter" in callee
    assert "firehose:PutRecord" in role_statements(every, "KinesisReader")
    assert "events:PutEvents" in role_statements(every, "BusSub")
    assert "states:StartExecution" in role_statements(every, "Reporter")
    # on-failure: the async failure destinations.
    assert "FailureTopic" in dump(every["WorkerEventInvokeConfig"]["Properties"]["DestinationConfig"])
    assert "Failures" in dump(every["ReporterEventInvokeConfig"]["Properties"]["DestinationConfig"])


def test_no_wildcard_resource_where_a_resource_can_be_named(every):
    # Statements the engine writes (and the policy templates it picks) name
    # their resources; SAM's own managed policies (logs, pollers) are ARNs.
    wild = []
    for k, r in every.items():
        if r["Type"] != "AWS::IAM::Role":
            continue
        for p in r["Properties"].get("Policies", []):
            for st in p["PolicyDocument"]["Statement"]:
                res = st.get("Resource")
                if res == "*" or (isinstance(res, list) and "*" in res):
                    wild.append((k, st["Action"]))
    assert wild == []


def test_safe_deployments(every):
    groups = of_type(every, "AWS::CodeDeploy::DeploymentGroup")
    assert "WorkerDeploymentGroup" in groups
    assert not any(g.startswith(("PreTrafficHook", "PostTrafficHook")) for g in groups)  # hooks deploy at once
    wg = groups["WorkerDeploymentGroup"]["Properties"]
    assert wg["AlarmConfiguration"]["Alarms"] == [{"Name": {"Ref": "WorkerErrors"}}]
    assert "Canary10Percent5Minutes" in dump(wg["DeploymentConfigName"])
    assert wg["ServiceRoleArn"] == {"Fn::GetAtt": ["DeploymentRole", "Arn"]}
    alias = every["WorkerAliaslive"]
    hooks = alias["UpdatePolicy"]["CodeDeployLambdaAliasUpdate"]
    assert hooks["BeforeAllowTrafficHook"] == {"Ref": "PreTrafficHook"}
    assert hooks["AfterAllowTrafficHook"] == {"Ref": "PostTrafficHook"}
    hook = role_statements(every, "PreTrafficHook")
    assert "codedeploy:PutLifecycleEventHookExecutionStatus" in hook
    assert "lambda:InvokeFunction" in dump(every["DeploymentRole"]) and "PreTrafficHook" in dump(every["DeploymentRole"])


def test_the_every_connection_model_covers_the_catalog(run_sbd):
    # Every kind, every connection and every action of the catalog appear in
    # tests/fixtures/sam/every-connection.yaml, so the checks above see them all.
    import yaml

    catalog = json.loads(run_sbd("catalog", "--format", "json").stdout)
    model = yaml.safe_load((FIXTURES / "every-connection.yaml").read_text())
    kinds = {n["kind"] for n in model["nodes"].values()}
    assert {k["key"] for k in catalog["kinds"]} <= kinds
    used = set()
    for e in model["edges"]:
        if isinstance(e, dict) and "from" in e:
            src, dst, action = e["from"], e["to"], e.get("action")
        else:
            text = e if isinstance(e, str) else f"{next(iter(e))}: {next(iter(e.values()))}"
            pair, _, action = text.partition(":")
            src, _, dst = (p.strip() for p in pair.partition("->"))
            action = action.strip() or None
        used.add((model["nodes"][src]["kind"], model["nodes"][dst]["kind"], action))
    missing = []
    for c in catalog["connections"]:
        for i, action in enumerate(c["actions"]):
            if (c["from"], c["to"], action) not in used and not (i == 0 and (c["from"], c["to"], None) in used):
                missing.append(f'{c["from"]} -> {c["to"]}: {action}')
    assert missing == []
