"""docs/python.md stays true: its self-contained examples run."""
from __future__ import annotations

import re

import api_support
import pytest

import sbd  # noqa: F401  (the examples import it themselves)

DOC = (api_support.ROOT / "docs" / "python.md").read_text()
BLOCKS = re.findall(r"```python\n(.*?)```", DOC, flags=re.S)


def test_the_first_example_runs() -> None:
    namespace: dict[str, object] = {}
    exec(compile(BLOCKS[0], "docs/python.md", "exec"), namespace)
    arch = namespace["arch"]
    assert isinstance(arch, sbd.Architecture) and len(arch) == 3
    assert "template.yaml" in namespace["files"]  # type: ignore[operator]


def test_the_examples_that_build_on_it_run(tmp_path, monkeypatch) -> None:
    pytest.importorskip("networkx")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.yaml").write_text(api_support.PHOTO_SHARE)
    namespace: dict[str, object] = {}
    for block in BLOCKS:
        exec(compile(block, "docs/python.md", "exec"), namespace)
    assert len(namespace["arch2"]) == 3  # type: ignore[arg-type]
    assert namespace["edge"].action == "write"  # type: ignore[attr-defined]
