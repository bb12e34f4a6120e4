"""sbd build of a large model within a small file-descriptor limit."""
from __future__ import annotations

import resource
import subprocess


def _cells(n: int) -> str:
    lines = ["sbd: 1", "app: many", "x-sbd-disable: [SBD0202]", "nodes:"]
    for i in range(n):
        lines += [f"  Api{i}: {{kind: api, auth: iam}}", f"  Fn{i}: {{kind: fn}}", f"  Table{i}: {{kind: table}}"]
    lines.append("edges:")
    for i in range(n):
        lines += [f"  - Api{i} -> Fn{i}", f"  - Fn{i} -> Table{i}: write"]
    return "\n".join(lines) + "\n"


def test_build_of_many_folders_needs_few_file_descriptors(sbd, tmp_path):
    model = tmp_path / "many.yaml"
    model.write_text(_cells(120))  # 120 functions: over 360 folders
    out = tmp_path / "app"

    def low_limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (48, 48))

    for extra in ([], ["--force"]):
        proc = subprocess.run(
            [str(sbd.path), "build", str(model), "--engine", "sam", "-o", str(out), *extra],
            capture_output=True, text=True, preexec_fn=low_limit, timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len([p for p in files if p.name == "app.py"]) == 120
    assert not [p for p in out.rglob("*sbd-tmp*")]
    assert not [p for p in out.rglob("*sbd-old*")]
