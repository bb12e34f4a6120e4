"""cfn-lint on the SAM engine's templates: every browser-tool example, the
core model, and the every-connection model on each runtime with starter code.
One cfn-lint run over all of them (cfn-lint also applies the SAM transform)."""
from __future__ import annotations

from pathlib import Path

import pytest

from sam_support import CORPUS, FIXTURES, RUNTIMES, build, cfn_lint, with_settings

BUILD_FAILURES: dict[str, str] = {}
EXAMPLES = sorted((CORPUS / "sbd-examples").glob("*.json"))


@pytest.fixture(scope="module")
def templates(tmp_path_factory, run_sbd) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sam-lint")
    out: dict[str, Path] = {}
    for ex in EXAMPLES:
        model = ex
        if ex.stem == "iot":
            # The browser tool's IoT example republishes a rule into itself:
            # the validator refuses that loop (SBD0401); the template must
            # still be valid, so the rule is switched off for this build.
            model = with_settings(ex, root / "iot.yaml", disable=["SBD0401"], run_sbd=run_sbd)
        out[f"example:{ex.stem}"] = build(run_sbd, model, root / f"ex-{ex.stem}")
    out["core"] = build(run_sbd, FIXTURES / "core.yaml", root / "core")
    for runtime, language in RUNTIMES:
        name = f"{runtime}-{language or 'default'}"
        model = with_settings(FIXTURES / "every-connection.yaml", root / f"every-{name}.yaml",
                              runtime=runtime, language=language)
        try:
            out[f"every-connection:{name}"] = build(run_sbd, model, root / f"every-{name}")
        except AssertionError as e:  # reported by the test of that runtime
            BUILD_FAILURES[f"every-connection:{name}"] = str(e)
    return out


@pytest.fixture(scope="module")
def findings(templates):
    return cfn_lint(list(templates.values()))


def test_every_example_is_built():
    assert {e.stem for e in EXAMPLES} == {"basic-api", "firehose", "full-app", "iot", "s3-processing", "stream-test"}


@pytest.mark.parametrize("name", [f"example:{e.stem}" for e in EXAMPLES] + ["core"] +
                         [f"every-connection:{r}-{l or 'default'}" for r, l in RUNTIMES])
def test_cfn_lint_reports_no_error_and_no_warning(templates, findings, name):
    assert name not in BUILD_FAILURES, BUILD_FAILURES.get(name)
    path = str(templates[name])
    found = findings[path]
    problems = [f'{m["Level"]} {m["Rule"]["Id"]} {m["Message"]} (line {m["Location"]["Start"]["LineNumber"]})'
                for m in found if m["Level"] in ("Error", "Warning")]
    assert problems == [], f"{name}: {path}"


def test_cfn_lint_catches_a_broken_template(tmp_path, templates):
    # The check above can fail: a template with a dangling reference is reported.
    text = templates["core"].read_text().replace("!Ref Photos", "!Ref NoSuchTable", 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text)
    found = cfn_lint([broken])[str(broken)]
    assert any(m["Level"] == "Error" for m in found)
