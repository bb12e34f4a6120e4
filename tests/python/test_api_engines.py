"""Validation, generation and diagrams from Python: sbd.validate, sbd.rules,
sbd.emit, sbd.engines, sbd.diagram, sbd.diagram_layout."""
from __future__ import annotations

import json

import api_support
import pytest

import sbd


@pytest.fixture
def arch() -> sbd.Architecture:
    return sbd.loads(api_support.PHOTO_SHARE)


def test_validate_reports_diagnostics_with_every_field() -> None:
    a = sbd.Architecture("x")
    a.add_node("Jobs", "queue", visibility_timeout=30)
    a.add_node("Work", "fn", timeout=60)
    a.connect("Jobs", "Work")
    report = sbd.validate(a)
    assert len(report) == len(report.diagnostics) >= 1
    assert not report.ok and report.errors >= 1
    found = [d for d in report if d.code and "Jobs" in d.nodes and d.severity == "error"]
    assert found, report.diagnostics
    d = found[0]
    assert d.code.startswith("SBD") and len(d.code) == 7
    assert d.rule and d.message and d.severity in ("error", "warning", "info")
    assert d.hint is None or isinstance(d.hint, str)
    assert report[0] == report.diagnostics[0] or repr(report[0]) == repr(report.diagnostics[0])
    # the same findings as the JSON of `sbd validate --format json`
    doc = json.loads(report.to_json())
    assert [x["code"] for x in doc["diagnostics"]] == [x.code for x in report]
    assert doc["errors"] == report.errors and doc["warnings"] == report.warnings
    assert json.loads(report.to_sarif())["version"] == "2.1.0"
    assert d.code in report.to_text()


def test_validate_options_disable_and_severities() -> None:
    a = sbd.Architecture("x")
    a.add_node("Jobs", "queue", visibility_timeout=30)
    a.add_node("Work", "fn", timeout=60)
    a.connect("Jobs", "Work")
    codes = {d.code for d in sbd.validate(a)}
    code = sorted(codes)[0]
    assert code not in {d.code for d in sbd.validate(a, disable=[code])}
    lowered = sbd.validate(a, severities={c: "info" for c in codes})
    assert lowered.errors == 0 and lowered.warnings == 0 and lowered.ok


def test_validate_file_diagnostics_carry_lines(tmp_path) -> None:
    p = tmp_path / "app.yaml"
    p.write_text(api_support.PHOTO_SHARE.replace("runtime: python3.13", "runtime: python3.9"))
    report = sbd.validate(sbd.load(p), today="2026-11-27")
    with_lines = [d for d in report if d.line is not None]
    assert with_lines and all(d.path == str(p) for d in with_lines)


def test_rules_metadata() -> None:
    rules = sbd.rules()
    assert rules and [r.code for r in rules] == sorted(r.code for r in rules)
    for r in rules:
        assert r.code.startswith("SBD") and r.name and r.summary
        assert r.severity in ("error", "warning", "info")
        assert r.doc.endswith(f"{r.code}.md")


def test_emit_sam_gives_relative_paths_and_text(arch: sbd.Architecture) -> None:
    assert "sam" in sbd.engines()
    files = sbd.emit(arch, "sam")
    assert "template.yaml" in files
    assert list(files) == sorted(files)
    assert all(not p.startswith("/") and ".." not in p.split("/") for p in files)
    assert "AWS::Serverless::Function" in files["template.yaml"]
    assert any(p.startswith("src/Resize/") for p in files)
    assert sbd.emit(arch, "sam") == files  # deterministic


def test_emit_runtime_option(arch: sbd.Architecture) -> None:
    files = sbd.emit(arch, "sam", runtime="nodejs22.x")
    assert "nodejs22.x" in files["template.yaml"]


def test_diagrams(arch: sbd.Architecture) -> None:
    svg = sbd.diagram(arch)
    assert svg.lstrip().startswith("<") and "<svg" in svg and "Resize" in svg
    assert sbd.diagram(arch) == svg
    assert "digraph" in sbd.diagram(arch, "dot")
    assert "flowchart" in sbd.diagram(arch, "mermaid")
    assert "<html" in sbd.diagram(arch, "html", legend=False, title="Photos").lower()
    geo = sbd.diagram_layout(arch, "auto")
    assert [b.id for b in geo.nodes] == [n.id for n in arch]
    assert len(geo.edges) == len(arch.edges)
    assert not any(a.overlaps(b) for i, a in enumerate(geo.nodes) for b in geo.nodes[i + 1:])
    assert geo.width > 0 and geo.height > 0
    assert all(len(r.points) >= 2 for r in geo.edges)
