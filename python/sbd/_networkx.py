"""Conversion between sbd.Architecture and networkx graphs (private: use
Architecture.to_networkx() and Architecture.from_networkx())."""

from __future__ import annotations

import importlib
from typing import Any

from ._core import Architecture, ArgumentError, Catalog, Deployment

_NODE_KEYS = ("kind", "description", "position", "overrides")


def _networkx() -> Any:
    try:
        return importlib.import_module("networkx")
    except ImportError as e:
        raise ImportError(
            "Architecture.to_networkx() needs networkx, which is not installed: "
            "pip install networkx"
        ) from e


def to_networkx(arch: Architecture) -> Any:
    nx = _networkx()
    g = nx.MultiDiGraph()
    g.graph["app"] = arch.app
    g.graph["runtime"] = arch.runtime
    if arch.description:
        g.graph["description"] = arch.description
    dep = arch.deployment
    if dep is not None:
        g.graph["deployment"] = {
            "type": dep.type,
            "alarms": list(dep.alarms),
            "pre_traffic": dep.pre_traffic,
            "post_traffic": dep.post_traffic,
        }
    if arch.extensions:
        g.graph["extensions"] = arch.extensions
    g.add_nodes_from(arch._node_records())
    # "index" keeps the edges' order (the order of the model file), which a
    # MultiDiGraph's edge iteration (grouped by source node) does not.
    records = arch._edge_records()
    for i, (_, _, _, attrs) in enumerate(records):
        attrs["index"] = i
    g.add_edges_from(records)
    return g


def from_networkx(
    graph: Any,
    *,
    app: str | None = None,
    runtime: str | None = None,
    catalog: Catalog | None = None,
) -> Architecture:
    if not hasattr(graph, "nodes") or not hasattr(graph, "is_directed"):
        raise TypeError(
            f"from_networkx() needs a networkx graph, not {type(graph).__name__}"
        )
    if not graph.is_directed():
        raise ArgumentError(
            "from_networkx() needs a directed graph (DiGraph or MultiDiGraph): "
            "the edges of an architecture have a direction"
        )
    attrs = graph.graph
    arch = Architecture(
        app if app is not None else str(attrs.get("app", "app")),
        runtime=runtime if runtime is not None else attrs.get("runtime"),
        description=attrs.get("description"),
        catalog=catalog,
    )
    dep = attrs.get("deployment")
    if isinstance(dep, Deployment):
        arch.deployment = dep
    elif isinstance(dep, dict):
        arch.deployment = Deployment(
            dep["type"],
            alarms=list(dep.get("alarms") or []),
            pre_traffic=dep.get("pre_traffic"),
            post_traffic=dep.get("post_traffic"),
        )
    ext = attrs.get("extensions")
    if ext:
        arch.extensions = dict(ext)

    for node_id, data in graph.nodes(data=True):
        if not isinstance(node_id, str):
            raise ArgumentError(
                f"node {node_id!r}: node ids must be str (CloudFormation logical ids)"
            )
        props = dict(data)
        kind = props.pop("kind", None)
        if not isinstance(kind, str):
            raise ArgumentError(
                f"node {node_id!r} has no 'kind' attribute (a catalog kind key such as 'fn')"
            )
        description = props.pop("description", None)
        position = props.pop("position", None)
        overrides = props.pop("overrides", None)
        arch.add_node(
            node_id,
            kind,
            description=description,
            position=position,
            overrides=overrides,
            **props,
        )

    if graph.is_multigraph():
        edges = list(graph.edges(keys=True, data=True))
    else:
        edges = [(u, v, None, d) for u, v, d in graph.edges(data=True)]

    # Edges with an "index" (as to_networkx() writes them) keep that order;
    # the others follow in the graph's order.
    def order(item: tuple[int, Any]) -> tuple[int, float, int]:
        seq, (_, _, _, data) = item
        index = data.get("index")
        if isinstance(index, int) and not isinstance(index, bool):
            return (0, float(index), seq)
        return (1, 0.0, seq)

    for _, (u, v, key, data) in sorted(enumerate(edges), key=order):
        props = dict(data)
        props.pop("index", None)
        action = props.pop("action", None)
        if action is None and isinstance(key, str):
            action = key
        arch.connect(u, v, action, **props)
    return arch
