"""sbd catalog, import and export, as a user runs them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml


def test_version_and_help(sbd):
    r = sbd("--version")
    assert r.returncode == 0
    assert r.stdout.startswith("sbd 0.")
    for cmd in ("catalog", "import", "export"):
        h = sbd(cmd, "--help")
        assert h.returncode == 0, cmd
        assert "Usage" in h.stdout or "OPTIONS" in h.stdout


def test_catalog_text_and_json(sbd):
    text = sbd("catalog")
    assert text.returncode == 0
    assert "fn  Lambda function" in text.stdout
    assert "queue -> fn: trigger  (poll)" in text.stdout
    data = json.loads(sbd("catalog", "--format", "json").stdout)
    keys = [k["key"] for k in data["kinds"]]
    assert {"api", "fn", "bucket", "table", "queue", "topic", "stepFn", "eventBus"} <= set(keys)
    fn = next(k for k in data["kinds"] if k["key"] == "fn")
    assert {p["name"] for p in fn["properties"]} >= {"memory", "timeout", "runtime"}
    conn = next(c for c in data["connections"] if c["from"] == "fn" and c["to"] == "table")
    assert conn["actions"] == ["read/write", "read", "write"]
    assert conn["invocation"] is None
    assert next(c for c in data["connections"] if c["from"] == "queue" and c["to"] == "fn")["invocation"] == "poll"


def test_import_export_round_trip_of_every_example(sbd, corpus, tmp_path):
    for export in sorted((corpus / "sbd-examples").glob("*.json")):
        model = tmp_path / (export.stem + ".yaml")
        r = sbd("import", export, "-o", model)
        assert r.returncode == 0, r.stderr
        doc = yaml.safe_load(model.read_text())  # a YAML 1.1 reader agrees
        assert doc["sbd"] == 1
        original = json.loads(export.read_text())
        assert set(doc["nodes"]) == {n["id"] for n in original["nodes"]}
        for n in original["nodes"]:
            node = doc["nodes"][n["id"]]
            assert node["kind"] == n["model"]["type"]
            assert node["position"] == {"x": n["x"], "y": n["y"]}
        # JSON and back gives the same bytes
        as_json = tmp_path / (export.stem + ".model.json")
        assert sbd("export", model, "--format", "json", "-o", as_json).returncode == 0
        back = tmp_path / (export.stem + ".back.yaml")
        assert sbd("export", as_json, "--format", "yaml", "-o", back).returncode == 0
        assert back.read_text() == model.read_text()
        # the browser format: the tool's fields, and it imports again
        browser = tmp_path / (export.stem + ".sbd.json")
        assert sbd("export", model, "--format", "sbd-json", "-o", browser).returncode == 0
        out = json.loads(browser.read_text())
        for n, m in zip(original["nodes"], out["nodes"]):
            assert m["id"] == n["id"]
            assert m["model"]["type"] == n["model"]["type"]
            assert m["model"]["description"] == n["model"]["description"]
            assert (m["x"], m["y"]) == (n["x"], n["y"])
            assert m["group"] == n["group"]
            assert m["label"] == n["label"]
        assert [(e["from"], e["to"], e["label"]) for e in out["edges"]] == [
            (e["from"], e["to"], e["label"]) for e in original["edges"]
        ]


def test_import_to_stdout_is_the_default(sbd, corpus):
    r = sbd("import", corpus / "sbd-examples" / "basic-api.json")
    assert r.returncode == 0
    assert "MyApi -> MyBackEnd: integration" in r.stdout


def test_import_reports_renamed_ids(sbd, tmp_path):
    src = tmp_path / "export.json"
    src.write_text(json.dumps({"nodes": [
        {"id": "my-fn", "x": 0, "y": 0, "model": {"type": "fn", "description": ""}},
        {"id": "data", "x": 1, "y": 1, "model": {"type": "table", "description": ""}},
    ], "edges": [{"from": "my-fn", "to": "data", "label": "read"}]}))
    r = sbd("import", src, "-o", tmp_path / "m.yaml")
    assert r.returncode == 0
    assert "renamed node 'my-fn' to 'myFn'" in r.stderr
    assert "myFn -> data: read" in (tmp_path / "m.yaml").read_text()


@pytest.mark.parametrize(
    "text,where,what",
    [
        ("sbd: 1\napp: x\nnodes:\n  A: {kind: fn, memory: big}\n", ":4:25:", "must be an integer"),
        ("sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\nedges:\n  - A -> Ghost\n", ":6:5:", "unknown node 'Ghost'"),
        ("sbd: 1\napp: x\nnodes: {A: {kind: fn}\n", ":4:1:", "invalid YAML"),
        ("", ":1:1:", "empty"),
    ],
)
def test_unreadable_models_exit_2_with_file_line_column(sbd, tmp_path, text, where, what):
    model = tmp_path / "bad.yaml"
    model.write_text(text)
    r = sbd("export", model, "--format", "json", "-o", tmp_path / "out.json")
    assert r.returncode == 2
    assert r.stderr.startswith(f"sbd: {model}{where}"), r.stderr
    assert what in r.stderr
    assert r.stderr.count("\n") == 1
    assert not (tmp_path / "out.json").exists()


def test_existing_output_is_not_overwritten_without_force(sbd, corpus, tmp_path):
    out = tmp_path / "m.yaml"
    out.write_text("precious")
    src = corpus / "sbd-examples" / "basic-api.json"
    r = sbd("import", src, "-o", out)
    assert r.returncode == 2
    assert "exists" in r.stderr and "--force" in r.stderr
    assert out.read_text() == "precious"
    assert sbd("import", src, "-o", out, "--force").returncode == 0
    assert out.read_text().startswith("sbd: 1\n")
    assert [p.name for p in tmp_path.iterdir()] == ["m.yaml"]  # no temporary left behind


def test_bad_command_lines_exit_2(sbd, tmp_path):
    assert sbd().returncode == 2
    assert sbd("export", tmp_path / "missing.yaml", "--format", "json").returncode == 2
    assert sbd("export", "x.yaml", "--format", "xml").returncode == 2
    assert sbd("frobnicate").returncode == 2


def test_sam_templates_are_refused_with_a_clear_message(sbd, corpus):
    template = next((corpus / "sam").glob("*/template.yaml"))
    r = sbd("import", template)
    assert r.returncode == 2
    assert "not supported yet" in r.stderr


def test_writing_to_a_device_or_pipe_writes_into_it(sbd, corpus, tmp_path):
    """`-o /dev/null` must discard the output, never replace the device."""
    import os
    import stat
    import threading

    src = corpus / "sbd-examples" / "basic-api.json"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    r = sbd("import", src, "-o", fifo)
    reader.join(timeout=30)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a pipe
    assert received and received[0].startswith("sbd: 1\n")
    for force in ([], ["--force"]):
        r = sbd("import", src, "-o", "/dev/null", *force)
        assert r.returncode == 0, r.stderr
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
