"""The stubs (python/sbd/_core.pyi) match the module (mypy's stubtest), and
mypy --strict accepts a user script while catching its type errors."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import api_support
import pytest

import sbd

pytest.importorskip("mypy")

PACKAGE_DIR = Path(sbd.__file__).resolve().parent.parent  # the folder holding sbd/
HERE = Path(__file__).resolve().parent


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(PACKAGE_DIR), MYPYPATH=str(PACKAGE_DIR))
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600
    )


def test_stubtest_finds_the_stubs_match_the_module(tmp_path: Path) -> None:
    out = _run(
        ["mypy.stubtest", "sbd._core", "--allowlist", str(HERE / "stubtest-allowlist.txt"),
         "--mypy-config-file", str(tmp_path / "none.ini")],
        tmp_path,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict_accepts_the_package_itself(tmp_path: Path) -> None:
    out = _run(["mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(PACKAGE_DIR / "sbd")], tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


GOOD = """\
import sbd

arch = sbd.Architecture("photo-share", runtime="python3.13")
arch.add_node("Uploads", "bucket")
node: sbd.Node = arch.add_node("Resize", "fn", memory=512, timeout=30)
arch.add_node("Photos", "table")
arch.connect("Uploads", "Resize")
edge: sbd.Edge = arch.connect("Resize", "Photos", action="write")
for d in sbd.validate(arch, disable=["SBD0101"]):
    severity: str = d.severity
    print(d.code, d.message, d.nodes, d.hint, d.line)
files: dict[str, str] = sbd.emit(arch, "sam")
arch2: sbd.Architecture = sbd.loads(arch.to_yaml())
arch3 = sbd.loads(arch.to_json(), format="json")
g = arch.to_networkx()
arch4 = sbd.Architecture.from_networkx(g, app="photo-share")
memory: sbd.PropertySpec = sbd.catalog().kinds["fn"].properties["memory"]
ids: list[str] = list(arch.nodes)
count: int = len(arch)
present: bool = "Resize" in arch
for n in arch:
    kind: str = n.kind
arch.nodes["Resize"].properties["memory"] = 1024
svg: str = sbd.diagram(arch, "svg")
try:
    sbd.load("missing.yaml")
except sbd.ParseError as e:
    where: tuple[str | None, int | None, int | None] = (e.path, e.line, e.column)
except sbd.Error as e:
    code: sbd.ErrorCode = e.code
"""


def test_mypy_strict_accepts_a_user_script(tmp_path: Path) -> None:
    script = tmp_path / "user.py"
    script.write_text(GOOD)
    out = _run(["mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(script)], tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


BAD = {
    'arch.add_node(1, "fn")': 'Argument 1 to "add_node"',
    'arch.connect("A", "B", action=3)': 'Argument "action" to "connect"',
    'n: int = sbd.validate(arch)[0].code': 'Incompatible types in assignment',
    'sbd.emit(arch, "sam", runtime=1)': 'Argument "runtime" to "emit"',
    'sbd.loads(arch.to_yaml(), format="xml")': 'Argument "format" to "loads"',
    'x: int = arch.nodes["A"].kind': 'Incompatible types in assignment',
    'sbd.diagram(arch, "png")': 'Argument 2 to "diagram"',
}


def test_mypy_strict_catches_type_errors(tmp_path: Path) -> None:
    lines = ["import sbd", "arch = sbd.Architecture()"] + list(BAD)
    script = tmp_path / "bad.py"
    script.write_text("\n".join(lines) + "\n")
    out = _run(["mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(script)], tmp_path)
    assert out.returncode == 1
    for i, (line, message) in enumerate(BAD.items(), start=3):
        reported = [l for l in out.stdout.splitlines() if l.startswith(f"{script.name}:{i}:")]
        assert any(message in l for l in reported), (line, out.stdout)
