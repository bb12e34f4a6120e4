"""AWS SDK (boto3) clients and small helpers for {{fn_id}}'s outgoing
connections, configured from the environment variables that the template
sets. Clients are made on first use, so importing this module needs neither
credentials nor network, and tests can replace them with use_client().
"""
from __future__ import annotations

import json
import os
from typing import Any, Optional
from urllib.request import Request, urlopen  # noqa: F401 - used by API helpers

import events  # noqa: F401 - DynamoDB value conversion

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


def _bytes(data: Any) -> bytes:
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    if isinstance(data, str):
        return data.encode("utf-8")
    return json.dumps(data).encode("utf-8")


def _text(data: Any) -> str:
    return data if isinstance(data, str) else json.dumps(data)
{{resources}}