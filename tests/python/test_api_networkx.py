"""to_networkx() / from_networkx(): a round trip through networkx, and a clear
error without it."""
from __future__ import annotations

import sys

import api_support
import pytest

import sbd

nx = pytest.importorskip("networkx")


@pytest.fixture
def arch() -> sbd.Architecture:
    a = sbd.loads(api_support.PHOTO_SHARE)
    a.nodes["Resize"].position = (120, 40)
    a.nodes["Resize"].overrides = {"Tracing": "Active"}
    a.add_node("Errors", "alarm", metric="Errors", threshold=1)
    a.connect("Resize", "Errors")
    a.connect("Resize", "Photos", action="read")  # a second edge between the same pair
    a.deployment = sbd.Deployment("Canary10Percent5Minutes", alarms=["Errors"])
    a.extensions = {"x-team": "photos"}
    return a


def test_graph_has_kinds_actions_and_properties(arch: sbd.Architecture) -> None:
    g = arch.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert list(g.nodes) == [n.id for n in arch]
    assert g.nodes["Resize"] == {
        "kind": "fn", "position": (120.0, 40.0), "overrides": {"Tracing": "Active"},
        "memory": 1024, "timeout": 60,
    }
    assert g.nodes["Uploads"]["description"] == "Raw uploads"
    assert g.number_of_edges() == len(arch.edges)
    assert set(g["Resize"]["Photos"]) == {"write", "read"}  # keyed by action
    assert g.edges["Jobs", "Resize", "trigger"] == {"action": "trigger", "batch_size": 5, "index": 2}
    assert g.graph["app"] == "photo-share" and g.graph["runtime"] == "python3.13"
    assert g.graph["deployment"]["alarms"] == ["Errors"]
    # networkx analyses work on it
    assert nx.has_path(g, "Uploads", "Photos")
    assert list(nx.topological_sort(nx.DiGraph(g)))[0] in ("Uploads", "Jobs")


def test_round_trip(arch: sbd.Architecture) -> None:
    g = arch.to_networkx()
    back = sbd.Architecture.from_networkx(g)
    assert back == arch
    assert back.to_yaml() == arch.to_yaml()
    g.remove_edge("Uploads", "Resize", "trigger")  # the others keep their order
    g.add_edge("Photos", "Resize", action="stream")  # new edges go last
    changed = sbd.Architecture.from_networkx(g)
    assert [(e.source, e.target, e.action) for e in changed.edges] == [
        (e.source, e.target, e.action) for e in arch.edges][1:] + [("Photos", "Resize", "stream")]
    renamed = sbd.Architecture.from_networkx(g, app="other", runtime="nodejs22.x")
    assert renamed.app == "other" and renamed.runtime == "nodejs22.x"


def test_from_a_plain_digraph_uses_default_actions() -> None:
    g = nx.DiGraph(app="gen")
    g.add_node("Api", kind="api", routes=["GET /items"])
    g.add_node("List", kind="fn", memory=256)
    g.add_node("Items", kind="table")
    g.add_edge("Api", "List")
    g.add_edge("List", "Items", action="read")
    a = sbd.Architecture.from_networkx(g)
    assert a.app == "gen"
    assert [(e.source, e.target, e.action) for e in a.edges] == [
        ("Api", "List", "integration"), ("List", "Items", "read")]
    assert a.nodes["Api"].properties["routes"] == ["GET /items"]


def test_from_networkx_errors() -> None:
    with pytest.raises(sbd.ArgumentError, match="directed"):
        sbd.Architecture.from_networkx(nx.Graph())
    g = nx.DiGraph()
    g.add_node("A")
    with pytest.raises(sbd.ArgumentError, match="kind"):
        sbd.Architecture.from_networkx(g)
    g = nx.DiGraph()
    g.add_node(1, kind="fn")
    with pytest.raises(sbd.ArgumentError, match="str"):
        sbd.Architecture.from_networkx(g)
    g = nx.DiGraph()
    g.add_node("A", kind="fn", memroy=1)
    with pytest.raises(sbd.InvalidError, match="memroy"):
        sbd.Architecture.from_networkx(g)


def test_clear_error_without_networkx(monkeypatch, arch: sbd.Architecture) -> None:
    monkeypatch.setitem(sys.modules, "networkx", None)  # import networkx now fails
    with pytest.raises(ImportError, match="pip install networkx"):
        arch.to_networkx()
