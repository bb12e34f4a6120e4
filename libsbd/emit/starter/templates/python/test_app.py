"""Unit tests of {{fn_id}}: the handler with a sample event of each source
(events/*.json, also usable with `sam local invoke -e`) and the SDK helpers
with fake clients. No AWS access needed: run `python -m pytest` here."""
import base64
import json
import pathlib

import pytest  # noqa: F401

import app
import events
import logic
import resources

EVENTS = pathlib.Path(__file__).parent / "events"


def load(name):
    return json.loads((EVENTS / f"{name}.json").read_text())


class FakeClient:
    """Records the calls made to an AWS SDK client and answers them."""

    def __init__(self, responses=None):
        self.calls = []
        self.responses = responses or {}

    def __getattr__(self, operation):
        def call(**params):
            self.calls.append((operation, params))
            return self.responses.get(operation, {})

        return call
{{tests}}