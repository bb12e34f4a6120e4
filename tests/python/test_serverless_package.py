"""The Serverless Framework engine checked by the real tools: for every
browser-tool example and the every-connection model (Python and Node.js),
`serverless package` (v3, from tests/node, offline with fake credentials)
exits 0 under configValidationMode: error, and cfn-lint finds no error in the
CloudFormation template it writes to .serverless/. The packaged functions are
then imported the way Lambda imports them."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sam_support import CORPUS, FIXTURES, cfn_lint, with_settings
from serverless_support import ROOT, FRAMEWORK_WARNINGS, build, package, require_serverless

EXAMPLES = sorted((CORPUS / "sbd-examples").glob("*.json"))


@pytest.fixture(scope="module")
def serverless() -> Path:
    return require_serverless()


@pytest.fixture(scope="module")
def projects(tmp_path_factory, run_sbd, serverless) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    root = tmp_path_factory.mktemp("serverless")
    dirs: dict[str, Path] = {}
    for ex in EXAMPLES:
        dirs[f"example:{ex.stem}"] = build(run_sbd, ex, root / f"ex-{ex.stem}")
    dirs["every-connection:python3.13"] = build(run_sbd, FIXTURES / "every-connection.yaml", root / "every-py")
    node_model = with_settings(FIXTURES / "every-connection.yaml", root / "every-node.yaml",
                               runtime="nodejs22.x", run_sbd=run_sbd)
    dirs["every-connection:nodejs22.x"] = build(run_sbd, node_model, root / "every-node")
    dirs["apis"] = build(run_sbd, ROOT / "tests" / "fixtures" / "serverless" / "apis.yaml", root / "apis")
    # Several at once: each run spends most of its time waiting.
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = dict(zip(dirs, pool.map(package, dirs.values())))
    return {name: (dirs[name], results[name]) for name in dirs}


NAMES = [f"example:{e.stem}" for e in EXAMPLES] + ["every-connection:python3.13", "every-connection:nodejs22.x", "apis"]


def test_every_example_is_packaged():
    assert {e.stem for e in EXAMPLES} == {"basic-api", "firehose", "full-app", "iot", "s3-processing", "stream-test"}


@pytest.mark.parametrize("name", NAMES)
def test_serverless_package_succeeds(projects, name):
    project, result = projects[name]
    assert result.returncode == 0, f"{name}: serverless package in {project}:\n{result.stdout}\n{result.stderr}"
    assert (project / ".serverless" / "cloudformation-template-update-stack.json").exists()
    # Nothing the framework would warn a user about.
    output = result.stdout + result.stderr
    assert "deprecat" not in output.lower() and "warning" not in output.lower(), output


@pytest.fixture(scope="module")
def findings(projects):
    templates = [p / ".serverless" / "cloudformation-template-update-stack.json" for p, r in projects.values()
                 if r.returncode == 0]
    return cfn_lint(templates)


@pytest.mark.parametrize("name", NAMES)
def test_cfn_lint_reports_no_error(projects, findings, name):
    project, result = projects[name]
    assert result.returncode == 0, "not packaged"
    found = findings[str(project / ".serverless" / "cloudformation-template-update-stack.json")]
    problems = [f'{m["Level"]} {m["Rule"]["Id"]} {m["Message"]} (line {m["Location"]["Start"]["LineNumber"]})'
                for m in found if m["Level"] == "Error"
                or (m["Level"] == "Warning" and m["Rule"]["Id"] not in FRAMEWORK_WARNINGS)]
    assert problems == [], f"{name}: {project}"


def compiled(project: Path) -> dict:
    return json.loads((project / ".serverless" / "cloudformation-template-update-stack.json").read_text())


def test_every_node_has_its_resources_in_the_compiled_template(projects):
    project, result = projects["every-connection:python3.13"]
    assert result.returncode == 0
    res = compiled(project)["Resources"]
    types = {r["Type"] for r in res.values()}
    for t in ["AWS::Lambda::Function", "AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::SNS::Topic",
              "AWS::Kinesis::Stream", "AWS::KinesisFirehose::DeliveryStream", "AWS::KinesisAnalyticsV2::Application",
              "AWS::Cognito::IdentityPool", "AWS::Cognito::UserPool", "AWS::Events::EventBus",
              "AWS::StepFunctions::StateMachine", "AWS::CloudWatch::Alarm", "AWS::SecretsManager::Secret",
              "AWS::SSM::Parameter", "AWS::IoT::TopicRule", "AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api",
              "AWS::Lambda::EventSourceMapping", "AWS::SNS::Subscription", "AWS::Events::Rule"]:
        assert t in types, t
    # The framework's native events became its own resources.
    assert "ApiGatewayRestApi" in res and "HttpApi" in res
    assert res["WorkerEventSourceMappingSQSJobs"]["Properties"]["BatchSize"] == 5
    assert res["S3BucketUploads"]["Properties"]["NotificationConfiguration"]["LambdaConfigurations"]
    # Runtimes that v3's schema does not list reach the function all the same.
    assert {r["Properties"]["Runtime"] for r in res.values() if r["Type"] == "AWS::Lambda::Function"} == {"python3.13"}
    # No function uses the framework's shared role: each has its own.
    assert "IamRoleLambdaExecution" not in res
    roles = {r["Properties"]["Role"]["Fn::GetAtt"][0] for r in res.values() if r["Type"] == "AWS::Lambda::Function"}
    assert len(roles) == sum(1 for r in res.values() if r["Type"] == "AWS::Lambda::Function")


def test_function_roles_name_their_resources(projects):
    project, result = projects["every-connection:python3.13"]
    assert result.returncode == 0
    res = compiled(project)["Resources"]
    for logical_id, r in res.items():
        if r["Type"] != "AWS::IAM::Role" or "lambda.amazonaws.com" not in json.dumps(r["Properties"]["AssumeRolePolicyDocument"]):
            continue
        for policy in r["Properties"].get("Policies", []):
            for st in policy["PolicyDocument"]["Statement"]:
                actions = st["Action"] if isinstance(st["Action"], list) else [st["Action"]]
                assert all(a != "*" and not a.endswith(":*") for a in actions), (logical_id, st)
                resources = st["Resource"] if isinstance(st["Resource"], list) else [st["Resource"]]
                assert "*" not in resources, (logical_id, st)


def test_apis_beyond_the_first_of_each_type_are_cloudformation_apis(projects):
    project, result = projects["apis"]
    assert result.returncode == 0
    res = compiled(project)["Resources"]
    # The framework serves AdminApi and EventsHttp (first in id order).
    assert res["ApiGatewayRestApi"]["Type"] == "AWS::ApiGateway::RestApi"
    assert any(k.startswith("ApiGatewayMethodUsers") for k in res)
    assert res["HttpApi"]["Type"] == "AWS::ApiGatewayV2::Api"
    # ShopApi and StatusHttp come from OpenAPI bodies, with their auth and stages.
    shop = res["ShopApi"]["Properties"]["Body"]
    assert shop["paths"]["/{proxy+}"]["x-amazon-apigateway-any-method"]["security"] == [{"sigv4": []}]
    assert res["ShopApiStage"]["Properties"]["StageName"] == "v2"
    status = res["StatusHttp"]["Properties"]["Body"]
    assert status["components"]["securitySchemes"]["StaffAuthorizer"]["x-amazon-apigateway-authorizer"]["type"] == "jwt"
    assert res["StatusHttpStage"]["Properties"]["StageName"] == "live"
    assert res["ShopApiShopPermission"]["Type"] == "AWS::Lambda::Permission"
    env = res["ClientLambdaFunction"]["Properties"]["Environment"]["Variables"]
    assert env["SHOP_API_URL"] == {"Fn::Sub": "https://${ShopApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/v2/"}


def lambda_import(unzipped: Path, handler: str, runtime: str) -> subprocess.CompletedProcess:
    """Imports a packaged handler the way the Lambda runtime does."""
    module, _, function = handler.rpartition(".")
    if runtime.startswith("python"):
        code = ("import importlib, sys; sys.path[:0] = [sys.argv[1]]; "
                f"m = importlib.import_module({module.replace('/', '.')!r}); assert callable(m.{function})")
        return subprocess.run([sys.executable, "-c", code, str(unzipped)], capture_output=True, text=True,
                              timeout=60, env={**os.environ, "AWS_REGION": "us-east-1"})
    path = unzipped / (module + ".mjs")
    code = (f"const m = await import({json.dumps(path.as_uri())}); "
            f"if (typeof m.{function} !== 'function') throw new Error('no handler');")
    return subprocess.run(["node", "--input-type=module", "-e", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "AWS_REGION": "us-east-1"})


@pytest.mark.parametrize("name", ["every-connection:python3.13", "every-connection:nodejs22.x"])
def test_packaged_functions_load_as_lambda_loads_them(projects, name, tmp_path):
    project, result = projects[name]
    assert result.returncode == 0
    res = compiled(project)["Resources"]
    fns = {k: r["Properties"] for k, r in res.items() if r["Type"] == "AWS::Lambda::Function"}
    assert len(fns) == 15
    for logical_id, props in sorted(fns.items()):
        fn = logical_id[: -len("LambdaFunction")]
        dest = tmp_path / fn
        with zipfile.ZipFile(project / ".serverless" / f"{fn}.zip") as z:
            names = z.namelist()
            z.extractall(dest)
        # Each package holds its own function's code only, without its tests.
        assert all(n.startswith(f"src/{fn}/") for n in names), names
        assert not any("test" in Path(n).name for n in names), names
        r = lambda_import(dest, props["Handler"], props["Runtime"])
        assert r.returncode == 0, f"{fn} ({props['Handler']}): {r.stderr}"


def test_an_invalid_configuration_fails_to_package(projects, tmp_path):
    # The check above can fail: configValidationMode: error refuses an
    # unknown function setting.
    project, _ = projects["example:basic-api"]
    broken = tmp_path / "broken"
    shutil.copytree(project, broken, ignore=shutil.ignore_patterns(".serverless"))
    text = (broken / "serverless.yml").read_text()
    text = text.replace("    memorySize:", "    memorySizeTypo: 1\n    memorySize:", 1)
    assert "memorySizeTypo" in text
    (broken / "serverless.yml").write_text(text)
    r = package(broken)
    assert r.returncode != 0
    assert "memorySizeTypo" in r.stdout + r.stderr


def test_compiled_languages_package_once_built(tmp_path, run_sbd, serverless):
    # TypeScript, Java and Go functions are packaged from their build output
    # (the README gives the commands). With that output in place (stand-ins
    # here: the toolchains are not part of the test tools), the framework
    # accepts the runtimes, handlers and artifacts, and cfn-lint the template.
    import yaml

    doc = yaml.safe_load((FIXTURES / "core.yaml").read_text())
    doc["nodes"]["ListPhotos"]["runtime"] = "java21"
    doc["nodes"]["Resize"]["runtime"] = "provided.al2023"
    doc["nodes"]["Worker"].update({"runtime": "nodejs22.x", "language": "typescript"})
    model = tmp_path / "mixed.yaml"
    model.write_text(yaml.safe_dump(doc, sort_keys=False))
    project = build(run_sbd, model, tmp_path / "mixed")
    config = yaml.safe_load((project / "serverless.yml").read_text().replace("!", ""))
    fns = config["functions"]
    assert fns["ListPhotos"]["package"] == {"artifact": "src/ListPhotos/target/function.zip"}
    assert fns["Resize"]["package"] == {"artifact": "src/Resize/function.zip"}
    assert fns["Worker"]["handler"] == "src/Worker/dist/app.handler"
    for artifact in ("src/ListPhotos/target/function.zip", "src/Resize/function.zip"):
        (project / artifact).parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(project / artifact, "w") as z:
            z.writestr("placeholder", "built code goes here")
    (project / "src/Worker/dist").mkdir()
    (project / "src/Worker/dist/app.mjs").write_text("export const handler = async () => ({});\n")
    r = package(project)
    assert r.returncode == 0, r.stdout + r.stderr
    template = project / ".serverless" / "cloudformation-template-update-stack.json"
    res = compiled(project)["Resources"]
    assert res["ListPhotosLambdaFunction"]["Properties"]["Runtime"] == "java21"
    assert res["ResizeLambdaFunction"]["Properties"]["Runtime"] == "provided.al2023"
    assert res["ResizeLambdaFunction"]["Properties"]["Handler"] == "bootstrap"
    assert res["WorkerLambdaFunction"]["Properties"]["Runtime"] == "nodejs22.x"
    found = cfn_lint([template])[str(template)]
    assert [m for m in found if m["Level"] == "Error"] == []


@pytest.mark.parametrize("name,fn", [("every-connection:python3.13", "ItemsFn"), ("every-connection:python3.13", "Worker"),
                                     ("every-connection:nodejs22.x", "ItemsFn"), ("apis", "Client")])
def test_starter_unit_tests_pass_in_the_service(projects, name, fn):
    # The function's own tests run where the framework packages it from.
    project, _ = projects[name]
    folder = project / "src" / fn
    if (folder / "test_app.py").exists():
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    else:
        cmd = ["node", "--test"]
    r = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, timeout=300,
                       env={**os.environ, "AWS_REGION": "us-east-1"})
    assert r.returncode == 0, r.stdout + r.stderr
