"""Helpers of the SAM engine's tests: build apps with `sbd build`, run cfn-lint
once over many templates, translate templates with the SAM translator."""
from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = (ROOT.parent / "shared" / "corpus").resolve()
FIXTURES = ROOT / "tests" / "fixtures" / "sam"

# The runtimes with starter code (CATALOG.md), and the languages on them.
RUNTIMES = [
    ("python3.14", None), ("python3.13", None), ("python3.12", None),
    ("nodejs24.x", None), ("nodejs22.x", None), ("nodejs22.x", "typescript"),
    ("java21", None), ("provided.al2023", None),
]


def with_settings(model: Path, dest: Path, *, runtime: str | None = None, language: str | None = None,
                  disable: list[str] | None = None, run_sbd=None) -> Path:
    """A copy of a model (YAML; browser exports are imported first) with another
    default runtime, a language on every function, or rules switched off."""
    import yaml

    if model.suffix == ".json":
        r = run_sbd("import", model, "-o", dest.with_suffix(".imported.yaml"))
        assert r.returncode == 0, r.stderr
        model = dest.with_suffix(".imported.yaml")
    doc = yaml.safe_load(model.read_text())
    if runtime:
        doc["runtime"] = runtime
        for node in doc["nodes"].values():
            if node.get("kind") == "fn":
                node.pop("runtime", None)
    if language:
        for node in doc["nodes"].values():
            if node.get("kind") == "fn":
                node["language"] = language
    if disable:
        doc["x-sbd-disable"] = disable
    dest.write_text(yaml.safe_dump(doc, sort_keys=False))
    return dest


def build(run_sbd, model: Path, out: Path, *extra: str) -> Path:
    r = run_sbd("build", model, "--engine", "sam", "-o", out, *extra)
    assert r.returncode == 0, f"sbd build {model} failed ({r.returncode}):\n{r.stderr}"
    return out / "template.yaml"


def cfn_lint(templates: list[Path]) -> dict[str, list[dict]]:
    """Runs cfn-lint once over the templates; returns the findings per file."""
    exe = shutil.which("cfn-lint")
    if exe is None:
        raise AssertionError("cfn-lint is not installed (scripts/bootstrap.sh installs it)")
    proc = subprocess.run([exe, "--format", "json", *map(str, templates)],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode not in (0, 2, 4, 6, 8, 10, 12, 14):
        raise AssertionError(f"cfn-lint failed to run ({proc.returncode}): {proc.stderr}")
    findings: dict[str, list[dict]] = {str(t): [] for t in templates}
    for m in json.loads(proc.stdout or "[]"):
        findings.setdefault(m["Filename"], []).append(m)
    return findings


def errors_of(findings: list[dict]) -> list[str]:
    return [f'{m["Rule"]["Id"]} {m["Message"]} (line {m["Location"]["Start"]["LineNumber"]})'
            for m in findings if m["Level"] == "Error"]


def load_template(path: Path) -> dict:
    from samtranslator.yaml_helper import yaml_parse

    return yaml_parse(path.read_text())


def s3_code(template: dict, bucket: str = "sbd-placeholder-code") -> dict:
    """The template with every local CodeUri replaced by an S3 location (what
    `sam package` does), so that the translator accepts it."""
    t = copy.deepcopy(template)
    for logical_id, res in t.get("Resources", {}).items():
        props = res.get("Properties") or {}
        if res.get("Type") == "AWS::Serverless::Function" and isinstance(props.get("CodeUri"), str):
            props["CodeUri"] = f"s3://{bucket}/{logical_id}.zip"
    return t


def translate(template: dict) -> dict:
    """The SAM translator's CloudFormation output of a template."""
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    from samtranslator.translator.transform import transform

    class NoManagedPolicies:
        def load(self):
            return {}

    return transform(copy.deepcopy(template), {}, NoManagedPolicies())
