"""Errors from Python: the classes come from the one error-code table, carry
code and location, and no argument crashes the interpreter or lets a C++
exception through untranslated."""
from __future__ import annotations

import os
import subprocess
import sys

import api_support  # noqa: F401
import pytest

import sbd

BUILTIN_BASE = {
    "parse": ValueError,
    "invalid": ValueError,
    "not_found": KeyError,
    "argument": ValueError,
    "io": OSError,
    "internal": RuntimeError,
}


def _class_name(code: str) -> str:
    return "".join(p.upper() if len(p) <= 2 else p.capitalize() for p in code.split("_")) + "Error"


def test_one_class_per_error_code_of_the_table() -> None:
    # include/sbd/error.hpp is the table; the numbers are stable.
    header = (api_support.ROOT / "include" / "sbd" / "error.hpp").read_text()
    import re

    body = header[header.index("enum class ErrorCode"):]
    body = body[: body.index("};")]
    table = {name: int(num) for name, num in re.findall(r"(\w+)\s*=\s*(\d+)", body)}
    assert {c.name: c.value for c in sbd.ErrorCode} == table
    subclasses = {cls.code: cls for cls in sbd.Error.__subclasses__()}
    assert set(subclasses) == set(sbd.ErrorCode)
    for code in sbd.ErrorCode:
        cls = getattr(sbd, _class_name(code.name))
        assert cls is subclasses[code]
        assert cls.code is code
        assert issubclass(cls, sbd.Error) and issubclass(cls, BUILTIN_BASE[code.name])
        assert cls.__module__ == "sbd" and cls.__doc__


def test_parse_error_is_a_value_error_with_a_location(tmp_path) -> None:
    bad = tmp_path / "app.yaml"
    bad.write_text("sbd: 1\napp: x\nnodes:\n  A: {kind: fn}\n  A: {kind: fn}\n")
    with pytest.raises(ValueError) as info:
        sbd.load(bad)
    e = info.value
    assert isinstance(e, sbd.ParseError) and e.code == sbd.ErrorCode.parse
    assert e.path == str(bad) and e.line == 5 and e.column == 3
    assert "duplicate" in e.message
    assert str(e).startswith(f"{bad}:5:3: ")


def test_parse_error_from_a_string_names_the_source() -> None:
    with pytest.raises(sbd.ParseError) as info:
        sbd.loads("sbd: 1\napp: x\nnodes: [\n", source_name="inline.yaml")
    assert info.value.path == "inline.yaml" and info.value.line is not None


def test_unknown_kind_lists_the_kinds() -> None:
    a = sbd.Architecture("x")
    with pytest.raises(sbd.NotFoundError) as info:
        a.add_node("A", "lambda")
    assert "lambda" in str(info.value)
    for kind in ("fn", "bucket", "table", "queue"):
        assert kind in str(info.value)
    with pytest.raises(sbd.NotFoundError, match="fn, bucket|bucket.*fn"):
        sbd.catalog().kind("lambda")


def test_unknown_node_property_and_engine_name_the_allowed_ones() -> None:
    a = sbd.Architecture("x")
    a.add_node("A", "fn")
    with pytest.raises(sbd.NotFoundError, match="Zed"):
        a.connect("A", "Zed")
    with pytest.raises(sbd.InvalidError, match="memory"):
        a.add_node("B", "fn", memroy=1)  # a typo: the message lists fn's properties
    with pytest.raises(sbd.NotFoundError, match="sam"):
        sbd.emit(a, "terraform")
    with pytest.raises(sbd.ArgumentError, match="yaml"):
        sbd.loads("sbd: 1", format="toml")


def test_io_error_is_an_oserror(tmp_path) -> None:
    with pytest.raises(OSError) as info:
        sbd.load(tmp_path / "missing.yaml")
    assert isinstance(info.value, sbd.IOError)
    assert info.value.path == str(tmp_path / "missing.yaml")


def test_not_found_message_is_not_quoted_like_a_key_error() -> None:
    a = sbd.Architecture("x")
    with pytest.raises(sbd.NotFoundError) as info:
        a.nodes["Zed"]
    assert not str(info.value).startswith("'")
    assert isinstance(info.value, KeyError)


def test_user_raised_errors_have_the_attributes() -> None:
    e = sbd.ParseError("hand made")
    assert e.code == sbd.ErrorCode.parse and e.path is None and e.line is None
    assert str(e) == "hand made"


BAD_CALLS = [
    lambda a: a.add_node(None, "fn"),
    lambda a: a.add_node("A", None),
    lambda a: a.add_node(1, 2),
    lambda a: a.add_node("A", "fn", memory=None),
    lambda a: a.add_node("A", "fn", memory=object()),
    lambda a: a.add_node("A", "fn", memory=2**100),
    lambda a: a.add_node("A", "fn", memory=float("nan")),
    lambda a: a.add_node("A", "fn", environment={1: 2}),
    lambda a: a.add_node("A", "fn", position="here"),
    lambda a: a.add_node("A", "fn", position=(1,)),
    lambda a: a.add_node("A", "fn", position=(True, "x")),
    lambda a: a.add_node("A", "fn", overrides=[1, 2]),
    lambda a: a.add_node("A" * 1_000_000, "fn"),
    lambda a: a.add_node("A", "k" * 1_000_000),
    lambda a: a.add_node("A\x00B", "fn"),
    lambda a: a.add_node("\udcff", "fn"),
    lambda a: a.connect(None, None),
    lambda a: a.connect("Fn", "Fn", action=3),
    lambda a: a.connect("Fn", "Fn", action="x" * 1_000_000),
    lambda a: a.set_property("Fn", "memory", [1] * 10),
    lambda a: a.set_property("Nope", "memory", 1),
    lambda a: a.property("Nope", "memory"),
    lambda a: a.remove_node("Nope"),
    lambda a: a.remove_edge("Fn", "Nope"),
    lambda a: a.out_edges("Nope"),
    lambda a: setattr(a, "runtime", 3),
    lambda a: setattr(a, "runtime", ""),
    lambda a: setattr(a, "app", None),
    lambda a: setattr(a, "deployment", "Canary"),
    lambda a: setattr(a, "extensions", None),
    lambda a: a.nodes[None],
    lambda a: a.nodes["Fn"].properties.__setitem__(None, 1),
    lambda a: a.edges["0"],
    lambda a: a.edges[10**30],
    lambda a: a.dumps("xml"),
    lambda a: a.dumps(None),
    lambda a: sbd.Architecture.from_dict(None),
    lambda a: sbd.Architecture.from_dict({"sbd": 1}),
    lambda a: sbd.Architecture.from_dict({"sbd": 1, "app": "x", "nodes": {"A": {"kind": object()}}}),
    lambda a: sbd.Architecture(catalog="nope"),
    lambda a: sbd.loads(None),
    lambda a: sbd.loads(12),
    lambda a: sbd.loads("{" * 200_000),
    lambda a: sbd.loads("[" * 200_000, format="json"),
    lambda a: sbd.loads("a: " + "x" * 5_000_000),
    lambda a: sbd.loads(b"\xff\xfe\x00garbage"),
    lambda a: sbd.loads('{"nodes": [{"id": 1}]}'),
    lambda a: sbd.load(None),
    lambda a: sbd.load(3.5),
    lambda a: sbd.load("/"),
    lambda a: sbd.validate(None),
    lambda a: sbd.validate(a, disable=None),
    lambda a: sbd.validate(a, severities={"SBD0101": "fatal"}),
    lambda a: sbd.validate(a, today=5),
    lambda a: sbd.emit(None),
    lambda a: sbd.emit(a, None),
    lambda a: sbd.emit(a, "sam", runtime=1),
    lambda a: sbd.diagram(a, "png"),
    lambda a: sbd.diagram(a, layout="random"),
    lambda a: sbd.catalog(42),
    lambda a: sbd.catalog("/nonexistent/catalog.yaml"),
    lambda a: sbd.Catalog.parse("kinds: [", "c.yaml"),
    lambda a: sbd.Tagged(None, 1),
    lambda a: sbd.Tagged("Ref", 1),
    lambda a: sbd.Deployment(None),
    lambda a: sbd.Architecture.from_networkx(None),
    lambda a: sbd.Architecture.from_networkx("graph"),
    lambda a: "\udcff" in a,
    lambda a: ("\udcff", "Fn") in a.edges,
    lambda a: sbd.load("\udcff.yaml"),
    lambda a: sbd.validate(a, today="\udcff"),
    lambda a: a.add_node("B", "fn", environment={"\udcff": 1}),
]


@pytest.mark.parametrize("call", BAD_CALLS, ids=range(len(BAD_CALLS)))
def test_bad_arguments_raise_clean_python_errors(call) -> None:
    a = sbd.Architecture("x")
    a.add_node("Fn", "fn")
    try:
        call(a)
    except sbd.InternalError as e:  # a C++ exception that is not an sbd::Error
        pytest.fail(f"internal error: {e}")
    except (sbd.Error, TypeError, ValueError, KeyError, IndexError, OverflowError, OSError):
        pass
    # Success is allowed too (e.g. memory=None stores null); what matters is
    # that the interpreter is still here and the architecture still works.
    assert len(a) >= 1
    a.to_yaml()
    sbd.validate(a)


def test_self_containing_values_are_refused() -> None:
    a = sbd.Architecture("x")
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(sbd.ArgumentError, match="deeper"):
        a.add_node("A", "fn", environment={"L": loop})
    assert "A" not in a  # nothing half-added


def test_a_failed_add_node_changes_nothing() -> None:
    a = sbd.Architecture("x")
    with pytest.raises(TypeError):
        a.add_node("A", "fn", memory=256, overrides=3)
    assert len(a) == 0


def test_no_crash_in_a_subprocess_on_hostile_input() -> None:
    # The same in a fresh interpreter, so that a crash would show as a signal.
    code = (
        "import sbd\n"
        "for text in ['{'*300000, '['*300000, '&a [*a, *a]', '!!python/object:os.system x',"
        " 'a: &a [*a]', 'sbd: 1\\napp: x\\nnodes: {A: {kind: fn}}\\nedges: [A -> A -> A]']:\n"
        "    try:\n        sbd.loads(text)\n    except (sbd.Error, ValueError):\n        pass\n"
        "print('ok')\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
