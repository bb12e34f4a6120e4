"""AWS SDK (boto3) clients and small helpers for {{fn_id}}'s outgoing
connections, configured from the environment variables that the template
sets. Clients are made on first use, so importing this module needs neither
credentials nor network, and tests can replace them with use_client().
"""
from __future__ import annotations

#@@if res.bucket.write res.stream res.deliveryStream res.queue res.topic res.eventBus res.fn res.stepFn res.api
import json
#@@end
import os
from typing import (
    Any,
#@@if res.table.read res.queue res.topic
    Optional,
#@@end
)
#@@if res.api
from urllib.request import Request, urlopen
#@@end
#@@if res.table.read res.table.write res.api

import events
#@@end
#@@if res.table.read res.table.write res.bucket.read res.bucket.write res.queue res.topic res.stream res.deliveryStream res.eventBus res.fn res.stepFn res.secret res.parameter

_clients: dict = {}


def client(service: str) -> Any:
    """The boto3 client of a service, made once and reused across invocations."""
    if service not in _clients:
        import boto3  # part of the Lambda Python runtime

        _clients[service] = boto3.client(service)
    return _clients[service]


def use_client(service: str, replacement: Any) -> None:
    """Replaces the client of a service (for tests)."""
    _clients[service] = replacement
#@@end
#@@if res.bucket.write res.stream res.deliveryStream


def _bytes(data: Any) -> bytes:
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    if isinstance(data, str):
        return data.encode("utf-8")
    return json.dumps(data).encode("utf-8")
#@@end
#@@if res.queue res.topic


def _text(data: Any) -> str:
    return data if isinstance(data, str) else json.dumps(data)
#@@end
{{resources}}