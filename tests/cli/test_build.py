"""sbd build, as a user runs it: what it writes, when it refuses, and that it
never writes outside the output folder nor follows a link out of it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "tests" / "fixtures" / "sam" / "core.yaml"


def tree(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file() and not p.is_symlink()}


def test_build_writes_the_application(sbd, tmp_path):
    out = tmp_path / "app"
    r = sbd("build", CORE, "--engine", "sam", "-o", out)
    assert r.returncode == 0, r.stderr
    files = tree(out)
    for f in ("template.yaml", "README.md", ".gitignore", "samconfig.toml"):
        assert f in files
    for fn in ("ListPhotos", "Resize", "Worker", "Notify", "Cleanup"):
        assert any(p.startswith(f"src/{fn}/") for p in files), fn
    template = files["template.yaml"].decode()
    assert template.startswith("AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n")
    assert "!Ref Photos" in template and "!GetAtt Jobs.Arn" in template
    readme = files["README.md"].decode()
    assert "sam build" in readme and "sam deploy --guided" in readme
    assert 'stack_name = "core-app"' in files["samconfig.toml"].decode()
    assert ".aws-sam/" in files[".gitignore"].decode()


def test_same_model_same_bytes(sbd, tmp_path):
    for d in ("a", "b"):
        assert sbd("build", CORE, "--engine", "sam", "-o", tmp_path / d).returncode == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_runtime_option(sbd, tmp_path):
    r = sbd("build", CORE, "--engine", "sam", "-o", tmp_path / "app", "--runtime", "python3.12")
    assert r.returncode == 0, r.stderr
    assert "Runtime: python3.12" in (tmp_path / "app" / "template.yaml").read_text()
    bad = sbd("build", CORE, "--engine", "sam", "-o", tmp_path / "x", "--runtime", "cobol1.0")
    assert bad.returncode == 2 and "cobol1.0" in bad.stderr
    assert not (tmp_path / "x").exists()


def test_validation_errors_write_nothing(sbd, tmp_path):
    model = tmp_path / "bad.yaml"
    doc = yaml.safe_load(CORE.read_text())
    doc["edges"].append("Photos -> Uploads")  # table -> bucket: not a connection of the catalog
    model.write_text(yaml.safe_dump(doc))
    out = tmp_path / "app"
    r = sbd("build", model, "--engine", "sam", "-o", out)
    assert r.returncode == 1
    assert "error" in r.stderr and "Photos" in r.stderr
    assert "nothing was written" in r.stderr
    assert not out.exists()


def test_unreadable_model_and_unknown_engine(sbd, tmp_path):
    missing = sbd("build", tmp_path / "nope.yaml", "--engine", "sam", "-o", tmp_path / "app")
    assert missing.returncode == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("sbd: 1\napp: x\nnodes: [\n")
    r = sbd("build", broken, "--engine", "sam", "-o", tmp_path / "app")
    assert r.returncode == 2 and "broken.yaml:" in r.stderr
    engine = sbd("build", CORE, "--engine", "nope", "-o", tmp_path / "app")
    assert engine.returncode == 2 and "sam" in engine.stderr
    assert not (tmp_path / "app").exists()


def test_refuses_to_overwrite_without_force(sbd, tmp_path):
    out = tmp_path / "app"
    out.mkdir()
    (out / "README.md").write_text("mine\n")
    r = sbd("build", CORE, "--engine", "sam", "-o", out)
    assert r.returncode == 2
    assert "README.md" in r.stderr and "--force" in r.stderr
    assert tree(out) == {"README.md": b"mine\n"}  # untouched: nothing else written
    r = sbd("build", CORE, "--engine", "sam", "-o", out, "--force")
    assert r.returncode == 0, r.stderr
    assert (out / "README.md").read_text() != "mine\n"
    assert "template.yaml" in tree(out)
    assert not [p for p in out.rglob("*") if ".sbd-tmp-" in p.name]


def test_never_follows_a_planted_directory_link(sbd, tmp_path):
    out, elsewhere = tmp_path / "app", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    os.symlink(elsewhere, out / "src")
    for force in ([], ["--force"]):
        r = sbd("build", CORE, "--engine", "sam", "-o", out, *force)
        assert r.returncode == 2, r.stderr
        assert "src" in r.stderr and "symbolic link" in r.stderr
        assert list(elsewhere.iterdir()) == []
        assert sorted(p.name for p in out.iterdir()) == ["src"]


def test_replaces_a_planted_file_link_only_with_force(sbd, tmp_path):
    out, victim = tmp_path / "app", tmp_path / "victim.txt"
    out.mkdir()
    victim.write_text("precious\n")
    os.symlink(victim, out / "template.yaml")
    r = sbd("build", CORE, "--engine", "sam", "-o", out)
    assert r.returncode == 2 and "template.yaml" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["template.yaml"]
    r = sbd("build", CORE, "--engine", "sam", "-o", out, "--force")
    assert r.returncode == 0, r.stderr
    assert victim.read_text() == "precious\n"  # the link was replaced, its target untouched
    assert not (out / "template.yaml").is_symlink()
    assert "AWSTemplateFormatVersion" in (out / "template.yaml").read_text()


def test_a_directory_in_the_way_leaves_the_folder_untouched(sbd, tmp_path):
    out = tmp_path / "app"
    (out / "samconfig.toml").mkdir(parents=True)
    r = sbd("build", CORE, "--engine", "sam", "-o", out, "--force")
    assert r.returncode == 2 and "samconfig.toml" in r.stderr
    assert [str(p.relative_to(out)) for p in out.rglob("*")] == ["samconfig.toml"]


def test_help(sbd):
    h = sbd("build", "--help")
    assert h.returncode == 0
    assert "--engine" in h.stdout and "--force" in h.stdout and "--runtime" in h.stdout


def test_a_circular_model_is_refused_and_nothing_written(sbd, tmp_path):
    model = tmp_path / "circle.yaml"
    model.write_text("sbd: 1\napp: circle\nnodes:\n  A: {kind: fn}\n  B: {kind: fn}\n"
                     "edges:\n  - 'A -> B: invoke'\n  - 'B -> A: invoke'\n")
    out = tmp_path / "app"
    r = sbd("build", model, "--engine", "sam", "-o", out)
    if r.returncode == 1 and "circle" not in r.stderr:
        pytest.skip("the validator refuses this model first")
    assert r.returncode == 1
    assert "A, B" in r.stderr and "nothing was written" in r.stderr
    assert not out.exists()
