"""Unit tests of {{fn_id}}: the handler with a sample event of each source
(events/*.json, also usable with `sam local invoke -e`) and the SDK helpers
with fake clients. No AWS access needed: run `python -m pytest` here."""
#@@if on.firehose
import base64
#@@end
import json
import pathlib

import app
#@@if on.s3 on.api on.http_api on.eventbridge
import events
#@@end
import logic
#@@if wires
import resources
#@@end

EVENTS = pathlib.Path(__file__).parent / "events"


def load(name):
    return json.loads((EVENTS / f"{name}.json").read_text())
#@@if res.table.read res.table.write res.bucket.read res.bucket.write res.queue res.topic res.stream res.deliveryStream res.eventBus res.fn res.stepFn res.secret res.parameter


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
#@@end
{{tests}}
