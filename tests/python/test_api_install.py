"""`pip install .` of the checkout into a fresh virtual environment, then
`import sbd` from outside the checkout: the package works installed, not only
from the build tree.

It rebuilds the C++ core, so it is made quick: ccache (with paths relative to
the checkout, so that objects of the build/<preset> trees are reused), two
jobs, and a kept build folder (build/python-wheel) so that the next run only
rebuilds what changed. Skip it locally with SBD_SKIP_INSTALL_TEST=1; CI runs
it. The venv sees the system site-packages for the build backend
(scikit-build-core, from scripts/bootstrap.sh), so no network is needed; the
package itself must come from the venv.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import api_support
import pytest

ROOT = api_support.ROOT

pytestmark = pytest.mark.skipif(
    os.environ.get("SBD_SKIP_INSTALL_TEST") == "1", reason="SBD_SKIP_INSTALL_TEST=1"
)

SCRIPT = textwrap.dedent(
    """\
    import importlib.metadata, json, sys
    from pathlib import Path
    import sbd
    arch = sbd.Architecture("photo-share", runtime="python3.13")
    arch.add_node("Uploads", "bucket")
    arch.add_node("Resize", "fn", memory=512, timeout=30)
    arch.add_node("Photos", "table")
    arch.connect("Uploads", "Resize")
    arch.connect("Resize", "Photos", action="write")
    report = sbd.validate(arch)
    files = sbd.emit(arch, "sam")
    assert sbd.loads(arch.to_yaml()) == arch
    pkg = Path(sbd.__file__).parent
    print(json.dumps({
        "file": sbd.__file__,
        "version": sbd.__version__,
        "dist_version": importlib.metadata.version("sbd"),
        "shipped": sorted(p.name for p in pkg.iterdir() if not p.name.startswith("__pycache__")),
        "diagnostics": [d.code for d in report],
        "template": "template.yaml" in files,
        "prefix": sys.prefix,
    }))
    """
)


def _cmake_version() -> str:
    m = re.search(r"project\(sbd\s+VERSION\s+([0-9.]+)", (ROOT / "CMakeLists.txt").read_text())
    assert m is not None
    return m.group(1)


def test_pip_install_in_a_fresh_venv(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.update(
        CMAKE_BUILD_PARALLEL_LEVEL="2",
        CCACHE_BASEDIR=str(ROOT),
        CCACHE_NOHASHDIR="1",
    )
    if shutil.which("ccache"):
        env.update(CMAKE_CXX_COMPILER_LAUNCHER="ccache", CMAKE_C_COMPILER_LAUNCHER="ccache")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-build-isolation", "--no-deps", "--quiet",
         "-Cbuild-dir=" + str(ROOT / "build" / "python-wheel"),
         # Debug, the flags of build/default: ccache hands its objects over.
         "-Ccmake.build-type=Debug",
         str(ROOT)],
        env=env, capture_output=True, text=True, timeout=1800,
    )
    assert install.returncode == 0, install.stdout[-4000:] + install.stderr[-4000:]

    run = subprocess.run([str(python), "-c", SCRIPT], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    import json

    got = json.loads(run.stdout)
    assert Path(got["file"]).is_relative_to(venv), got["file"]  # not the checkout's
    assert got["version"] == got["dist_version"] == _cmake_version()
    assert {"__init__.py", "_core.pyi", "py.typed"} <= set(got["shipped"])
    assert any(name.startswith("_core.") and name.endswith(".so") for name in got["shipped"])
    assert got["template"]
