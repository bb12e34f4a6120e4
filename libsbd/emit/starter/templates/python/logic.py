"""The business logic of {{fn_id}}: plain functions with typed inputs and no
Lambda event shapes, called by the handler in app.py. Replace the bodies.

Outgoing connections (helpers in resources.py):
{{wires_doc}}
"""
from __future__ import annotations

#@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.schedule on.eventbridge on.iot
import logging
#@@end
#@@if on.firehose on.iot on.invoke
from typing import (
#@@if on.iot on.invoke
    Any,
#@@end
#@@if on.firehose
    Optional,
#@@end
)
#@@end

#@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.api on.http_api on.schedule on.eventbridge
import events
#@@end
#@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.schedule on.eventbridge on.iot

logger = logging.getLogger(__name__)
logger.setLevel(logging.INFO)
#@@end
{{logic}}