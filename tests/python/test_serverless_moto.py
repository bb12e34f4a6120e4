"""Deploys the Serverless Framework engine's output for the core model the way
`serverless deploy` does, into moto's mock of AWS: `serverless package`, then
the create-stack template (the deployment bucket), the function packages
uploaded to that bucket, then the update-stack template. Checks what exists
afterwards."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sam_support import FIXTURES
from serverless_support import build, package, require_serverless


@pytest.fixture()
def aws(monkeypatch):
    moto = pytest.importorskip("moto")
    for k, v in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
                 "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing"}.items():
        monkeypatch.setenv(k, v)
    with moto.mock_aws():
        yield


def deploy(project: Path, stack: str) -> dict[str, str]:
    """What `serverless deploy` does with the packaged service; returns the
    physical ids of the stack's resources."""
    import boto3

    cf = boto3.client("cloudformation")
    out = project / ".serverless"
    cf.create_stack(StackName=stack, TemplateBody=(out / "cloudformation-template-create-stack.json").read_text(),
                    Capabilities=["CAPABILITY_IAM"])
    assert cf.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"
    bucket = cf.describe_stack_resource(StackName=stack, LogicalResourceId="ServerlessDeploymentBucket")
    bucket = bucket["StackResourceDetail"]["PhysicalResourceId"]
    update = json.loads((out / "cloudformation-template-update-stack.json").read_text())
    s3 = boto3.client("s3")
    for res in update["Resources"].values():
        if res["Type"] == "AWS::Lambda::Function":
            key = res["Properties"]["Code"]["S3Key"]
            s3.put_object(Bucket=bucket, Key=key, Body=(out / Path(key).name).read_bytes())
    cf.update_stack(StackName=stack, TemplateBody=json.dumps(update), Capabilities=["CAPABILITY_IAM"])
    status = cf.describe_stacks(StackName=stack)["Stacks"][0]
    assert status["StackStatus"] == "UPDATE_COMPLETE", status.get("StackStatusReason")
    return {s["LogicalResourceId"]: s["PhysicalResourceId"]
            for s in cf.list_stack_resources(StackName=stack)["StackResourceSummaries"]}


# moto has no CloudFormation support for the deployment bucket policy and SNS
# subscriptions of the framework: it says so and skips them.
@pytest.mark.filterwarnings("ignore:Tried to parse AWS::")
def test_core_model_deploys(tmp_path, run_sbd, aws):
    import boto3

    require_serverless()

    project = build(run_sbd, FIXTURES / "core.yaml", tmp_path / "app")
    r = package(project)
    assert r.returncode == 0, r.stdout + r.stderr
    physical = deploy(project, "core-app-prod")
    cf = boto3.client("cloudformation")
    outputs = {o["OutputKey"]: o["OutputValue"]
               for o in cf.describe_stacks(StackName="core-app-prod")["Stacks"][0].get("Outputs", [])}
    assert outputs["ServiceEndpoint"].endswith("/prod")
    assert {"PhotosName", "UploadsName", "JobsUrl", "EventsArn", "ResizeArn"} <= set(outputs)

    # Functions on the model's runtime, each with a role of its own and the
    # wiring variables of its edges resolved.
    lam = boto3.client("lambda")
    fns = {f["FunctionName"]: f for f in lam.list_functions()["Functions"]}
    names = {fn: f"core-app-prod-{fn}" for fn in ("ListPhotos", "Resize", "Worker", "Notify", "Cleanup")}
    assert set(names.values()) <= set(fns)
    assert {fns[n]["Runtime"] for n in names.values()} == {"python3.13"}
    roles = {fns[n]["Role"] for n in names.values()}
    assert len(roles) == len(names)
    resize = fns[names["Resize"]]
    assert resize["Role"].split("/")[-1] == physical["ResizeRole"]
    assert resize["Environment"]["Variables"]["PHOTOS_TABLE"] == physical["Photos"]
    assert resize["Environment"]["Variables"]["JOBS_QUEUE_URL"] == physical["Jobs"]
    assert resize["Handler"] == "src/Resize/serverless_handler.handler"
    assert fns[names["Worker"]]["Environment"]["Variables"]["EVENTS_TOPIC_ARN"] == physical["Events"]

    # The queue -> function event source mapping.
    mappings = lam.list_event_source_mappings()["EventSourceMappings"]
    assert len(mappings) == 1
    assert mappings[0]["FunctionArn"].endswith(":function:" + names["Worker"])
    assert mappings[0]["BatchSize"] == 5
    assert mappings[0]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]

    # The bucket the framework created, under its literal name, notifying Resize.
    s3 = boto3.client("s3")
    assert physical["S3BucketUploads"] == "core-app-uploads-prod-us-east-1"
    assert "core-app-uploads-prod-us-east-1" in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    # (moto's CloudFormation does not apply a bucket's notification
    # configuration; the permission S3 needs to invoke Resize is there.)
    assert "ResizeLambdaPermissionUploadsS3" in physical

    # The schedule's rule, targeting the function.
    events = boto3.client("events")
    rule = physical["CleanupEventsRuleSchedule1"]
    assert events.describe_rule(Name=rule)["ScheduleExpression"] == "rate(1 day)"
    assert events.list_targets_by_rule(Rule=rule)["Targets"][0]["Arn"].endswith(":function:" + names["Cleanup"])

    # The framework's REST API with the routes of the model.
    apigw = boto3.client("apigateway")
    resources = apigw.get_resources(restApiId=physical["ApiGatewayRestApi"])["items"]
    methods = {(r["path"], m) for r in resources for m in r.get("resourceMethods", {})}
    assert {("/photos", "GET"), ("/photos/{id}", "GET")} <= methods
    table = boto3.client("dynamodb").describe_table(TableName=physical["Photos"])["Table"]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
