"""Hostile input through the command line (issue #10): each defect gets exit
status 2 (1 when the validator owns it) and one line on stderr naming the
file and, where there is one, the line and column; within seconds, in bounded
memory, never a signal; and `sbd build` writes nothing."""
from __future__ import annotations

import json
import os
import resource
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = (ROOT.parent / "shared" / "corpus").resolve()
MODEL = "sbd: 1\napp: hostile\nnodes:\n  Api: {kind: api}\n  Fn: {kind: fn}\nedges: [Api -> Fn]\n"
TEMPLATE_HEAD = (
    "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n"
    "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: !Sub '${AWS::StackName}'\n"
)


def run(sbd, *args, timeout: float = 20, **kw) -> subprocess.CompletedProcess:
    """Runs sbd with bytes output (a hostile input may hold any byte)."""
    return subprocess.run([str(sbd.path), *map(str, args)], capture_output=True, timeout=timeout, **kw)


def is_sanitized(path: Path) -> bool:
    out = subprocess.run(["nm", "-C", str(path)], capture_output=True, text=True).stdout
    return "__asan_init" in out or "__tsan_init" in out


def deep(open_: str, close: str, n: int = 100_000) -> str:
    return open_ * n + close * n


def alias_bomb() -> str:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# name -> (file name, bytes, expected exit status, "line:col" prefix or None)
CASES: dict[str, tuple[str, bytes, int, str | None]] = {
    "empty": ("m.yaml", b"", 2, "1:1"),
    "blank": ("m.yaml", b"  \n\n", 2, "1:1"),
    "not yaml": ("m.yaml", b"sbd: 1\napp: x\nnodes: {a: [}\n", 2, "3:"),
    "not json": ("m.json", b'{"sbd": 1,\n "app": }', 2, "2:"),
    "binary": ("m.yaml", bytes(range(256)) * 4, 2, "1:"),
    "invalid utf-8": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  A: {kind: fn, description: caf\xe9}\n", 2, "4:34"),
    "nul byte": ("m.yaml", b"sbd: 1\napp: a\x00b\nnodes: {}\n", 2, "2:7"),
    "nul byte json": ("m.json", b'{"sbd": 1, "app": "a\x00"}', 2, "1:"),
    "invalid utf-8 json": ("m.json", b'{"sbd": 1, "app": "\xff"}', 2, "1:"),
    "deep lists": ("m.yaml", ("sbd: 1\napp: x\nnodes: " + deep("[", "]")).encode(), 2, "3:"),
    "deep maps": ("m.yaml", ("sbd: 1\napp: x\nnodes: " + deep("{a: ", "}")).encode(), 2, "3:"),
    "deep json": ("m.json", ('{"sbd": 1, "app": "x", "nodes": ' + deep('{"a": ', "}") + "}").encode(), 2, "1:"),
    "millions of values": ("m.json", ('{"sbd": 1, "app": "x", "nodes": {}, "x-a": [' + "0," * 2_600_000 + "0]}").encode(), 2, "1:"),
    "alias bomb": ("m.yaml", ("sbd: 1\napp: x\nnodes: {}\nx-bomb:\n" + "  " + alias_bomb().replace("\n", "\n  ")).encode(), 2, None),
    "scalar as model": ("m.yaml", b"42\n", 2, "1:1"),
    "scalar as nodes": ("m.yaml", b"sbd: 1\napp: x\nnodes: 5\n", 2, "3:8"),
    "scalar as node": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  A: 5\n", 2, "4:6"),
    "scalar as position": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  A: {kind: fn, position: 5}\n", 2, "4:"),
    "scalar as overrides": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  A: {kind: fn, overrides: 5}\n", 2, "4:"),
    "scalar as edges": ("m.yaml", b"sbd: 1\napp: x\nnodes: {A: {kind: fn}}\nedges: 5\n", 2, "4:"),
    "scalar as deployment": ("m.yaml", b"sbd: 1\napp: x\ndeployment: 5\nnodes: {}\n", 2, "3:"),
    "list as node": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  A: [kind, fn]\n", 2, "4:"),
    "number out of range": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  A: {kind: fn, memory: 1e400}\n", 2, "4:25"),
    "integer out of range": ("m.json", b'{"sbd": 1, "app": "x", "nodes": {"A": {"kind": "fn", "timeout": 99999999999999999999}}}', 2, "1:"),
    "negative timeout": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  Api: {kind: api}\n  A: {kind: fn, timeout: -5}\nedges: [Api -> A]\n", 1, None),
    "duplicate key": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\n  A: {kind: fn}\n", 2, "5:3"),
    "duplicate key json": ("m.json", b'{"sbd": 1, "app": "x",\n "app": "y", "nodes": {}}', 2, "2:2"),
    "edge to itself": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\nedges: [A -> A]\n", 1, None),
    "id with slash": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  a/b: {kind: fn}\n", 2, "4:3"),
    "id dot dot": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  '..': {kind: fn}\n", 2, "4:3"),
    "id backslash": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  'a\\b': {kind: fn}\n", 2, "4:3"),
    "id space": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  'a b': {kind: fn}\n", 2, "4:3"),
    "id newline": ("m.yaml", b'sbd: 1\napp: x\nnodes:\n  "a\\nb": {kind: fn}\n', 2, "4:3"),
    "id escape sequence": ("m.yaml", b'sbd: 1\napp: x\nnodes:\n  "\\e]0;pwned\\a": {kind: fn}\n', 2, "4:3"),
    "id non-ascii": ("m.yaml", "sbd: 1\napp: x\nnodes:\n  Café: {kind: fn}\n".encode(), 2, "4:3"),
    "id CON": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  Api: {kind: api}\n  CON: {kind: fn}\nedges: [Api -> CON]\n", 1, None),
    "id nul": ("m.yaml", b"sbd: 1\napp: x\nnodes:\n  Api: {kind: api}\n  nul: {kind: fn}\nedges: [Api -> nul]\n", 1, None),
    "sam template": ("template.yaml", (TEMPLATE_HEAD + "      Timeout: 3\n").encode(), 2, "1:1"),
    "sam template deep": ("template.yaml", (TEMPLATE_HEAD + "      Tags: " + deep("[", "]") + "\n").encode(), 2, "8:"),
    "sam template bomb": ("template.yaml", ("AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n" + alias_bomb()).encode(), 2, None),
    "sam template nul": ("template.yaml", (TEMPLATE_HEAD + "      Description: a\x00b\n").encode(), 2, "8:"),
    "sam template utf-8": ("template.yaml", TEMPLATE_HEAD.encode() + b"      Description: \xc3\x28\n", 2, "8:"),
    "sam template duplicate": ("template.yaml", (TEMPLATE_HEAD + "      Timeout: 3\n      Timeout: 4\n").encode(), 2, "9:7"),
    "sam template number": ("template.yaml", (TEMPLATE_HEAD + "      Timeout: 1e400\n").encode(), 2, "8:16"),
    "sam template scalar": ("template.yaml", b"AWSTemplateFormatVersion: '2010-09-09'\nResources: 5\n", 2, "1:1"),
    "export truncated": ("e.json", b'{"nodes": [{"id": "A", "model": {"type": "fn"}', 2, "1:"),
    "export deep": ("e.json", ('{"nodes": [{"id": "A", "model": {"type": "fn", "description": ' + deep("[", "]") + "}}]}").encode(), 2, "1:"),
    "export nul": ("e.json", b'{"nodes": [{"id": "A\x00", "model": {"type": "fn"}}]}', 2, "1:"),
    "export utf-8": ("e.json", b'{"nodes": [{"id": "A\xc3", "model": {"type": "fn"}}]}', 2, "1:"),
    "export duplicate id": ("e.json", b'{"nodes": [{"id": "A", "model": {"type": "fn"}},\n {"id": "A", "model": {"type": "fn"}}]}', 2, "2:"),
    "export number": ("e.json", b'{"nodes": [{"id": "A", "x": 1e400, "model": {"type": "fn"}}]}', 2, "1:"),
    "export scalar node": ("e.json", b'{"nodes": [5]}', 2, "1:"),
    "export scalar model": ("e.json", b'{"nodes": [{"id": "A", "model": 5}]}', 2, "1:"),
    "export scalar edges": ("e.json", b'{"nodes": [{"id": "A", "model": {"type": "fn"}}], "edges": 5}', 2, "1:"),
    "export unknown edge": ("e.json", b'{"nodes": [{"id": "A", "model": {"type": "fn"}}], "edges": [{"from": "A", "to": "B"}]}', 2, "1:"),
    "export edge to itself": ("e.json", b'{"nodes": [{"id": "A", "model": {"type": "fn"}}], "edges": [{"from": "A", "to": "A"}]}', 1, None),
    "export id CON": ("e.json", b'{"nodes": [{"id": "CON", "model": {"type": "fn"}}, {"id": "Api", "model": {"type": "api"}}], "edges": [{"from": "Api", "to": "CON"}]}', 1, None),
}


@pytest.fixture(scope="module")
def rss_guard():
    """Peak memory of every child run by this module, checked at the end."""
    yield
    if os.environ.get("SBD_BIN") and is_sanitized(Path(os.environ["SBD_BIN"])):
        return  # ASan's shadow memory makes RSS meaningless
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # The largest case is the 2.5-million-value guard (ReadOptions::max_values):
    # about 600 MiB of tree before the refusal.
    assert peak_kib < 768 * 1024, f"a hostile input made sbd use {peak_kib // 1024} MiB"


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_is_a_clear_error(sbd, tmp_path, rss_guard, name):
    file_name, data, status, where = CASES[name]
    model = tmp_path / file_name
    model.write_bytes(data)
    out = tmp_path / "out"
    for args in (("validate", model), ("build", model, "--engine", "sam", "-o", out)):
        r = run(sbd, *args)
        err = r.stderr.decode("utf-8", "replace")
        assert r.returncode == status, f"{args[0]}: {r.returncode}\n{err}"
        assert not out.exists(), "build wrote something for a bad model"
        if status == 2:
            assert err.startswith(f"sbd: {model}:"), err
            assert err.count("\n") == 1, err
            assert "\x1b" not in err and "\x07" not in err
            if where:
                assert err.startswith(f"sbd: {model}:{where}"), err
        else:
            both = r.stdout.decode("utf-8", "replace") + err
            assert " error SBD" in both or "error(s)" in both, both
    if file_name == "e.json" or file_name.startswith("template"):
        r = run(sbd, "import", model, "-o", tmp_path / "imported.yaml")
        assert r.returncode == 2 if status == 2 else r.returncode in (0, 1), r.stderr
        if status == 2:
            assert not (tmp_path / "imported.yaml").exists()


def cpu_seconds_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def test_every_hostile_input_is_refused_quickly(sbd, tmp_path):
    """Each case within a few seconds of CPU (the wall clock of a shared
    machine says little), and within 20 s of wall clock even so."""
    import time

    for name, (file_name, data, status, _) in sorted(CASES.items()):
        model = tmp_path / name.replace(" ", "_") / file_name
        model.parent.mkdir()
        model.write_bytes(data)
        cpu0, t0 = cpu_seconds_of_children(), time.monotonic()
        r = run(sbd, "validate", model)
        cpu, wall = cpu_seconds_of_children() - cpu0, time.monotonic() - t0
        assert r.returncode == status, name
        assert cpu < 5, f"{name} took {cpu:.1f} s of CPU"
        assert wall < 20, f"{name} took {wall:.1f} s"


def test_a_200_mb_file_is_refused_at_once(sbd, tmp_path):
    for name in ("big.yaml", "big.json", "template.yaml"):
        big = tmp_path / name
        with open(big, "wb") as f:
            f.write(MODEL.encode())
            f.truncate(200 * 1024 * 1024)  # sparse: no disk space used
        try:
            r = run(sbd, "validate", big, timeout=10)
            err = r.stderr.decode()
            assert r.returncode == 2
            assert err == f"sbd: {big}: the file is 209715200 bytes, over the limit of 67108864\n"
            assert run(sbd, "build", big, "--engine", "sam", "-o", tmp_path / "out").returncode == 2
            assert not (tmp_path / "out").exists()
        finally:
            big.unlink()


def test_models_from_pipes_and_stdin(sbd, tmp_path):
    """Regression: a pipe has no size; it used to read as an empty file."""
    r = run(sbd, "validate", "/dev/stdin", input=MODEL.encode())
    assert r.returncode == 0, r.stderr
    r = run(sbd, "export", "/dev/stdin", "--format", "json", "-o", "-", input=MODEL.encode())
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["app"] == "hostile"
    # A directory is not a model.
    r = run(sbd, "validate", tmp_path)
    assert r.returncode == 2
    assert r.stderr.decode() == f"sbd: {tmp_path}: is a directory, not a model file\n"


def test_hostile_file_names_are_printed_on_one_line(sbd, tmp_path):
    evil = tmp_path / "evil\nname\x1b[2J.yaml"
    evil.write_bytes(b"sbd: 1\napp: x\nnodes: 5\n")
    r = run(sbd, "validate", evil)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert err.count("\n") == 1 and "\x1b" not in err
    assert "evil\\nname\\x1b[2J.yaml:3:8:" in err


def test_no_hostile_case_kills_sbd_by_a_signal(sbd, tmp_path):
    """Mutations of real inputs: truncated at every 97th byte, and with one
    byte flipped; sbd exits 0, 1 or 2, never by a signal or with 3."""
    sources = [
        ROOT / "tests" / "fixtures" / "models" / "photo-share.yaml",
        CORPUS / "sbd-examples" / "iot.json",
        next(iter(sorted((CORPUS / "sam").glob("*/template.yaml")))),
    ]
    runs = 0
    for src in sources:
        data = src.read_bytes()
        for cut in range(1, len(data), max(1, len(data) // 12)):
            for variant in (data[:cut], data[:cut] + bytes([data[cut] ^ 0x80]) + data[cut + 1 :]):
                model = tmp_path / ("m" + src.suffix)
                model.write_bytes(variant)
                r = run(sbd, "validate", model)
                runs += 1
                assert r.returncode in (0, 1, 2), (src.name, cut, r.returncode, r.stderr[-500:])
    assert runs > 50
