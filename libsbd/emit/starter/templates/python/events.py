"""Turns the events of AWS Lambda's event sources into plain, typed values.

Written by sbd (Serverless by Design) for the event sources of {{fn_id}}
(and the helpers of resources.py): the handler (app.py) uses it so that the
business logic (logic.py) never sees the shape of a Lambda event.
"""
from __future__ import annotations

#@@if on.dynamodb res.table.read on.kinesis on.api on.http_api on.firehose
import base64
#@@end
#@@if on.sqs on.sns on.kinesis on.api on.http_api res.api
import json
#@@end
#@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.api on.http_api on.schedule on.eventbridge
from dataclasses import (
    dataclass,
#@@if on.sqs on.api on.http_api
    field,
#@@end
)
#@@end
from typing import (
    Any,
#@@if on.sqs on.dynamodb on.kinesis on.firehose
    Callable,
#@@end
#@@if on.sqs on.dynamodb on.kinesis
    Iterable,
#@@end
#@@if on.sqs on.sns on.kinesis on.api on.http_api res.api on.dynamodb res.table.read on.firehose
    Optional,
#@@end
)
#@@if on.s3
from urllib.parse import unquote_plus
#@@end
#@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis

_RECORD_SOURCES = {
#@@if on.s3
    "aws:s3": "s3",
#@@end
#@@if on.sqs
    "aws:sqs": "sqs",
#@@end
#@@if on.sns
    "aws:sns": "sns",
#@@end
#@@if on.dynamodb
    "aws:dynamodb": "dynamodb",
#@@end
#@@if on.kinesis
    "aws:kinesis": "kinesis",
#@@end
}
#@@end


def source_of(event: Any) -> str:
    """The kind of event, among the sources of {{fn_id}}; anything else is
    "invoke" (a direct invocation by a function, a state machine or the CLI,
    or an IoT rule's message)."""
#@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.api on.http_api on.schedule on.eventbridge
    if isinstance(event, dict):
#@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis
        records = event.get("Records")
        if isinstance(records, list) and records and isinstance(records[0], dict):
            first = records[0]
            source = first.get("eventSource") or first.get("EventSource") or ""
            return _RECORD_SOURCES.get(source, "invoke")
#@@end
#@@if on.firehose
        if "deliveryStreamArn" in event and isinstance(event.get("records"), list):
            return "firehose"
#@@end
#@@if on.api on.http_api
        context = event.get("requestContext")
        if isinstance(context, dict):
#@@if on.http_api
            if event.get("version") == "2.0" and isinstance(context.get("http"), dict):
                return "http_api"
#@@end
#@@if on.api
            if "httpMethod" in event:
                return "api"
#@@end
#@@end
#@@if on.schedule
#@@if on.eventbridge
        if "detail-type" in event and "source" in event:
            if event["detail-type"] == "Scheduled Event" and event["source"] == "aws.events":
                return "schedule"
            return "eventbridge"
#@@end
#@@if !on.eventbridge
        if event.get("detail-type") == "Scheduled Event" and event.get("source") == "aws.events":
            return "schedule"
#@@end
#@@end
#@@if on.eventbridge
#@@if !on.schedule
        if "detail-type" in event and "source" in event:
            return "eventbridge"
#@@end
#@@end
#@@end
    return "invoke"
#@@if on.sqs on.sns on.kinesis on.api on.http_api res.api


def parse_json(text: Optional[str]) -> Any:
    """The JSON value of text, or text itself when it is not JSON."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text
#@@end
#@@if on.s3


# --- S3 ----------------------------------------------------------------------

@dataclass(frozen=True)
class S3Object:
    bucket: str
    key: str  # decoded: "my photo.jpg", not "my+photo.jpg"
    size: int
    event_name: str  # e.g. "ObjectCreated:Put", "ObjectRemoved:Delete"


def s3_objects(event: dict) -> list[S3Object]:
    out = []
    for record in event["Records"]:
        s3 = record["s3"]
        out.append(S3Object(bucket=s3["bucket"]["name"], key=unquote_plus(s3["object"]["key"]),
                            size=int(s3["object"].get("size", 0)), event_name=record.get("eventName", "")))
    return out
#@@end
#@@if on.sqs


# --- SQS ---------------------------------------------------------------------

@dataclass(frozen=True)
class QueueMessage:
    message_id: str
    body: Any  # the parsed JSON body, or the text when it is not JSON
    attributes: dict = field(default_factory=dict)
    queue_arn: str = ""


def queue_messages(event: dict) -> list[QueueMessage]:
    return [QueueMessage(message_id=r["messageId"], body=parse_json(r.get("body")),
                         attributes=r.get("messageAttributes") or {}, queue_arn=r.get("eventSourceARN", ""))
            for r in event["Records"]]
#@@end
#@@if on.sns


# --- SNS ---------------------------------------------------------------------

@dataclass(frozen=True)
class Notification:
    message_id: str
    topic_arn: str
    subject: Optional[str]
    message: Any  # the parsed JSON message, or the text


def notifications(event: dict) -> list[Notification]:
    return [Notification(message_id=r["Sns"]["MessageId"], topic_arn=r["Sns"].get("TopicArn", ""),
                         subject=r["Sns"].get("Subject"), message=parse_json(r["Sns"].get("Message")))
            for r in event["Records"]]
#@@end
#@@if on.dynamodb svc.dynamodb


# --- DynamoDB ----------------------------------------------------------------
#@@end
#@@if on.dynamodb res.table.read

def from_dynamodb(value: dict) -> Any:
    """A plain value from a DynamoDB attribute value ({"S": "x"} -> "x")."""
    (tag, v), = value.items()
    if tag == "S" or tag == "BOOL":
        return v
    if tag == "N":
        number = float(v)
        return int(number) if number.is_integer() and "." not in v and "e" not in v.lower() else number
    if tag == "NULL":
        return None
    if tag == "B":
        return base64.b64decode(v)
    if tag == "M":
        return {k: from_dynamodb(x) for k, x in v.items()}
    if tag == "L":
        return [from_dynamodb(x) for x in v]
    if tag == "SS":
        return set(v)
    if tag == "NS":
        return {from_dynamodb({"N": x}) for x in v}
    if tag == "BS":
        return {base64.b64decode(x) for x in v}
    raise ValueError(f"unknown DynamoDB type {tag}")


def item_from_dynamodb(image: Optional[dict]) -> Optional[dict]:
    return None if image is None else {k: from_dynamodb(v) for k, v in image.items()}
#@@end
#@@if res.table.read res.table.write
#@@if on.dynamodb res.table.read

#@@end

def to_dynamodb(value: Any) -> dict:
    """A DynamoDB attribute value from a plain value ("x" -> {"S": "x"})."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, (int, float)):
        return {"N": repr(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, (bytes, bytearray)):
        return {"B": bytes(value)}
    if isinstance(value, dict):
        return {"M": {str(k): to_dynamodb(v) for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return {"L": [to_dynamodb(v) for v in value]}
    if isinstance(value, (set, frozenset)) and all(isinstance(v, str) for v in value):
        return {"SS": sorted(value)}
    raise TypeError(f"cannot store {type(value).__name__} in DynamoDB")


def item_to_dynamodb(item: dict) -> dict:
    return {str(k): to_dynamodb(v) for k, v in item.items()}
#@@end
#@@if on.dynamodb


@dataclass(frozen=True)
class TableChange:
    event_name: str  # INSERT, MODIFY or REMOVE
    keys: dict
    new_image: Optional[dict]
    old_image: Optional[dict]
    sequence_number: str


def table_changes(event: dict) -> list[TableChange]:
    return [TableChange(event_name=r["eventName"], keys=item_from_dynamodb(r["dynamodb"].get("Keys")) or {},
                        new_image=item_from_dynamodb(r["dynamodb"].get("NewImage")),
                        old_image=item_from_dynamodb(r["dynamodb"].get("OldImage")),
                        sequence_number=r["dynamodb"]["SequenceNumber"])
            for r in event["Records"]]
#@@end
#@@if on.kinesis


# --- Kinesis -----------------------------------------------------------------

@dataclass(frozen=True)
class StreamRecord:
    partition_key: str
    sequence_number: str
    data: bytes  # decoded from base64

    def json(self) -> Any:
        return parse_json(self.data.decode("utf-8", errors="replace"))


def stream_records(event: dict) -> list[StreamRecord]:
    return [StreamRecord(partition_key=r["kinesis"]["partitionKey"], sequence_number=r["kinesis"]["sequenceNumber"],
                         data=base64.b64decode(r["kinesis"]["data"]))
            for r in event["Records"]]
#@@end
#@@if on.sqs on.dynamodb on.kinesis


# --- Partial batch failures (SQS, Kinesis, DynamoDB streams) -----------------

def batch_response(items: Iterable[Any], item_id: Callable[[Any], str], process: Callable[[Any], Any]) -> dict:
    """Processes each item; the ids of those that raised are reported so that
    only they are retried (the event source's ReportBatchItemFailures)."""
    failures = []
    for item in items:
        try:
            process(item)
        except Exception:  # noqa: BLE001 - any failure of one item is reported, not raised
            import logging
            logging.getLogger(__name__).exception("item %s failed", item_id(item))
            failures.append({"itemIdentifier": item_id(item)})
    return {"batchItemFailures": failures}
#@@end
#@@if on.api on.http_api


# --- API Gateway (REST proxy and HTTP API v2) --------------------------------

@dataclass(frozen=True)
class Request:
    method: str
    path: str
    path_parameters: dict
    query: dict
    headers: dict  # lower-case names
    body: Optional[str]

    def json(self) -> Any:
        return parse_json(self.body)


@dataclass
class Response:
    status: int = 200
    body: Any = None  # a str is sent as is, anything else as JSON
    headers: dict = field(default_factory=dict)


def _body(event: dict) -> Optional[str]:
    body = event.get("body")
    if body is not None and event.get("isBase64Encoded"):
        body = base64.b64decode(body).decode("utf-8")
    return body


#@@if on.api
def api_request(event: dict) -> Request:
    """A REST API (API Gateway v1) proxy integration request."""
    return Request(method=event["httpMethod"], path=event.get("path", "/"),
                   path_parameters=event.get("pathParameters") or {},
                   query=event.get("queryStringParameters") or {},
                   headers={k.lower(): v for k, v in (event.get("headers") or {}).items()}, body=_body(event))


#@@end
#@@if on.http_api
def http_api_request(event: dict) -> Request:
    """An HTTP API (payload format 2.0) request."""
    http = event["requestContext"]["http"]
    return Request(method=http["method"], path=event.get("rawPath", http.get("path", "/")),
                   path_parameters=event.get("pathParameters") or {},
                   query=event.get("queryStringParameters") or {},
                   headers={k.lower(): v for k, v in (event.get("headers") or {}).items()}, body=_body(event))


#@@end
def api_response(response: Response) -> dict:
    """The proxy response of a REST API or an HTTP API."""
    headers = dict(response.headers)
    if isinstance(response.body, str) or response.body is None:
        body = response.body or ""
    else:
        body = json.dumps(response.body)
        headers.setdefault("Content-Type", "application/json")
    return {"statusCode": response.status, "headers": headers, "body": body, "isBase64Encoded": False}
#@@end
#@@if on.eventbridge


# --- EventBridge -------------------------------------------------------------

@dataclass(frozen=True)
class Event:
    source: str
    detail_type: str
    detail: Any
    time: str


def bus_event(event: dict) -> Event:
    return Event(source=event["source"], detail_type=event["detail-type"], detail=event.get("detail"),
                 time=event.get("time", ""))
#@@end
#@@if on.schedule


# --- Schedules ---------------------------------------------------------------

@dataclass(frozen=True)
class Tick:
    time: str  # ISO 8601, e.g. "2026-01-01T03:00:00Z"
    rules: list


def schedule_tick(event: dict) -> Tick:
    return Tick(time=event.get("time", ""), rules=list(event.get("resources") or []))
#@@end
#@@if on.firehose


# --- Firehose data transformation --------------------------------------------

def firehose_response(event: dict, transform: Callable[[bytes], Optional[bytes]]) -> dict:
    """Transforms each record: bytes -> Ok with the new data, None -> Dropped,
    an exception -> ProcessingFailed (Firehose sends it to the error prefix)."""
    records = []
    for record in event["records"]:
        try:
            data = transform(base64.b64decode(record["data"]))
        except Exception:  # noqa: BLE001 - reported to Firehose per record
            import logging
            logging.getLogger(__name__).exception("record %s failed", record["recordId"])
            records.append({"recordId": record["recordId"], "result": "ProcessingFailed", "data": record["data"]})
            continue
        if data is None:
            records.append({"recordId": record["recordId"], "result": "Dropped", "data": record["data"]})
        else:
            records.append({"recordId": record["recordId"], "result": "Ok",
                            "data": base64.b64encode(data).decode("ascii")})
    return {"records": records}
#@@end
