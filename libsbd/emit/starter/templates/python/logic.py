"""The business logic of {{fn_id}}: plain functions with typed inputs and no
Lambda event shapes, called by the handler in app.py. Replace the bodies.

Outgoing connections (helpers in resources.py):
{{wires_doc}}
"""
from __future__ import annotations

import logging
from typing import Any, Optional

import events
import resources  # noqa: F401 - the SDK helpers of the outgoing connections

logger = logging.getLogger(__name__)
logger.setLevel(logging.INFO)
{{logic}}