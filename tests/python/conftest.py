"""Shared fixtures of the Python tests: the built `sbd` binary and the corpus.

The binary is $SBD_BIN, else build/<preset>/tools/sbd/sbd of the first preset
that has one (default, release, asan). Tests that need it are skipped when it
is not built.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = (ROOT.parent / "shared" / "corpus").resolve()


def find_sbd() -> Path | None:
    env = os.environ.get("SBD_BIN")
    if env:
        return Path(env)
    for preset in ("default", "release", "asan"):
        candidate = ROOT / "build" / preset / "tools" / "sbd" / "sbd"
        if candidate.exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def sbd_bin() -> Path:
    path = find_sbd()
    if path is None:
        pytest.skip("the sbd binary is not built (set SBD_BIN)")
    return path


@pytest.fixture(scope="session")
def run_sbd(sbd_bin):
    """Runs the sbd binary: run_sbd("build", model, "--engine", "sam", "-o", out)."""

    def run(*args, cwd=None, timeout=120):
        return subprocess.run([str(sbd_bin), *map(str, args)], capture_output=True, text=True,
                              cwd=cwd, timeout=timeout)

    return run


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def source_dir() -> Path:
    return ROOT


# --- the Python package sbd (tests/python/test_api*.py) -----------------------
# api_support puts the sbd package of the build tree on sys.path before the
# test modules import it (the suite runs with --import-mode=importlib, which
# adds no test folder to sys.path).
import sys  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import api_support  # noqa: E402,F401
