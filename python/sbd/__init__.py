"""sbd: Serverless by Design as a library.

Build an architecture (a typed graph of serverless resources), validate it,
generate the application (AWS SAM) and draw it, from Python::

    import sbd

    arch = sbd.Architecture("photo-share", runtime="python3.13")
    arch.add_node("Uploads", "bucket")
    arch.add_node("Resize", "fn", memory=512, timeout=30)
    arch.add_node("Photos", "table")
    arch.connect("Uploads", "Resize")                 # the pair's default action
    arch.connect("Resize", "Photos", action="write")
    for d in sbd.validate(arch):
        print(d.severity, d.code, d.message, d.nodes)
    files = sbd.emit(arch, "sam")                     # relative path -> text

Every error libsbd raises is an ``sbd.Error`` with a ``code``; the
subclasses (``sbd.ParseError``, ...) come from the library's one table of
error codes. See docs/python.md for the whole API.
"""

from __future__ import annotations

from collections.abc import Mapping as _Mapping
from collections.abc import MutableMapping as _MutableMapping
from collections.abc import Sequence as _Sequence

from ._core import (
    ArgumentError,
    Architecture,
    Catalog,
    ConnectionSpec,
    Deployment,
    Diagnostic,
    DiagramGeometry,
    Edge,
    EdgeRoute,
    EdgeView,
    Error,
    ErrorCode,
    InternalError,
    InvalidError,
    IOError,
    KindSpec,
    Node,
    NodeBox,
    NodeProperties,
    NodeView,
    NotFoundError,
    ParseError,
    PropertySpec,
    Report,
    RuleInfo,
    RuntimeSpec,
    Tagged,
    __version__,
    catalog,
    diagram,
    diagram_layout,
    emit,
    engines,
    is_valid_app_name,
    is_valid_logical_id,
    load,
    loads,
    rules,
    validate,
)


# The views implement the whole mapping / sequence protocols in C++; these
# registrations make isinstance() agree.
_Mapping.register(NodeView)
_MutableMapping.register(NodeProperties)
_Sequence.register(EdgeView)
_Sequence.register(Report)

# sbd.IOError is left out of __all__: `from sbd import *` would shadow the
# built-in IOError (OSError) with it.
__all__ = [
    "ArgumentError",
    "Architecture",
    "Catalog",
    "ConnectionSpec",
    "Deployment",
    "Diagnostic",
    "DiagramGeometry",
    "Edge",
    "EdgeRoute",
    "EdgeView",
    "Error",
    "ErrorCode",
    "InternalError",
    "InvalidError",
    "KindSpec",
    "Node",
    "NodeBox",
    "NodeProperties",
    "NodeView",
    "NotFoundError",
    "ParseError",
    "PropertySpec",
    "Report",
    "RuleInfo",
    "RuntimeSpec",
    "Tagged",
    "__version__",
    "catalog",
    "diagram",
    "diagram_layout",
    "emit",
    "engines",
    "is_valid_app_name",
    "is_valid_logical_id",
    "load",
    "loads",
    "rules",
    "validate",
]
