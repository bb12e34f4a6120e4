"""Fixtures for the command-line tests: run the built `sbd` binary."""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = (ROOT.parent / "shared" / "corpus").resolve()


def _find_sbd() -> Path:
    env = os.environ.get("SBD_BIN")
    if env:
        return Path(env)
    for preset in ("default", "release", "asan"):
        candidate = ROOT / "build" / preset / "tools" / "sbd" / "sbd"
        if candidate.exists():
            return candidate
    pytest.skip("the sbd binary is not built (set SBD_BIN)")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


class Sbd:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self, *args: str | os.PathLike[str], cwd: Path | None = None, timeout: float = 60) -> Result:
        proc = subprocess.run(
            [str(self.path), *map(str, args)],
            capture_output=True,
            text=True,
            cwd=cwd,
            timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def sbd() -> Sbd:
    return Sbd(_find_sbd())


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def examples() -> Path:
    return ROOT / "examples"
