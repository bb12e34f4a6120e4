"""The starter code that `sbd build` writes passes its own unit tests, as
generated, in every language: pytest (Python), node --test (JavaScript),
tsc --noEmit then node --test on an esbuild bundle (TypeScript), go test (Go),
mvn test (Java). One model (tests/fixtures/starter/all_sources.yaml) covers
every event source and every outgoing connection; each language builds it once.

Tools that are missing are skipped with the reason; TypeScript tools and the
Go and Maven dependencies come from npm, the Go module proxy and Maven
Central on first use (then from their caches).
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "tests" / "fixtures" / "starter" / "all_sources.yaml"

# Tests each function's generated suite holds: one per event source, one per
# helper of an outgoing connection.
#   Worker: 11 sources (IoT included) + 14 helpers (table and bucket read/write).
#   Callee: direct invocation + get_photos_item + put_archive_object.
#   Caller: direct invocation (no trigger) + invoke_callee.
EXPECTED = {"Worker": 25, "Callee": 3, "Caller": 2}


def build(run_sbd, tmp_path: Path, runtime: str, language: str | None = None,
          model_file: Path | None = None, expected: dict | None = None) -> Path:
    """Builds the model (MODEL by default) with every function in runtime and
    language; checks that src/ holds one folder per expected function."""
    model = yaml.safe_load((model_file or MODEL).read_text())
    model["runtime"] = runtime
    if language:
        for node in model["nodes"].values():
            if node["kind"] == "fn":
                node["language"] = language
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(model, sort_keys=False))
    out = tmp_path / "app"
    result = run_sbd("build", path, "--engine", "sam", "-o", out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (out / "src").iterdir()) == sorted(expected or EXPECTED)
    return out


def run(cmd, cwd, timeout=300, env=None):
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, **(env or {})})
    return result, result.stdout + result.stderr


def test_python_starter_tests_pass(run_sbd, tmp_path):
    out = build(run_sbd, tmp_path, "python3.13")
    for fn, count in EXPECTED.items():
        result, log = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], out / "src" / fn)
        assert result.returncode == 0, log
        assert re.search(rf"\b{count} passed\b", log), log


def test_javascript_starter_tests_pass(run_sbd, tmp_path):
    if not shutil.which("node"):
        pytest.skip("node is not installed")
    out = build(run_sbd, tmp_path, "nodejs22.x")
    for fn, count in EXPECTED.items():
        result, log = run(["node", "--test"], out / "src" / fn)
        assert result.returncode == 0, log
        assert f"# pass {count}" in log and "# fail 0" in log, log


def node_tools() -> Path | None:
    """A folder with node_modules/.bin/{tsc,esbuild} and @types/node:
    $SBD_NODE_TOOLS, else ~/.cache/sbd-node-tools, installed with npm once."""
    folder = Path(os.environ.get("SBD_NODE_TOOLS", Path.home() / ".cache" / "sbd-node-tools"))
    bin_dir = folder / "node_modules" / ".bin"
    if not (bin_dir / "tsc").exists() or not (bin_dir / "esbuild").exists():
        if not shutil.which("npm"):
            return None
        folder.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder),
                                 "typescript@5", "esbuild@0.25", "@types/node@22"],
                                capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            return None
    return folder


def test_typescript_starter_code_type_checks_and_its_tests_pass(run_sbd, tmp_path):
    if not shutil.which("node"):
        pytest.skip("node is not installed")
    tools = node_tools()
    if tools is None:
        pytest.skip("typescript and esbuild could not be installed from npm")
    out = build(run_sbd, tmp_path, "nodejs22.x", "typescript")
    template = (out / "template.yaml").read_text()
    assert "BuildMethod: esbuild" in template
    for fn, count in EXPECTED.items():
        folder = out / "src" / fn
        (folder / "node_modules").symlink_to(tools / "node_modules", target_is_directory=True)
        bin_dir = tools / "node_modules" / ".bin"
        result, log = run([str(bin_dir / "tsc"), "--noEmit", "-p", "."], folder)
        assert result.returncode == 0, log
        # Node.js 22.6+ runs the .ts files itself (npm test); older ones run a bundle.
        result, log = run([str(bin_dir / "esbuild"), "app.test.ts", "--bundle", "--platform=node", "--format=esm",
                           "--outfile=app.test.bundle.mjs", "--external:@aws-sdk/*", "--log-level=warning"], folder)
        assert result.returncode == 0, log
        result, log = run(["node", "--test", "app.test.bundle.mjs"], folder)
        assert result.returncode == 0, log
        assert f"# pass {count}" in log and "# fail 0" in log, log
        # The deployment bundle builds too, as sam build's esbuild would build it.
        result, log = run([str(bin_dir / "esbuild"), "app.ts", "--bundle", "--platform=node", "--format=esm",
                           "--outfile=dist/app.mjs", "--external:@aws-sdk/*", "--log-level=warning"], folder)
        assert result.returncode == 0, log


def go_version() -> tuple[int, int] | None:
    if not shutil.which("go"):
        return None
    match = re.search(r"go(\d+)\.(\d+)", subprocess.run(["go", "version"], capture_output=True, text=True).stdout)
    return (int(match.group(1)), int(match.group(2))) if match else None


def test_go_starter_tests_pass(run_sbd, tmp_path):
    version = go_version()
    if version is None or version < (1, 24):
        pytest.skip(f"Go 1.24 or later is needed (go.mod says go 1.24), found {version}")
    out = build(run_sbd, tmp_path, "provided.al2023", "go")
    assert "BuildMethod: go1.x" in (out / "template.yaml").read_text()
    for fn, count in EXPECTED.items():
        folder = out / "src" / fn
        result, log = run(["go", "vet", "."], folder)
        assert result.returncode == 0, log
        result, log = run(["go", "test", "-count=1", "-v", "."], folder)
        assert result.returncode == 0, log
        assert len(re.findall(r"^--- PASS", log, re.M)) == count, log
        if shutil.which("gofmt"):
            result, log = run(["gofmt", "-l", "."], folder)
            assert log.strip() == "", f"not gofmt-formatted: {log}"


def java_home() -> str | None:
    """A JDK of version 21 or later: $JAVA_HOME, else one under /usr/lib/jvm."""
    candidates = [os.environ.get("JAVA_HOME", "")] + sorted(str(p) for p in Path("/usr/lib/jvm").glob("*"))
    for home in candidates:
        javac = Path(home) / "bin" / "javac"
        if home and javac.exists():
            result = subprocess.run([str(javac), "-version"], capture_output=True, text=True)
            match = re.search(r"javac (\d+)", result.stdout + result.stderr)
            if match and int(match.group(1)) >= 21:
                return home
    return None


JAVA_FAKE_AWS_TEST = """package starter;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The helpers with the real SDK against the fake AWS of the Python test. */
class FakeAwsTest {
  @Test
  void helpersWorkAgainstFakeAws() throws Exception {
    Resources.environment = System::getenv;
    Resources.useDynamoDb(null);
    Resources.useS3(null);
    Resources.useSqs(null);
    Resources.useSns(null);
    Resources.useKinesis(null);
    Resources.useFirehose(null);
    Resources.useEventBridge(null);
    Resources.useSfn(null);
    Resources.useSecretsManager(null);
    Resources.useSsm(null);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", "1");
    item.put("count", 2);
    item.put("ratio", 0.5);
    item.put("tags", List.of("a", true));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("note", null);
    item.put("meta", meta);
    Resources.putPhotosItem(item);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("item", Resources.getPhotosItem(Map.of("id", "1")));
    assertNull(Resources.getPhotosItem(Map.of("id", "nope")));
    out.put("missing", null);
    Resources.putArchiveObject("a/b.json", Map.of("x", 1), "application/json");
    out.put("object", new String(Resources.getArchiveObject("a/b.json"), StandardCharsets.UTF_8));
    out.put("messageId", Resources.sendOutboxMessage(Map.of("id", "1"), null));
    out.put("published", Resources.publishNotices("hello", "Greeting"));
    out.put("sequence", Resources.putEventsRecord(Map.of("clicks", 1), "user-1"));
    Resources.putAuditRecord(Map.of("level", "info"));
    Resources.putAppBusEvent("OrderPlaced", Map.of("orderId", "42"));
    out.put("secret", Resources.getDbPasswordSecret());
    out.put("parameter", Resources.getConfigParameter());
    out.put("execution", Resources.startReportFlowExecution(Map.of("id", "1")));
    out.put("api", Resources.callPartnerApi("POST", "/items", Map.of("id", "1")));
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "fake-aws.json"), Events.toJson(out));
  }
}
"""


def test_java_starter_tests_pass(run_sbd, tmp_path, fake_aws):
    """The generated JUnit tests, and (in the same Maven run) the Worker's
    helpers with the real AWS SDK for Java v2 against the fake AWS."""
    import json

    home = java_home()
    if not shutil.which("mvn") or home is None:
        pytest.skip("mvn or a JDK 21+ is not installed")
    out = build(run_sbd, tmp_path, "java21")
    (out / "src" / "Worker" / "src" / "test" / "java" / "starter" / "FakeAwsTest.java").write_text(JAVA_FAKE_AWS_TEST)
    # One Maven run over the three projects (one JVM start instead of three).
    modules = "".join(f"<module>{fn}</module>" for fn in EXPECTED)
    (out / "src" / "pom.xml").write_text(
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
        '<groupId>starter</groupId><artifactId>all</artifactId><version>1</version><packaging>pom</packaging>'
        f'<modules>{modules}</modules></project>')
    # CBOR_ENABLED=false: the SDK's Kinesis client speaks CBOR, which moto does not.
    result, log = run(["mvn", "-q", "-B", "test"], out / "src", timeout=600,
                      env={"JAVA_HOME": home, "CBOR_ENABLED": "false", **fake_aws["env"]})
    assert result.returncode == 0, log[-5000:]
    for fn, count in EXPECTED.items():
        report = (out / "src" / fn / "target" / "surefire-reports" / "starter.HandlerTest.txt").read_text()
        assert f"Tests run: {count}, Failures: 0, Errors: 0, Skipped: 0" in report, report
    got = json.loads((out / "src" / "Worker" / "target" / "fake-aws.json").read_text())
    assert got["sequence"]
    check_effects(fake_aws, got)


def load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_python_helpers_work_against_moto(run_sbd, tmp_path, monkeypatch):
    """The boto3 calls of the generated helpers, checked by moto's AWS
    emulation (not only by the generated tests' fake clients)."""
    moto = pytest.importorskip("moto")
    boto3 = pytest.importorskip("boto3")
    out = build(run_sbd, tmp_path, "python3.13")
    folder = out / "src" / "Worker"
    monkeypatch.syspath_prepend(str(folder))
    for name in ("events", "resources"):
        sys.modules.pop(name, None)
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1"}.items():
        monkeypatch.setenv(key, value)
    resources = load_module("resources", folder / "resources.py")
    with moto.mock_aws():
        ddb = boto3.client("dynamodb")
        ddb.create_table(TableName="photos", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                         BillingMode="PAY_PER_REQUEST")
        boto3.client("s3").create_bucket(Bucket="archive")
        queue_url = boto3.client("sqs").create_queue(QueueName="outbox")["QueueUrl"]
        topic_arn = boto3.client("sns").create_topic(Name="notices")["TopicArn"]
        boto3.client("kinesis").create_stream(StreamName="events", ShardCount=1)
        boto3.client("events").create_event_bus(Name="app-bus")
        secret_arn = boto3.client("secretsmanager").create_secret(Name="db", SecretString="s3cr3t")["ARN"]
        boto3.client("ssm").put_parameter(Name="/starter-demo/config", Value="v1", Type="String")
        machine_arn = boto3.client("stepfunctions").create_state_machine(
            name="report", definition='{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}',
            roleArn="arn:aws:iam::123456789012:role/sfn")["stateMachineArn"]
        for key, value in {"PHOTOS_TABLE": "photos", "ARCHIVE_BUCKET": "archive", "OUTBOX_QUEUE_URL": queue_url,
                           "NOTICES_TOPIC_ARN": topic_arn, "EVENTS_STREAM": "events", "APP_BUS_EVENT_BUS": "app-bus",
                           "DB_PASSWORD_SECRET_ARN": secret_arn, "CONFIG_PARAMETER": "/starter-demo/config",
                           "REPORT_FLOW_STATE_MACHINE_ARN": machine_arn}.items():
            monkeypatch.setenv(key, value)
        resources._clients.clear()

        item = {"id": "1", "count": 2, "ratio": 0.5, "tags": ["a", True], "meta": {"note": None}}
        resources.put_photos_item(item)
        assert resources.get_photos_item({"id": "1"}) == item
        assert resources.get_photos_item({"id": "nope"}) is None

        resources.put_archive_object("a/b.json", {"x": 1}, "application/json")
        assert resources.get_archive_object("a/b.json") == b'{"x": 1}'

        message_id = resources.send_outbox_message({"id": "1"})
        received = boto3.client("sqs").receive_message(QueueUrl=queue_url)["Messages"]
        assert [(m["MessageId"], m["Body"]) for m in received] == [(message_id, '{"id": "1"}')]

        assert resources.publish_notices("hello", subject="Greeting")
        assert resources.put_events_record({"clicks": 1}, "user-1")
        resources.put_app_bus_event("OrderPlaced", {"orderId": "42"})
        assert resources.get_db_password_secret() == "s3cr3t"
        assert resources.get_config_parameter() == "v1"
        execution = resources.start_report_flow_execution({"id": "1"})
        assert boto3.client("stepfunctions").describe_execution(executionArn=execution)["input"] == '{"id": "1"}'


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fake_aws():
    """moto's server on 127.0.0.1 with the fixture's resources, and a local
    HTTP server standing for the API: the environment a function would get
    (credentials, AWS_ENDPOINT_URL, one variable per outgoing connection)."""
    import http.server
    import threading

    moto_server = pytest.importorskip("moto.server")
    boto3 = pytest.importorskip("boto3")
    seen = []

    class Api(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server API
            seen.append((self.command, self.path, self.rfile.read(int(self.headers["Content-Length"])).decode()))
            body = b'{"ok": true}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    api = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=api.serve_forever, daemon=True).start()
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        endpoint = f"http://127.0.0.1:{port}"
        # moto's state lives in the process: start from none.
        import urllib.request

        urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"), timeout=10)
        session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")

        def client(name):
            return session.client(name, endpoint_url=endpoint)

        client("dynamodb").create_table(
            TableName="photos", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
        client("s3").create_bucket(Bucket="archive")
        client("s3").create_bucket(Bucket="delivered")
        queue_url = client("sqs").create_queue(QueueName="outbox")["QueueUrl"]
        topic_arn = client("sns").create_topic(Name="notices")["TopicArn"]
        client("kinesis").create_stream(StreamName="events", ShardCount=1)
        client("firehose").create_delivery_stream(
            DeliveryStreamName="audit", ExtendedS3DestinationConfiguration={
                "RoleARN": "arn:aws:iam::123456789012:role/firehose", "BucketARN": "arn:aws:s3:::delivered"})
        client("events").create_event_bus(Name="app-bus")
        secret_arn = client("secretsmanager").create_secret(Name="db", SecretString="s3cr3t")["ARN"]
        client("ssm").put_parameter(Name="/starter-demo/config", Value="v1", Type="String")
        machine_arn = client("stepfunctions").create_state_machine(
            name="report", definition='{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}',
            roleArn="arn:aws:iam::123456789012:role/sfn")["stateMachineArn"]
        env = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
               "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint,
               "PHOTOS_TABLE": "photos", "ARCHIVE_BUCKET": "archive", "OUTBOX_QUEUE_URL": queue_url,
               "NOTICES_TOPIC_ARN": topic_arn, "EVENTS_STREAM": "events", "AUDIT_DELIVERY_STREAM": "audit",
               "APP_BUS_EVENT_BUS": "app-bus", "DB_PASSWORD_SECRET_ARN": secret_arn,
               "CONFIG_PARAMETER": "/starter-demo/config", "REPORT_FLOW_STATE_MACHINE_ARN": machine_arn,
               "PARTNER_API_URL": f"http://127.0.0.1:{api.server_address[1]}/prod/"}
        yield {"env": env, "client": client, "api_calls": seen}
    finally:
        server.stop()
        api.shutdown()


def check_effects(aws, got):
    """What the helpers left in the fake AWS, given what they returned."""
    client = aws["client"]
    assert got["item"] == {"id": "1", "count": 2, "ratio": 0.5, "tags": ["a", True], "meta": {"note": None}}
    assert got["missing"] is None
    assert got["object"] == '{"x":1}'
    received = client("sqs").receive_message(QueueUrl=aws["env"]["OUTBOX_QUEUE_URL"])["Messages"]
    assert [(m["MessageId"], m["Body"]) for m in received] == [(got["messageId"], '{"id":"1"}')]
    assert got["published"]
    assert (got["secret"], got["parameter"]) == ("s3cr3t", "v1")
    assert client("stepfunctions").describe_execution(executionArn=got["execution"])["input"] == '{"id":"1"}'
    assert got["api"] == {"ok": True}
    assert aws["api_calls"] == [("POST", "/prod/items", '{"id":"1"}')]


def test_javascript_helpers_work_against_moto(run_sbd, tmp_path, fake_aws):
    """The AWS SDK v3 operations of the generated JavaScript helpers (sent by
    name, so only a real SDK can check them) against moto's server on
    127.0.0.1, and the API helper against a local HTTP server. Not Kinesis:
    its SDK v3 client speaks HTTP/2, which moto's server does not; nor
    Lambda, whose invocation moto runs in Docker."""
    import json

    if not shutil.which("node"):
        pytest.skip("node is not installed")
    tools = node_tools()
    if tools is None or not (tools / "node_modules" / "@aws-sdk" / "client-dynamodb").exists():
        if tools is None or subprocess.run(
                ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(tools)]
                + [f"@aws-sdk/client-{c}@3" for c in ("dynamodb", "s3", "sqs", "sns", "kinesis", "firehose",
                                                       "eventbridge", "lambda", "sfn", "secrets-manager", "ssm")],
                capture_output=True, text=True, timeout=300).returncode != 0:
            pytest.skip("the AWS SDK for JavaScript could not be installed from npm")
    out = build(run_sbd, tmp_path, "nodejs22.x")
    folder = out / "src" / "Worker"
    (folder / "node_modules").symlink_to(tools / "node_modules", target_is_directory=True)
    (folder / "moto_check.mjs").write_text("""
import * as r from './resources.mjs';
const out = {};
await r.putPhotosItem({ id: '1', count: 2, ratio: 0.5, tags: ['a', true], meta: { note: null } });
out.item = await r.getPhotosItem({ id: '1' });
out.missing = await r.getPhotosItem({ id: 'nope' });
await r.putArchiveObject('a/b.json', { x: 1 }, 'application/json');
out.object = (await r.getArchiveObject('a/b.json')).toString();
out.messageId = await r.sendOutboxMessage({ id: '1' });
out.published = await r.publishNotices('hello', 'Greeting');
await r.putAuditRecord({ level: 'info' });
await r.putAppBusEvent('OrderPlaced', { orderId: '42' });
out.secret = await r.getDbPasswordSecret();
out.parameter = await r.getConfigParameter();
out.execution = await r.startReportFlowExecution({ id: '1' });
out.api = await r.callPartnerApi('POST', '/items', { id: '1' });
console.log(JSON.stringify(out));
""")
    result, log = run(["node", "moto_check.mjs"], folder, env=fake_aws["env"])
    assert result.returncode == 0, log
    check_effects(fake_aws, json.loads(result.stdout.strip().splitlines()[-1]))


def test_go_helpers_work_against_moto(run_sbd, tmp_path, fake_aws):
    """The same with the AWS SDK for Go v2 (Kinesis included; not Lambda)."""
    import json

    version = go_version()
    if version is None or version < (1, 24):
        pytest.skip("Go 1.24 or later is needed")
    out = build(run_sbd, tmp_path, "provided.al2023", "go")
    folder = out / "src" / "Worker"
    (folder / "moto_check_test.go").write_text("""package main

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestAgainstFakeAWS(t *testing.T) {
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	out := map[string]any{}
	must(PutPhotosItem(ctx, Item{"id": "1", "count": 2, "ratio": 0.5, "tags": []any{"a", true}, "meta": map[string]any{"note": nil}}))
	item, err := GetPhotosItem(ctx, Item{"id": "1"})
	must(err)
	out["item"] = item
	missing, err := GetPhotosItem(ctx, Item{"id": "nope"})
	must(err)
	out["missing"] = missing
	must(PutArchiveObject(ctx, "a/b.json", map[string]int{"x": 1}, "application/json"))
	object, err := GetArchiveObject(ctx, "a/b.json")
	must(err)
	out["object"] = string(object)
	out["messageId"], err = SendOutboxMessage(ctx, map[string]string{"id": "1"}, "")
	must(err)
	out["published"], err = PublishNotices(ctx, "hello", "Greeting")
	must(err)
	out["sequence"], err = PutEventsRecord(ctx, map[string]int{"clicks": 1}, "user-1")
	must(err)
	must(PutAuditRecord(ctx, map[string]string{"level": "info"}))
	must(PutAppBusEvent(ctx, "OrderPlaced", map[string]string{"orderId": "42"}))
	out["secret"], err = GetDbPasswordSecret(ctx)
	must(err)
	out["parameter"], err = GetConfigParameter(ctx)
	must(err)
	out["execution"], err = StartReportFlowExecution(ctx, map[string]string{"id": "1"})
	must(err)
	out["api"], err = CallPartnerApi(ctx, "POST", "/items", map[string]string{"id": "1"})
	must(err)
	data, err := json.Marshal(out)
	must(err)
	fmt.Println("RESULT " + string(data))
}
""")
    result, log = run(["go", "test", "-count=1", "-run", "TestAgainstFakeAWS", "-v", "."], folder,
                      env={**fake_aws["env"], "SBD_FAKE_AWS": "1"})
    assert result.returncode == 0, log
    got = json.loads(re.search(r"^RESULT (.*)$", log, re.M).group(1))
    assert got["sequence"]
    check_effects(fake_aws, got)


KEYWORD_MODEL = """
sbd: 1
app: keywords
nodes:
  Class: {kind: fn}
  Import: {kind: fn}
  New: {kind: table}
  Package: {kind: queue}
  Func: {kind: topic}
  Interface: {kind: queue}
  Default: {kind: bucket}
  default: {kind: bucket}
edges:
  - Package -> Class
  - Import -> Class
  - Class -> New: read/write
  - Class -> Interface
  - Class -> Func
  - Class -> Default: write
  - Class -> default: write
"""


@pytest.mark.parametrize("runtime,language,command", [
    ("python3.13", None, [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]),
    ("nodejs22.x", None, ["node", "--test"]),
    ("provided.al2023", "go", ["go", "test", "-count=1", "."]),
])
def test_ids_that_are_keywords_give_valid_code(run_sbd, tmp_path, runtime, language, command):
    """Ids such as Class, Import, Package, Func, default (and Default beside
    it) are keywords or clash in some language: the code still compiles and
    its tests pass."""
    if not shutil.which(command[0]) or (language == "go" and (go_version() or (0, 0)) < (1, 24)):
        pytest.skip(f"{command[0]} is not available")
    model = yaml.safe_load(KEYWORD_MODEL)
    model["runtime"] = runtime
    if language:
        for node in model["nodes"].values():
            if node["kind"] == "fn":
                node["language"] = language
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(model, sort_keys=False))
    result = run_sbd("build", path, "--engine", "sam", "-o", tmp_path / "app")
    assert result.returncode == 0, result.stderr
    for fn in ("Class", "Import"):
        result, log = run(command, tmp_path / "app" / "src" / fn)
        assert result.returncode == 0, log


# --- Each function carries only what it uses ---------------------------------

PARTIAL = ROOT / "tests" / "fixtures" / "starter" / "partial_sources.yaml"

# Tests each function's suite holds (its sources + the helpers of its edges).
PARTIAL_EXPECTED = {"Thumbs": 3, "Mailer": 3, "Front": 3, "Changes": 5, "Fanout": 4, "Transform": 5,
                    "Sensor": 2, "Lonely": 1}

# What a name is declared by, per language (module level, one per line).
DECLARATIONS = {
    ".py": [r"^def (\w+)", r"^class (\w+)", r"^(\w+)(?:: [^=]+)? = ", r"^import (\w+)",
            r"^from \S+ import (\w+)", r"^from \S+ import (\w+), (\w+)", r"^    (\w+),$"],
    ".mjs": [r"^(?:export )?(?:async )?function (\w+)", r"^(?:export )?(?:const|let) (\w+)", r"^class (\w+)",
             r"^import \* as (\w+)", r"^  (\w+),$"],
    ".ts": [r"^(?:export )?(?:async )?function (\w+)", r"^(?:export )?(?:const|let) (\w+)",
            r"^(?:export )?(?:class|interface|type) (\w+)", r"^import (?:type )?\* as (\w+)", r"^  (\w+),$"],
    ".go": [r"^func (\w+)", r"^type (\w+)", r"^var (\w+)", r"^\t(\w+)\s+= "],
}


def unused_names(folder: Path, suffix: str) -> list[str]:
    """Module-level names (functions, classes, constants, imports) declared in
    the folder's files but never used anywhere in the folder: dead code. Test
    functions are used by their runner."""
    files = {p: p.read_text() for p in folder.rglob(f"*{suffix}") if "node_modules" not in p.parts}
    everything = "\n".join(files.values())
    dead = []
    for path, text in files.items():
        for pattern in DECLARATIONS[suffix]:
            for match in re.finditer(pattern, text, re.M):
                for name in match.groups():
                    if re.match(r"(?i)^test|^main$|^handler$|^init$", name) or name in ("__name__",):
                        continue
                    if len(re.findall(rf"(?<![\w$]){re.escape(name)}(?![\w$])", everything)) < 2:
                        dead.append(f"{path.name}: {name}")
    return dead


def build_partial(run_sbd, tmp_path: Path, runtime: str, language: str | None = None) -> Path:
    return build(run_sbd, tmp_path, runtime, language, model_file=PARTIAL, expected=PARTIAL_EXPECTED)


# Parsers of each event source in events.py, by the source's sample event.
PYTHON_PARSERS = {"s3": "s3_objects", "sqs": "queue_messages", "sns": "notifications", "dynamodb": "table_changes",
                  "kinesis": "stream_records", "firehose": "firehose_response", "api": "api_request",
                  "http_api": "http_api_request", "schedule": "schedule_tick", "eventbridge": "bus_event"}


def test_python_functions_carry_only_their_own_parsers_and_helpers(run_sbd, tmp_path):
    out = build_partial(run_sbd, tmp_path, "python3.13")
    for fn, count in PARTIAL_EXPECTED.items():
        folder = out / "src" / fn
        samples = {p.stem for p in (folder / "events").iterdir()}
        events_py = (folder / "events.py").read_text()
        for source, parser in PYTHON_PARSERS.items():
            assert (f"def {parser}(" in events_py) == (source in samples), (fn, parser)
        assert unused_names(folder, ".py") == [], fn
        result, log = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], folder)
        assert result.returncode == 0, log
        assert re.search(rf"\b{count} passed\b", log), log
    # No outgoing connection: no helpers module at all.
    assert not (out / "src" / "Lonely" / "resources.py").exists()
    assert "def source_of(" in (out / "src" / "Lonely" / "events.py").read_text()
    # Far less than the 11.6 KB every function used to carry.
    assert len((out / "src" / "Sensor" / "events.py").read_text()) < 1500


def test_javascript_functions_carry_only_their_own_parsers_and_helpers(run_sbd, tmp_path):
    if not shutil.which("node"):
        pytest.skip("node is not installed")
    out = build_partial(run_sbd, tmp_path, "nodejs22.x")
    for fn, count in PARTIAL_EXPECTED.items():
        folder = out / "src" / fn
        assert unused_names(folder, ".mjs") == [], fn
        result, log = run(["node", "--test"], folder)
        assert result.returncode == 0, log
        assert f"# pass {count}" in log and "# fail 0" in log, log
    assert not (out / "src" / "Lonely" / "resources.mjs").exists()
    assert "s3Objects" not in (out / "src" / "Mailer" / "events.mjs").read_text()


def test_typescript_functions_carry_only_what_they_use(run_sbd, tmp_path):
    """tsc --noUnusedLocals finds no unused import or local name, and no
    exported name goes unused either."""
    if not shutil.which("node"):
        pytest.skip("node is not installed")
    tools = node_tools()
    if tools is None:
        pytest.skip("typescript and esbuild could not be installed from npm")
    out = build_partial(run_sbd, tmp_path, "nodejs22.x", "typescript")
    bin_dir = tools / "node_modules" / ".bin"
    for fn, count in PARTIAL_EXPECTED.items():
        folder = out / "src" / fn
        assert unused_names(folder, ".ts") == [], fn
        (folder / "node_modules").symlink_to(tools / "node_modules", target_is_directory=True)
        result, log = run([str(bin_dir / "tsc"), "--noEmit", "--noUnusedLocals", "-p", "."], folder)
        assert result.returncode == 0, log
        result, log = run([str(bin_dir / "esbuild"), "app.test.ts", "--bundle", "--platform=node", "--format=esm",
                           "--outfile=app.test.bundle.mjs", "--external:@aws-sdk/*", "--log-level=warning"], folder)
        assert result.returncode == 0, log
        result, log = run(["node", "--test", "app.test.bundle.mjs"], folder)
        assert result.returncode == 0, log
        assert f"# pass {count}" in log and "# fail 0" in log, log
    assert not (out / "src" / "Lonely" / "resources.ts").exists()


def test_go_functions_carry_only_what_they_use(run_sbd, tmp_path):
    version = go_version()
    if version is None or version < (1, 24):
        pytest.skip("Go 1.24 or later is needed")
    out = build_partial(run_sbd, tmp_path, "provided.al2023", "go")
    for fn, count in PARTIAL_EXPECTED.items():
        folder = out / "src" / fn
        assert unused_names(folder, ".go") == [], fn
        result, log = run(["go", "vet", "."], folder)
        assert result.returncode == 0, log
        result, log = run(["go", "test", "-count=1", "-v", "."], folder)
        assert result.returncode == 0, log
        assert len(re.findall(r"^--- PASS", log, re.M)) == count, log
        if shutil.which("gofmt"):
            result, log = run(["gofmt", "-l", "."], folder)
            assert log.strip() == "", f"not gofmt-formatted: {log}"
    assert not (out / "src" / "Lonely" / "resources.go").exists()


def test_java_functions_carry_only_what_they_use(run_sbd, tmp_path):
    home = java_home()
    if not shutil.which("mvn") or home is None:
        pytest.skip("mvn or a JDK 21+ is not installed")
    out = build_partial(run_sbd, tmp_path, "java21")
    for fn in PARTIAL_EXPECTED:
        events = (out / "src" / fn / "src" / "main" / "java" / "starter" / "Events.java").read_text()
        samples = {p.stem for p in (out / "src" / fn / "events").iterdir()}
        for source, parser in {"s3": "s3Objects(", "sqs": "queueMessages(", "sns": "notifications(",
                               "dynamodb": "tableChanges(", "kinesis": "streamRecords(",
                               "firehose": "firehoseResponse(", "api": "apiRequest(",
                               "http_api": "httpApiRequest(", "schedule": "scheduleTick(",
                               "eventbridge": "busEvent("}.items():
            assert (parser in events) == (source in samples), (fn, parser)
    assert not (out / "src" / "Lonely" / "src" / "main" / "java" / "starter" / "Resources.java").exists()
    modules = "".join(f"<module>{fn}</module>" for fn in PARTIAL_EXPECTED)
    (out / "src" / "pom.xml").write_text(
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
        '<groupId>starter</groupId><artifactId>all</artifactId><version>1</version><packaging>pom</packaging>'
        f'<modules>{modules}</modules></project>')
    result, log = run(["mvn", "-q", "-B", "test"], out / "src", timeout=600, env={"JAVA_HOME": home})
    assert result.returncode == 0, log[-5000:]
    for fn, count in PARTIAL_EXPECTED.items():
        report = (out / "src" / fn / "target" / "surefire-reports" / "starter.HandlerTest.txt").read_text()
        assert f"Tests run: {count}, Failures: 0, Errors: 0, Skipped: 0" in report, report
