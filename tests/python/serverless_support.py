"""Helpers of the Serverless Framework engine's tests: build a service with
`sbd build --engine serverless`, run `serverless package` (v3, installed by
scripts/bootstrap.sh into tests/node) offline."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVERLESS_JS = ROOT / "tests" / "node" / "node_modules" / "serverless" / "bin" / "serverless.js"
# Warnings that the framework's own resources cause (it makes each function
# depend on its role explicitly, which the GetAtt of the role already does).
FRAMEWORK_WARNINGS = {"W3005"}


def sls_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "SLS_TELEMETRY_DISABLED": "1",
        "SLS_NOTIFICATIONS_MODE": "off",
        # `serverless package` needs no AWS account: fake credentials keep the
        # SDK from looking for real ones.
        "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AWS_REGION": "us-east-1",
    })
    return env


def package(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(SERVERLESS_JS), "package"], cwd=project, env=sls_env(),
                          capture_output=True, text=True, timeout=300)


def require_serverless() -> Path:
    if shutil.which("node") is None:
        pytest.skip("node is not installed (scripts/bootstrap.sh installs it)")
    if not SERVERLESS_JS.exists():
        pytest.skip("the Serverless Framework is not installed in tests/node (run scripts/bootstrap.sh)")
    return SERVERLESS_JS


def build(run_sbd, model: Path, out: Path) -> Path:
    r = run_sbd("build", model, "--engine", "serverless", "-o", out)
    assert r.returncode == 0, f"sbd build {model} failed ({r.returncode}):\n{r.stderr}"
    return out
