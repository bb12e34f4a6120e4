"""benchmarks/browser_tool_reference.mjs: the harness that times the browser
tool's own SAM engine on the benchmark model (docs/performance.md). The tool
itself is not here: a stand-in checkout, written by the test, has an engine
that writes back the model it was given, so the test checks what a user of
the harness relies on: the tool's engine receives the benchmark's graph (every
node, its type, the ids it connects to and from), and bad input is refused
with a clear message and exit status 2."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "benchmarks" / "browser_tool_reference.mjs"
ESBUILD = ROOT / "tests" / "node" / "node_modules" / ".bin" / "esbuild"

# Two cells of the benchmark model (benchmarks/model_generator.hpp).
CELLS_YAML = "sbd: 1\napp: bench\nruntime: python3.13\nnodes:\n" + "".join(
    f"  Api{i}:\n    kind: api\n  Fn{i}:\n    kind: fn\n  Table{i}:\n    kind: table\n"
    f"  Bucket{i}:\n    kind: bucket\n  Worker{i}:\n    kind: fn\n  Topic{i}:\n    kind: topic\n"
    f"  Queue{i}:\n    kind: queue\n"
    for i in range(2)
) + "edges:\n" + "".join(
    f"  - Api{i} -> Fn{i}: integration\n  - Fn{i} -> Table{i}: write\n"
    f"  - Bucket{i} -> Worker{i}: trigger\n  - Worker{i} -> Topic{i}: notification\n"
    f"  - Queue{i} -> Worker{i}: trigger\n  - Worker{i} -> Table{i}: read/write\n"
    for i in range(2)
)

# A stand-in for the tool's src/engines/sam.ts: the same entry point
# (a default export render(model, runtime) returning files by name) and the
# same default import of js-yaml, whose stand-in writes JSON.
ENGINE = """import jsyaml from 'js-yaml';
export default function render(model: { nodes: Record<string, unknown> }, runtime: string): Record<string, string> {
  return { 'template.yaml': jsyaml.dump({ runtime, nodes: model.nodes }) };
}
"""


@pytest.fixture(scope="module")
def node() -> str:
    path = shutil.which("node")
    if path is None or not ESBUILD.exists():
        pytest.skip("node and tests/node's esbuild are installed by scripts/bootstrap.sh")
    return path


@pytest.fixture()
def tool(tmp_path: Path) -> Path:
    checkout = tmp_path / "ServerlessByDesign"
    (checkout / "src" / "engines").mkdir(parents=True)
    (checkout / "src" / "engines" / "sam.ts").write_text(ENGINE)
    yaml = checkout / "node_modules" / "js-yaml"
    yaml.mkdir(parents=True)
    (yaml / "package.json").write_text('{"name": "js-yaml", "main": "index.js"}')
    (yaml / "index.js").write_text("exports.dump = (o) => JSON.stringify(o);\n")
    return checkout


def run(node: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([node, str(HARNESS), "--esbuild", str(ESBUILD), *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_the_engine_receives_the_benchmark_graph(node, tool, tmp_path, sbd):
    model = tmp_path / "cells.sbd.yaml"
    model.write_text(CELLS_YAML)
    export = tmp_path / "cells.json"
    assert sbd("export", model, "--format", "sbd-json", "-o", export).returncode == 0
    saved = tmp_path / "saved"
    result = run(node, "--tool", tool, "--export", export, "--rounds", "2", "--save", saved,
                 "--runtime", "nodejs20.x")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert line["nodes"] == 14
    assert len(line["runs_ms"]) == 2
    assert line["factor"] == 50
    assert line["libsbd_must_beat_ms"] == pytest.approx(line["best_ms"] / 50, abs=0.01)

    template = (saved / "template-14.yaml").read_text()
    assert line["template_bytes"] == len(template.encode())
    given = json.loads(template)
    assert given["runtime"] == "nodejs20.x"
    nodes = given["nodes"]
    assert list(nodes) == [f"{name}{i}" for i in range(2)
                           for name in ("Api", "Fn", "Table", "Bucket", "Worker", "Topic", "Queue")]
    assert nodes["Worker1"] == {"id": "Worker1", "type": "fn", "description": "",
                                "to": ["Topic1", "Table1"], "from": ["Bucket1", "Queue1"]}
    assert nodes["Table0"]["from"] == ["Fn0", "Worker0"] and nodes["Table0"]["to"] == []
    assert nodes["Api0"]["type"] == "api" and nodes["Api0"]["to"] == ["Fn0"]


def test_a_browser_tool_example(node, tool, corpus, tmp_path):
    result = run(node, "--tool", tool, "--export", corpus / "sbd-examples" / "basic-api.json",
                 "--rounds", "1", "--save", tmp_path)
    assert result.returncode == 0, result.stderr
    nodes = json.loads((tmp_path / "template-3.yaml").read_text())["nodes"]
    assert nodes["MyBackEnd"]["from"] == ["MyApi"] and nodes["MyBackEnd"]["to"] == ["MyTable"]
    assert nodes["MyApi"]["description"] == "My REST API"


@pytest.mark.parametrize("args, message", [
    ((), "give either --generator PATH"),
    (("--export", "model.json", "--rounds", "0"), "--rounds must be a positive integer"),
    (("--cells", "ten", "--generator", "/bin/true"), "--cells must be positive integers"),
])
def test_bad_options_are_refused(node, tool, args, message):
    result = run(node, "--tool", tool, *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_not_a_checkout(node, tmp_path, corpus):
    result = run(node, "--tool", tmp_path, "--export", corpus / "sbd-examples" / "basic-api.json")
    assert result.returncode == 2
    assert "src/engines/sam.ts not found" in result.stderr


@pytest.mark.parametrize("text, message", [
    ('{"nodes": [{"id": "A", "model": {"type": "fn"}}], "edges": [{"from": "A", "to": "B"}]}',
     "an edge A -> B names a node that is not there"),
    ('{"nodes": [{"id": "A", "model": {}}], "edges": []}', "a node without an id or a model.type"),
    ('{"nodes": []}', "not a browser tool export"),
    ("{ not json", "model.json: "),
])
def test_not_an_export(node, tool, tmp_path, text, message):
    bad = tmp_path / "model.json"
    bad.write_text(text)
    result = run(node, "--tool", tool, "--export", bad)
    assert result.returncode == 2
    assert message in result.stderr


def test_a_saved_template_is_never_overwritten(node, tool, corpus, tmp_path):
    saved = tmp_path / "template-3.yaml"
    saved.write_text("mine")
    result = run(node, "--tool", tool, "--export", corpus / "sbd-examples" / "basic-api.json",
                 "--rounds", "1", "--save", tmp_path)
    assert result.returncode == 1
    assert "it exists already" in result.stderr
    assert saved.read_text() == "mine"


def test_the_tools_engine_failing(node, tool, corpus):
    (tool / "src" / "engines" / "sam.ts").write_text(
        "export default function render(): Record<string, string> { throw new Error('Connection type not supported'); }\n")
    result = run(node, "--tool", tool, "--export", corpus / "sbd-examples" / "basic-api.json")
    assert result.returncode == 1
    assert "the tool's engine failed on" in result.stderr
    assert "Connection type not supported" in result.stderr
