"""Reading and writing models from Python: sbd.load / loads, to_yaml,
to_json, dumps, to_dict / from_dict, and the browser tool's exports."""
from __future__ import annotations

import json
from pathlib import Path

import api_support
import pytest

import sbd

EXPORTS = sorted((api_support.CORPUS / "sbd-examples").glob("*.json"))


def test_load_yaml_and_json_files(tmp_path: Path) -> None:
    y = tmp_path / "app.yaml"
    y.write_text(api_support.PHOTO_SHARE)
    arch = sbd.load(y)
    assert arch.app == "photo-share" and len(arch) == 4 and len(arch.edges) == 3
    assert arch.nodes["Resize"].properties == {"memory": 1024, "timeout": 60}
    assert arch.nodes["Resize"].line == 7  # the line of "Resize:" in the file
    jobs = arch.edges[2]
    assert (jobs.source, jobs.target, jobs.action, jobs.properties) == ("Jobs", "Resize", "trigger", {"batch_size": 5})
    j = tmp_path / "app.json"
    j.write_text(arch.to_json())
    assert sbd.load(j) == arch
    assert sbd.load(str(j), format="json") == arch


def test_yaml_and_json_round_trip_byte_for_byte() -> None:
    arch = sbd.loads(api_support.PHOTO_SHARE)
    text = arch.to_yaml()
    again = sbd.loads(text)
    assert again == arch and again.to_yaml() == text
    js = arch.to_json()
    assert json.loads(js)["app"] == "photo-share"
    assert sbd.loads(js, format="json").to_json() == js
    assert arch.dumps("yaml") == text and arch.dumps("json") == js
    assert sbd.loads(text.encode()) == arch  # bytes work too


def test_dict_round_trip() -> None:
    arch = sbd.loads(api_support.PHOTO_SHARE)
    doc = arch.to_dict()
    assert doc["sbd"] == 1 and doc["app"] == "photo-share"
    assert doc["nodes"]["Jobs"] == {"kind": "queue", "visibility_timeout": 360}
    assert sbd.Architecture.from_dict(doc) == arch
    doc["nodes"]["Extra"] = {"kind": "topic"}
    assert "Extra" in sbd.Architecture.from_dict(doc)


def test_from_dict_errors_are_parse_errors() -> None:
    with pytest.raises(sbd.ParseError):
        sbd.Architecture.from_dict({"sbd": 1, "app": "x", "nodes": {"A": {"kind": "fn"}}, "typo": 1})


@pytest.mark.parametrize("export", EXPORTS, ids=[p.stem for p in EXPORTS])
def test_browser_exports_load_and_export_back(export: Path) -> None:
    arch = sbd.load(export)
    raw = json.loads(export.read_text())
    assert len(arch) == len(raw["nodes"])
    assert all(sbd.is_valid_logical_id(n.id) for n in arch)
    renamed = [n for n in raw["nodes"] if not sbd.is_valid_logical_id(n["id"])]
    assert len(arch.notes) >= len(renamed)  # renames are reported
    back = sbd.loads(arch.dumps("sbd-json"))
    assert [n.id for n in back] == [n.id for n in arch]
    assert [n.kind for n in back] == [n.kind for n in arch]
    assert [n.position for n in back] == [n.position for n in arch]
    assert all(n.position is not None for n in arch)


def test_load_accepts_path_like_and_bytes_paths(tmp_path: Path) -> None:
    p = tmp_path / "app.yaml"
    p.write_text(api_support.PHOTO_SHARE)
    assert len(sbd.load(p)) == len(sbd.load(str(p))) == len(sbd.load(bytes(p))) == 4


def test_custom_catalog_extends_the_builtin(tmp_path: Path) -> None:
    cat_file = tmp_path / "extra.yaml"
    cat_file.write_text(
        "kinds:\n"
        "  cache:\n"
        "    name: ElastiCache\n"
        "    category: storage\n"
        "    sam: AWS::ElastiCache::CacheCluster\n"
        "    description: A cache.\n"
        "    properties:\n"
        "      nodes: {type: integer, default: 1, description: cache nodes}\n"
    )
    cat = sbd.catalog(cat_file)
    assert "cache" in cat and "fn" in cat and "cache" not in sbd.catalog()
    arch = sbd.Architecture("x", catalog=cat)
    arch.add_node("C", "cache", nodes=2)
    assert arch.catalog == cat
    assert arch.nodes["C"].effective("nodes") == 2
    with pytest.raises(sbd.NotFoundError):
        sbd.Architecture("x").add_node("C", "cache")
    again = sbd.loads(arch.to_yaml(), catalog=cat)
    assert again == arch


def test_catalog_entries() -> None:
    cat = sbd.catalog()
    fn = cat.kinds["fn"]
    assert fn.name and fn.sam_type == "AWS::Serverless::Function"
    memory = fn.properties["memory"]
    assert (memory.type, memory.default, memory.min, memory.max) == ("integer", 128, 128.0, 10240.0)
    assert memory.accepts(512) and not memory.accepts("512")
    assert fn.properties["architecture"].choices == ["x86_64", "arm64"]
    q = cat.connection("queue", "fn")
    assert q is not None and q.actions == ["trigger"] and q.invocation == "poll"
    assert q.default_action == "trigger"
    assert cat.connection("fn", "userPool") is None
    assert any(c.target == "table" for c in cat.connections_from("fn"))
    py = cat.runtime("python3.13")
    assert py is not None and py.family == "python" and py.starter_code
    assert cat.runtimes["nodejs18.x"].deprecated  # a deprecated runtime has its date
    assert json.loads(cat.to_json())
    assert "fn" in cat.to_text()
