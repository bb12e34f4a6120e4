"""Puts the sbd package built in a CMake build tree on sys.path, so that the
Python API tests (test_api*.py) run against the checkout's build.

Where: $SBD_PYTHON_DIR (a folder holding sbd/), else $SBD_BUILD_DIR/python
(scripts/test.sh sets SBD_BUILD_DIR), else the newest build/<dir>/python of the
checkout whose sbd/_core extension exists (sanitizer builds excluded: the
interpreter is not instrumented). Without any, an installed sbd is used.
"""
from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = (ROOT.parent / "shared" / "corpus").resolve()


def _has_core(folder: Path) -> bool:
    return any((folder / "sbd").glob("_core*.so")) or any((folder / "sbd").glob("_core*.pyd"))


def package_dir() -> Path | None:
    """The folder that holds the built sbd package, or None."""
    if os.environ.get("SBD_PYTHON_DIR"):
        return Path(os.environ["SBD_PYTHON_DIR"])
    if os.environ.get("SBD_BUILD_DIR"):
        folder = Path(os.environ["SBD_BUILD_DIR"]) / "python"
        if not _has_core(folder):
            # Not an exception: the other suites of tests/python still run;
            # the test_api*.py modules fail to import sbd and say so.
            warnings.warn(
                f"{folder} has no sbd/_core extension: configure the build with -DSBD_BUILD_PYTHON=ON"
            )
            return None
        return folder
    found = [
        p for p in (ROOT / "build").glob("*/python")
        if "san" not in p.parent.name and _has_core(p)
    ]
    if not found:
        return None
    return max(found, key=lambda p: max(f.stat().st_mtime for f in (p / "sbd").glob("_core*")))


_DIR = package_dir()
if _DIR is not None and str(_DIR) not in sys.path:
    sys.path.insert(0, str(_DIR))

PHOTO_SHARE = """\
sbd: 1
app: photo-share
description: Photos are uploaded, resized and indexed
runtime: python3.13
nodes:
  Uploads: {kind: bucket, description: Raw uploads}
  Resize: {kind: fn, memory: 1024, timeout: 60}
  Photos: {kind: table, partition_key: id}
  Jobs: {kind: queue, visibility_timeout: 360}
edges:
  - Uploads -> Resize
  - "Resize -> Photos: write"
  - {from: Jobs, to: Resize, batch_size: 5}
"""
