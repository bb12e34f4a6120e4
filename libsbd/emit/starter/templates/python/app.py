"""The Lambda handler of {{fn_id}}: an adapter from each event source wired to
the function to the plain business functions of logic.py.

Written by sbd (Serverless by Design) as starter code: keep this file thin and
put the business logic in logic.py, where it can be tested without Lambda.
Event sources:
{{sources_doc}}
"""
import events
import logic


def handler(event, context):
    source = events.source_of(event)
{{dispatch}}    raise ValueError(f"{{fn_id}} is not wired to receive {source} events")
