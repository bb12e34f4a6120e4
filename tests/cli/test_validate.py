"""sbd validate, as a user runs it: text, JSON (CLI.md) and SARIF output,
exit statuses, --disable, x-sbd-disable, --list-rules, and docs/rules.md kept
equal to the registry."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "tests" / "fixtures" / "rules"
TODAY = "2026-11-27"  # the date the runtime fixtures are written for


def validate(sbd, *args):
    return sbd("validate", *map(str, args), "--today", TODAY)


def test_clean_model_exits_0_and_prints_nothing(sbd):
    r = validate(sbd, RULES / "clean" / "photo-share.yaml")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == ""
    assert "0 errors, 0 warnings, 0 infos" in r.stderr


def test_text_format_one_line_per_finding(sbd):
    model = RULES / "SBD0301.bad.yaml"
    r = validate(sbd, model)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines == [
        f"{model}:5:3: error SBD0301 queue Jobs has a visibility timeout of 30 s, shorter than the 60 s "
        "timeout of function Resize that it triggers [Jobs, Resize]"
    ]
    assert "1 error, 0 warnings, 0 infos" in r.stderr


def test_warnings_alone_exit_0(sbd):
    r = validate(sbd, RULES / "SBD0104.bad.yaml")
    assert r.returncode == 0
    assert re.search(r":\d+:\d+: warning SBD0104 .* \[Orphan\]$", r.stdout.strip())


def test_json_has_the_shape_of_cli_md(sbd):
    r = validate(sbd, RULES / "SBD0401.bad.yaml", "--format", "json")
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert set(doc) == {"diagnostics", "errors", "warnings", "infos"}
    assert doc["errors"] == sum(d["severity"] == "error" for d in doc["diagnostics"])
    assert doc["warnings"] == sum(d["severity"] == "warning" for d in doc["diagnostics"])
    assert doc["infos"] == sum(d["severity"] == "info" for d in doc["diagnostics"])
    loops = [d for d in doc["diagnostics"] if d["code"] == "SBD0401"]
    assert [d["nodes"] for d in loops] == [["Uploads", "Resize"], ["Ping", "Pong"], ["Recurse"], ["Echo"]]
    for d in doc["diagnostics"]:
        assert {"code", "severity", "message", "nodes"} <= set(d)
        assert set(d) <= {"code", "severity", "message", "nodes", "line", "column", "hint"}
        assert d["severity"] in ("error", "warning", "info")
        assert isinstance(d["line"], int) and d["line"] > 0
    # Same model, same bytes.
    assert validate(sbd, RULES / "SBD0401.bad.yaml", "--format", "json").stdout == r.stdout


def test_sarif_2_1_0(sbd):
    model = RULES / "SBD0503.bad.yaml"
    r = validate(sbd, model, "--format", "sarif")
    assert r.returncode == 0  # an info only
    log = json.loads(r.stdout)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "sbd"
    ids = [rule["id"] for rule in driver["rules"]]
    assert "SBD0503" in ids and "SBD0000" in ids and len(ids) == len(set(ids))
    (result,) = run["results"]
    assert result["ruleId"] == "SBD0503"
    assert driver["rules"][result["ruleIndex"]]["id"] == "SBD0503"
    assert result["level"] == "note"
    assert result["message"]["text"].startswith("function Indexer reads the stream of Orders")
    loc = result["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "file://" + str(model)  # absolute: a file URI
    assert loc["physicalLocation"]["region"]["startLine"] > 0
    assert [l["name"] for l in loc["logicalLocations"]] == ["Indexer", "Orders"]
    for rule in driver["rules"]:
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    # A relative path stays a relative URI (code-scanning tools resolve it against the repository).
    rel = sbd("validate", "tests/fixtures/rules/SBD0503.bad.yaml", "--format", "sarif", "--today", TODAY, cwd=ROOT)
    uri = json.loads(rel.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "tests/fixtures/rules/SBD0503.bad.yaml"


def test_disable_on_the_command_line(sbd):
    model = RULES / "SBD0301.bad.yaml"
    r = validate(sbd, model, "--disable", "SBD0301")
    assert r.returncode == 0
    assert "SBD0301" not in r.stdout
    r = validate(sbd, model, "--disable", "queue-visibility-timeout,SBD0302")
    assert r.returncode == 0
    r = validate(sbd, model, "--disable", "SBD9999")
    assert r.returncode == 2
    assert "SBD9999" in r.stderr


def test_disable_in_the_model(sbd, tmp_path):
    model = tmp_path / "app.yaml"
    text = (RULES / "SBD0301.bad.yaml").read_text()
    model.write_text(text.replace("app: visibility\n", "app: visibility\nx-sbd-disable: [SBD0301]\n"))
    r = validate(sbd, model)
    assert r.returncode == 0, r.stdout
    model.write_text(text.replace("app: visibility\n", "app: visibility\nx-sbd-disable: [SBD0310]\n"))
    r = validate(sbd, model)
    assert r.returncode == 1
    assert "warning SBD0001 x-sbd-disable names 'SBD0310', which is not a rule" in r.stdout


def test_unreadable_model_exits_2(sbd, tmp_path):
    r = validate(sbd, tmp_path / "missing.yaml")
    assert r.returncode == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("sbd: 1\napp: x\nnodes:\n  A: {kind: nosuchkind}\n")
    r = validate(sbd, bad)
    assert r.returncode == 2
    assert str(bad) in r.stderr
    assert r.stdout == ""
    r = sbd("validate", RULES / "SBD0301.bad.yaml", "--format", "xml")
    assert r.returncode == 2
    assert sbd("validate").returncode == 2  # no model
    r = sbd("validate", RULES / "SBD0301.bad.yaml", "--today", "2026-02-30")
    assert r.returncode == 2 and "2026-02-30" in r.stderr
    assert sbd("validate", RULES / "SBD0301.bad.yaml", "--format", "markdown").returncode == 2


def test_browser_examples(sbd, corpus):
    expected = {
        "basic-api.json": (0, {"SBD0603"}),
        "firehose.json": (0, set()),
        "full-app.json": (0, {"SBD0501", "SBD0503"}),
        "iot.json": (0, {"SBD0501"}),
        "s3-processing.json": (0, {"SBD0501"}),
        "stream-test.json": (0, {"SBD0603"}),
    }
    for name, (status, codes) in expected.items():
        r = validate(sbd, corpus / "sbd-examples" / name, "--format", "json")
        assert r.returncode == status, name
        assert {d["code"] for d in json.loads(r.stdout)["diagnostics"]} == codes, name


def test_list_rules(sbd):
    text = sbd("validate", "--list-rules")
    assert text.returncode == 0
    assert re.search(r"^SBD0301  error   queue-visibility-timeout: ", text.stdout, re.M)
    rules = json.loads(sbd("validate", "--list-rules", "--format", "json").stdout)
    codes = [r["code"] for r in rules]
    assert codes == sorted(codes) and len(codes) == len(set(codes))
    for r in rules:
        assert (ROOT / r["doc"]).is_file(), r["code"]
        assert (RULES / f"{r['code']}.bad.yaml").is_file()
        assert (RULES / f"{r['code']}.good.yaml").is_file()


def test_docs_rules_md_is_generated_from_the_registry(sbd):
    table = sbd("validate", "--list-rules", "--format", "markdown").stdout
    doc = (ROOT / "docs" / "rules.md").read_text()
    current = doc.split("<!-- rules:begin -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert current == table, (
        "docs/rules.md is stale: replace the table between the rules markers with "
        "the output of `sbd validate --list-rules --format markdown`"
    )


def test_every_bad_fixture_fails_or_warns_and_every_good_one_passes(sbd):
    for bad in sorted(RULES.glob("SBD*.bad.yaml")):
        code = bad.name.split(".")[0]
        doc = json.loads(validate(sbd, bad, "--format", "json").stdout)
        assert code in {d["code"] for d in doc["diagnostics"]}, bad.name
        good = bad.with_name(f"{code}.good.yaml")
        r = validate(sbd, good, "--format", "json")
        assert r.returncode == 0, good.name
        doc = json.loads(r.stdout)
        assert doc["errors"] == 0 and doc["warnings"] == 0, good.name
