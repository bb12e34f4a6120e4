"""sbd.Architecture from Python: building, the container protocols, nodes,
edges, properties, copies and reprs."""
from __future__ import annotations

import copy
from collections.abc import Mapping, MutableMapping, Sequence

import api_support  # noqa: F401  (puts the built package on sys.path)
import pytest

import sbd


@pytest.fixture
def arch() -> sbd.Architecture:
    a = sbd.Architecture("photo-share", runtime="python3.13")
    a.add_node("Uploads", "bucket")
    a.add_node("Resize", "fn", memory=512, timeout=30)
    a.add_node("Photos", "table")
    a.connect("Uploads", "Resize")
    a.connect("Resize", "Photos", action="write")
    return a


def test_issue_example_builds_the_graph(arch: sbd.Architecture) -> None:
    assert arch.app == "photo-share"
    assert arch.runtime == "python3.13"
    assert len(arch) == 3
    assert "Resize" in arch and "Nope" not in arch
    assert [n.id for n in arch] == ["Uploads", "Resize", "Photos"]
    assert [(e.source, e.target, e.action) for e in arch.edges] == [
        ("Uploads", "Resize", "trigger"),  # the pair's default action
        ("Resize", "Photos", "write"),
    ]
    assert arch.nodes["Resize"].properties == {"memory": 512, "timeout": 30}


def test_nodes_view_is_a_mapping(arch: sbd.Architecture) -> None:
    nodes = arch.nodes
    assert isinstance(nodes, Mapping)
    assert list(nodes) == ["Uploads", "Resize", "Photos"]
    assert nodes.keys() == ["Uploads", "Resize", "Photos"]
    assert [n.kind for n in nodes.values()] == ["bucket", "fn", "table"]
    assert dict(nodes.items())["Photos"].kind == "table"
    assert len(nodes) == 3 and "Photos" in nodes and 42 not in nodes
    assert nodes.get("Nope") is None and nodes.get("Nope", 1) == 1
    with pytest.raises(KeyError):  # sbd.NotFoundError is a KeyError
        nodes["Nope"]
    # live: sees later changes
    arch.add_node("Jobs", "queue")
    assert "Jobs" in nodes and len(nodes) == 4


def test_edges_view_is_a_sequence(arch: sbd.Architecture) -> None:
    edges = arch.edges
    assert isinstance(edges, Sequence)
    assert len(edges) == 2
    assert edges[-1].target == "Photos" and edges[0].source == "Uploads"
    assert ("Resize", "Photos") in edges
    assert ("Resize", "Photos", "write") in edges
    assert ("Resize", "Photos", "read") not in edges
    assert edges[1] in edges
    with pytest.raises(IndexError):
        edges[2]


def test_node_attributes_and_effective_values(arch: sbd.Architecture) -> None:
    resize = arch.nodes["Resize"]
    assert resize.id == "Resize" and resize.kind == "fn" and resize.index == 1
    assert resize.effective("memory") == 512
    assert resize.effective("runtime") == "python3.13"  # falls back to the app's runtime
    assert resize.effective("nope") is None
    assert arch.property("Resize", "timeout") == 30
    eff = resize.effective_properties()
    assert eff["memory"] == 512 and eff["architecture"] == "x86_64"
    assert resize.kind_spec.key == "fn"
    assert [e.target for e in resize.out_edges()] == ["Photos"]
    assert [e.source for e in resize.in_edges()] == ["Uploads"]
    assert [e.action for e in arch.out_edges("Uploads")] == ["trigger"]
    assert resize.architecture is arch


def test_node_description_position_overrides_round_trip() -> None:
    a = sbd.Architecture("x")
    n = a.add_node("F", "fn", description="Makes thumbnails", position=(10, 20.5),
                   overrides={"Tracing": "Active", "Role": sbd.Tagged("!GetAtt", "R.Arn")})
    assert n.description == "Makes thumbnails"
    assert n.position == (10.0, 20.5)
    assert n.overrides == {"Tracing": "Active", "Role": sbd.Tagged("!GetAtt", "R.Arn")}
    n.position = {"x": 1, "y": 2}
    assert n.position == (1.0, 2.0)
    n.description = None
    assert n.description == ""
    text = a.to_yaml()
    assert "!GetAtt R.Arn" in text
    back = sbd.loads(text)
    assert back == a
    assert back.nodes["F"].overrides["Role"] == sbd.Tagged("!GetAtt", "R.Arn")


def test_properties_are_a_live_checked_mapping(arch: sbd.Architecture) -> None:
    props = arch.nodes["Resize"].properties
    assert isinstance(props, MutableMapping)
    props["memory"] = 1024
    assert arch.nodes["Resize"].properties["memory"] == 1024
    assert arch.to_dict()["nodes"]["Resize"]["memory"] == 1024
    with pytest.raises(sbd.InvalidError, match="memory"):
        props["memory"] = "lots"
    with pytest.raises(sbd.InvalidError, match="bogus"):
        props["bogus"] = 1
    del props["timeout"]
    assert "timeout" not in props and props.get("timeout") is None
    with pytest.raises(KeyError):
        del props["timeout"]
    arch.set_property("Resize", "environment", {"STAGE": "prod"})
    assert props["environment"] == {"STAGE": "prod"}
    # replacing all: a bad value changes nothing
    with pytest.raises(sbd.InvalidError):
        arch.nodes["Resize"].properties = {"memory": 256, "timeout": "x"}
    assert props["memory"] == 1024
    arch.nodes["Resize"].properties = {"memory": 256}
    assert dict(props.items()) == {"memory": 256}


def test_values_of_every_python_type_round_trip() -> None:
    a = sbd.Architecture("x")
    env = {"S": "s", "I": -3, "F": 0.5, "B": True, "N": None, "L": [1, "two", [3.0]], "T": (1, 2)}
    a.add_node("F", "fn", environment=env)
    got = a.nodes["F"].properties["environment"]
    assert got == {**env, "T": [1, 2]}
    assert type(got["B"]) is bool and type(got["I"]) is int and type(got["F"]) is float


def test_connect_with_edge_properties_and_invocation() -> None:
    a = sbd.Architecture("x")
    a.add_node("Jobs", "queue", visibility_timeout=360)
    a.add_node("Work", "fn")
    e = a.connect("Jobs", "Work", batch_size=5)
    assert e.action == "trigger" and e.properties == {"batch_size": 5}
    assert e.invocation == "poll"
    assert e.connection is not None and e.connection.actions == ["trigger"]
    with pytest.raises(sbd.InvalidError):
        a.connect("Jobs", "Work")  # the same (from, to, action) twice


def test_remove_nodes_and_edges(arch: sbd.Architecture) -> None:
    resize = arch.nodes["Resize"]
    assert arch.remove_edge("Resize", "Photos") == 1
    assert len(arch.edges) == 1
    with pytest.raises(sbd.NotFoundError):
        arch.remove_edge("Resize", "Photos")
    arch.remove_node("Resize")
    assert "Resize" not in arch and len(arch.edges) == 0
    with pytest.raises(sbd.NotFoundError, match="Resize"):
        resize.kind  # a handle to a removed node says so
    assert "removed" in repr(resize)
    assert arch.nodes["Photos"].index == 1  # later nodes shift down


def test_copy_is_independent(arch: sbd.Architecture) -> None:
    for c in (arch.copy(), copy.copy(arch), copy.deepcopy(arch)):
        assert c == arch and c is not arch
        c.add_node("Extra", "queue")
        assert "Extra" not in arch and c != arch


def test_app_settings() -> None:
    a = sbd.Architecture("demo", description="A demo")
    assert a.runtime == "python3.13" and a.description == "A demo"
    a.runtime = "nodejs22.x"
    assert a.runtime == "nodejs22.x"
    a.runtime = None
    assert a.runtime == "python3.13"
    a.app = "demo-2"
    assert a.app == "demo-2"
    with pytest.raises(sbd.InvalidError):
        a.app = "not valid!"
    a.add_node("Fn", "fn")
    a.add_node("Errors", "alarm")
    a.deployment = sbd.Deployment("Canary10Percent5Minutes", alarms=["Errors"], pre_traffic="Fn")
    assert a.deployment == sbd.Deployment("Canary10Percent5Minutes", alarms=["Errors"], pre_traffic="Fn")
    assert a.deployment.post_traffic is None
    a.extensions = {"x-owner": "team-a"}
    assert a.extensions == {"x-owner": "team-a"}
    with pytest.raises(sbd.ArgumentError):
        a.extensions = {"owner": "team-a"}
    back = sbd.loads(a.to_yaml())
    assert back.deployment == a.deployment and back.extensions == a.extensions
    a.deployment = None
    assert a.deployment is None


def test_every_class_has_a_useful_repr(arch: sbd.Architecture) -> None:
    report = sbd.validate(arch)
    cat = sbd.catalog()
    objects = [
        arch, arch.nodes, arch.edges, arch.nodes["Resize"], arch.nodes["Resize"].properties,
        arch.edges[0], report, cat, cat.kinds["fn"], cat.kinds["fn"].properties["memory"],
        cat.connections[0], next(iter(cat.runtimes.values())), sbd.Tagged("!Ref", "X"),
        sbd.Deployment("AllAtOnce"), sbd.rules()[0], sbd.diagram_layout(arch),
        sbd.diagram_layout(arch).nodes[0], sbd.diagram_layout(arch).edges[0],
    ]
    objects += list(report)
    for obj in objects:
        text = repr(obj)
        assert " object at 0x" not in text, text
        assert type(obj).__name__.split("View")[0].rstrip("s") in text or text.startswith("<"), text
    assert repr(arch.nodes["Resize"]) == "Node('Resize', kind='fn', memory=512, timeout=30)"
    assert repr(arch.edges[1]) == "Edge('Resize', 'Photos', action='write')"
    assert repr(arch) == "<Architecture 'photo-share': 3 nodes, 2 edges>"


def test_every_public_name_has_a_docstring() -> None:
    for name in sbd.__all__:
        obj = getattr(sbd, name)
        if name.startswith("__") or isinstance(obj, (str, bool)):
            continue
        assert obj.__doc__ and obj.__doc__.strip(), name
        if isinstance(obj, type) and not issubclass(obj, BaseException) and name != "ErrorCode":
            for attr, value in vars(obj).items():
                if attr.startswith("_"):
                    continue
                doc = getattr(value, "__doc__", None)
                assert doc and doc.strip(), f"{name}.{attr}"


def test_version_comes_from_cmake() -> None:
    cmake = (api_support.ROOT / "CMakeLists.txt").read_text()
    import re

    m = re.search(r"project\(sbd\s+VERSION\s+([0-9.]+)", cmake)
    assert m is not None
    assert sbd.__version__ == m.group(1)
