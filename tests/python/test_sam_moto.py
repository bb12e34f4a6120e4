"""Deploys the SAM engine's output for the core model (API, functions, bucket,
table, queue, topic, schedule), translated by the SAM translator, into moto's
mock of CloudFormation, and checks what exists afterwards."""
from __future__ import annotations

import io
import json
import os
import zipfile

import pytest

from sam_support import FIXTURES, build, load_template, s3_code, translate

CODE_BUCKET = "sbd-placeholder-code"


@pytest.fixture()
def aws(monkeypatch):
    moto = pytest.importorskip("moto")
    for k, v in {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing",
                 "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing"}.items():
        monkeypatch.setenv(k, v)
    # CloudFormation imports an AWS::ApiGateway::RestApi's Body (the OpenAPI
    # document SAM generates); moto's mock ignores it, so do what
    # CloudFormation does: import the body into the new API.
    from moto.apigateway import models as apigw

    original = apigw.RestAPI.create_from_cloudformation_json

    def with_body(resource_name, cloudformation_json, account_id, region_name, **kwargs):
        api = original(resource_name, cloudformation_json, account_id, region_name, **kwargs)
        body = cloudformation_json["Properties"].get("Body")
        if body:
            apigw.apigateway_backends[account_id][region_name].put_rest_api(api.id, body, fail_on_warnings=False,
                                                                            mode="overwrite")
        return api

    monkeypatch.setattr(apigw.RestAPI, "create_from_cloudformation_json", staticmethod(with_body))
    with moto.mock_aws():
        yield


def test_core_model_deploys(tmp_path, run_sbd, aws):
    import boto3

    source = load_template(build(run_sbd, FIXTURES / "core.yaml", tmp_path / "app"))
    template = translate(s3_code(source, CODE_BUCKET))

    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=CODE_BUCKET)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("app.py", "def handler(event, context):\n    return {}\n")
    for logical_id, res in template["Resources"].items():
        if res["Type"] == "AWS::Lambda::Function":
            s3.put_object(Bucket=CODE_BUCKET, Key=f"{logical_id}.zip", Body=buf.getvalue())

    cf = boto3.client("cloudformation")
    cf.create_stack(StackName="core-app", TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_IAM"])
    stack = cf.describe_stacks(StackName="core-app")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")

    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
    assert {"ApiUrl", "ListPhotosArn", "ResizeArn", "WorkerArn", "NotifyArn", "CleanupArn", "PhotosName",
            "UploadsName", "JobsUrl", "EventsArn"} <= set(outputs)
    assert outputs["ApiUrl"].startswith("https://") and outputs["ApiUrl"].endswith("/prod/")

    summaries = cf.list_stack_resources(StackName="core-app")["StackResourceSummaries"]
    physical = {s["LogicalResourceId"]: s["PhysicalResourceId"] for s in summaries}

    # Functions, with the wiring variables of their edges resolved.
    lam = boto3.client("lambda")
    fns = {f["FunctionName"]: f for f in lam.list_functions()["Functions"]}
    for fn in ("ListPhotos", "Resize", "Worker", "Notify", "Cleanup"):
        assert physical[fn] in fns, fn
    resize_env = fns[physical["Resize"]]["Environment"]["Variables"]
    assert resize_env["PHOTOS_TABLE"] == physical["Photos"]
    assert resize_env["JOBS_QUEUE_URL"].endswith("/" + physical["Jobs"].rsplit("/", 1)[-1])

    # The event source mapping of the queue -> function edge.
    mappings = lam.list_event_source_mappings()["EventSourceMappings"]
    assert len(mappings) == 1
    assert mappings[0]["EventSourceArn"].endswith(":" + physical["Jobs"].rsplit("/", 1)[-1])
    assert mappings[0]["FunctionArn"].endswith(":function:" + physical["Worker"])
    assert mappings[0]["BatchSize"] == 5

    # Storage and messaging.
    table = boto3.client("dynamodb").describe_table(TableName=physical["Photos"])["Table"]
    assert table["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    assert physical["Uploads"] in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    attrs = boto3.client("sqs").get_queue_attributes(QueueUrl=physical["Jobs"], AttributeNames=["VisibilityTimeout"])
    assert attrs["Attributes"]["VisibilityTimeout"] == "180"
    topics = [t["TopicArn"] for t in boto3.client("sns").list_topics()["Topics"]]
    assert physical["Events"] in topics

    # The schedule's rule, targeting the function.
    events = boto3.client("events")
    rule = events.describe_rule(Name=physical["CleanupNightlySchedule"])
    assert rule["ScheduleExpression"] == "rate(1 day)"
    targets = events.list_targets_by_rule(Rule=physical["CleanupNightlySchedule"])["Targets"]
    assert targets and targets[0]["Arn"].endswith(":function:" + physical["Cleanup"])

    # The REST API with the routes of the model.
    apigw = boto3.client("apigateway")
    resources = apigw.get_resources(restApiId=physical["Api"])["items"]
    methods = {(r["path"], m) for r in resources for m in r.get("resourceMethods", {})}
    assert {("/photos", "GET"), ("/photos/{id}", "GET")} <= methods

    # Permissions for S3, the schedule and the API to invoke their functions.
    perms = {r["Properties"]["Principal"] for r in template["Resources"].values() if r["Type"] == "AWS::Lambda::Permission"}
    assert {"s3.amazonaws.com", "events.amazonaws.com", "apigateway.amazonaws.com", "sns.amazonaws.com"} <= perms
