# Snippets of the Python starter code, one per "#@@ name" marker, assembled by
# libsbd/emit/starter/starter.cpp. Not a module.
#@@ dispatch.s3
    if source == "s3":
        for obj in events.s3_objects(event):
            logic.on_object(obj)
        return None
#@@ dispatch.sqs
    if source == "sqs":
        return events.batch_response(events.queue_messages(event), lambda m: m.message_id, logic.on_queue_message)
#@@ dispatch.sns
    if source == "sns":
        for notification in events.notifications(event):
            logic.on_notification(notification)
        return None
#@@ dispatch.dynamodb
    if source == "dynamodb":
        return events.batch_response(events.table_changes(event), lambda c: c.sequence_number, logic.on_table_change)
#@@ dispatch.kinesis
    if source == "kinesis":
        return events.batch_response(events.stream_records(event), lambda r: r.sequence_number, logic.on_stream_record)
#@@ dispatch.firehose
    if source == "firehose":
        return events.firehose_response(event, logic.transform_record)
#@@ dispatch.api
    if source == "api":
        return events.api_response(logic.handle_request(events.api_request(event)))
#@@ dispatch.http_api
    if source == "http_api":
        return events.api_response(logic.handle_request(events.http_api_request(event)))
#@@ dispatch.schedule
    if source == "schedule":
        logic.on_schedule(events.schedule_tick(event))
        return None
#@@ dispatch.eventbridge
    if source == "eventbridge":
        logic.on_event(events.bus_event(event))
        return None
#@@ dispatch.iot
    if source == "invoke":  # an IoT rule sends the result of its SELECT as is
        return logic.on_iot_message(event)
#@@ dispatch.invoke
    if source == "invoke":  # a direct invocation: another function, a state machine, the CLI
        return logic.on_invoke(event)
#@@ logic.on_object


def on_object(obj: events.S3Object) -> None:
    """An object was created (or removed) in a bucket."""
    logger.info("%s s3://%s/%s (%d bytes)", obj.event_name, obj.bucket, obj.key, obj.size)
#@@ logic.on_queue_message


def on_queue_message(message: events.QueueMessage) -> None:
    """One message of a queue. Raise to have it retried (only this one)."""
    logger.info("message %s: %r", message.message_id, message.body)
#@@ logic.on_notification


def on_notification(notification: events.Notification) -> None:
    """One SNS notification."""
    logger.info("notification %s (%s): %r", notification.message_id, notification.subject, notification.message)
#@@ logic.on_table_change


def on_table_change(change: events.TableChange) -> None:
    """One change of a DynamoDB table (INSERT, MODIFY, REMOVE). Raise to have
    the stream retried from this change."""
    logger.info("%s %r: %r -> %r", change.event_name, change.keys, change.old_image, change.new_image)
#@@ logic.on_stream_record


def on_stream_record(record: events.StreamRecord) -> None:
    """One Kinesis record (data decoded from base64; record.json() parses it).
    Raise to have the stream retried from this record."""
    logger.info("record %s from %s: %d bytes", record.sequence_number, record.partition_key, len(record.data))
#@@ logic.transform_record


def transform_record(data: bytes) -> Optional[bytes]:
    """Transforms one Firehose record: return the new data, or None to drop
    the record; raise to mark it failed."""
    return data
#@@ logic.handle_request


def handle_request(request: events.Request) -> events.Response:
    """One API request (REST or HTTP API alike)."""
    return events.Response(200, {"function": "{{fn_id}}", "method": request.method, "path": request.path,
                                 "input": request.json()})
#@@ logic.on_schedule


def on_schedule(tick: events.Tick) -> None:
    """The schedule fired."""
    logger.info("scheduled run at %s", tick.time)
#@@ logic.on_event


def on_event(event: events.Event) -> None:
    """One EventBridge event."""
    logger.info("%s from %s: %r", event.detail_type, event.source, event.detail)
#@@ logic.on_iot_message


def on_iot_message(message: Any) -> None:
    """One message selected by an IoT rule (the result of its SQL SELECT)."""
    logger.info("IoT message: %r", message)
#@@ logic.on_invoke


def on_invoke(payload: Any) -> Any:
    """A direct invocation (by a function, a state machine's task state, or
    the CLI{{invoke_doc}}): the result is returned to the caller."""
    return {"function": "{{fn_id}}", "received": payload}
#@@ test.s3


def test_s3_event_gives_each_object_to_on_object(monkeypatch):
    event = load("s3")
    assert app.handler(event, None) is None  # the starter logic runs
    seen = []
    monkeypatch.setattr(logic, "on_object", seen.append)
    app.handler(event, None)
    assert seen == [events.S3Object("{{source_name}}", "uploads/my photo.jpg", 1024, "ObjectCreated:Put")]
#@@ test.sqs


def test_sqs_event_reports_only_the_failed_messages(monkeypatch):
    event = load("sqs")
    assert app.handler(event, None) == {"batchItemFailures": []}
    seen = []

    def fail_on_plain_text(message):
        seen.append(message.body)
        if message.body == "plain text":
            raise RuntimeError("cannot process")

    monkeypatch.setattr(logic, "on_queue_message", fail_on_plain_text)
    result = app.handler(event, None)
    assert seen == [{"id": "1", "action": "resize"}, "plain text"]
    assert result == {"batchItemFailures": [{"itemIdentifier": "2e1424d4-f796-459a-8184-9c92662be6da"}]}
#@@ test.sns


def test_sns_event_gives_each_notification_to_on_notification(monkeypatch):
    event = load("sns")
    assert app.handler(event, None) is None
    seen = []
    monkeypatch.setattr(logic, "on_notification", seen.append)
    app.handler(event, None)
    assert [(n.subject, n.message) for n in seen] == [("Example", {"id": "1"})]
#@@ test.dynamodb


def test_dynamodb_stream_event_gives_plain_items_and_reports_failures(monkeypatch):
    event = load("dynamodb")
    assert app.handler(event, None) == {"batchItemFailures": []}
    seen = []

    def fail_on_modify(change):
        seen.append(change)
        if change.event_name == "MODIFY":
            raise RuntimeError("cannot process")

    monkeypatch.setattr(logic, "on_table_change", fail_on_modify)
    result = app.handler(event, None)
    assert result == {"batchItemFailures": [{"itemIdentifier": "4421584500000000017450439092"}]}
    assert seen[0].keys == {"id": "1"}
    assert seen[0].new_image == {"id": "1", "count": 2, "tags": ["a", True], "meta": {"size": 1.5, "note": None}}
    assert seen[0].old_image is None
    assert seen[1].old_image == {"id": "2", "count": 1}
#@@ test.kinesis


def test_kinesis_event_decodes_records_and_reports_failures(monkeypatch):
    event = load("kinesis")
    assert app.handler(event, None) == {"batchItemFailures": []}
    seen = []

    def fail_on_text(record):
        seen.append((record.partition_key, record.json()))
        if record.data == b"hello":
            raise RuntimeError("cannot process")

    monkeypatch.setattr(logic, "on_stream_record", fail_on_text)
    result = app.handler(event, None)
    assert seen == [("user-1", {"clicks": 3}), ("user-2", "hello")]
    assert result == {"batchItemFailures": [
        {"itemIdentifier": "49590338271490256608559692540925702759324208523137515618"}]}
#@@ test.firehose


def test_firehose_transform_returns_ok_dropped_and_failed_records(monkeypatch):
    event = load("firehose")
    result = app.handler(event, None)
    assert [r["result"] for r in result["records"]] == ["Ok", "Ok"]
    assert [r["data"] for r in result["records"]] == [r["data"] for r in event["records"]]

    def upper_or_fail(data):
        if data == b"plain line":
            raise ValueError("not JSON")
        return data.upper()

    monkeypatch.setattr(logic, "transform_record", upper_or_fail)
    result = app.handler(event, None)
    assert [(r["recordId"], r["result"]) for r in result["records"]] == [
        (event["records"][0]["recordId"], "Ok"), (event["records"][1]["recordId"], "ProcessingFailed")]
    assert base64.b64decode(result["records"][0]["data"]) == b'{"LEVEL": "INFO", "MESSAGE": "HELLO"}'
    monkeypatch.setattr(logic, "transform_record", lambda data: None)
    assert [r["result"] for r in app.handler(event, None)["records"]] == ["Dropped", "Dropped"]
#@@ test.api


def test_rest_api_request_and_response(monkeypatch):
    event = load("api")
    response = app.handler(event, None)
    assert response["statusCode"] == 200
    assert json.loads(response["body"])["input"] == {"name": "example"}
    seen = []

    def created(request):
        seen.append(request)
        return events.Response(201, {"id": request.path_parameters["id"]})

    monkeypatch.setattr(logic, "handle_request", created)
    response = app.handler(event, None)
    assert (seen[0].method, seen[0].path, seen[0].query, seen[0].json()) == (
        "POST", "/items/42", {"verbose": "true"}, {"name": "example"})
    assert seen[0].headers["content-type"] == "application/json"
    assert response["statusCode"] == 201
    assert json.loads(response["body"]) == {"id": "42"}
    assert response["headers"]["Content-Type"] == "application/json"
#@@ test.http_api


def test_http_api_request_and_response(monkeypatch):
    event = load("http_api")
    response = app.handler(event, None)
    assert response["statusCode"] == 200
    assert json.loads(response["body"])["input"] == {"name": "example"}
    seen = []

    def not_found(request):
        seen.append(request)
        return events.Response(404, "no such item")

    monkeypatch.setattr(logic, "handle_request", not_found)
    response = app.handler(event, None)
    assert (seen[0].method, seen[0].path, seen[0].path_parameters, seen[0].json()) == (
        "POST", "/items/42", {"id": "42"}, {"name": "example"})
    assert (response["statusCode"], response["body"]) == (404, "no such item")
#@@ test.schedule


def test_schedule_event_calls_on_schedule(monkeypatch):
    event = load("schedule")
    assert app.handler(event, None) is None
    seen = []
    monkeypatch.setattr(logic, "on_schedule", seen.append)
    app.handler(event, None)
    assert [t.time for t in seen] == ["2026-01-01T03:00:00Z"]
#@@ test.eventbridge


def test_eventbridge_event_calls_on_event(monkeypatch):
    event = load("eventbridge")
    assert app.handler(event, None) is None
    seen = []
    monkeypatch.setattr(logic, "on_event", seen.append)
    app.handler(event, None)
    assert seen == [events.Event("{{app}}", "OrderPlaced", {"orderId": "42", "total": 19.5}, "2026-01-01T12:00:00Z")]
#@@ test.iot


def test_iot_message_calls_on_iot_message(monkeypatch):
    event = load("iot")
    app.handler(event, None)
    seen = []
    monkeypatch.setattr(logic, "on_iot_message", seen.append)
    app.handler(event, None)
    assert seen == [{"device": "sensor-1", "temperature": 21.5, "humidity": 40}]
#@@ test.invoke


def test_direct_invocation_returns_the_result_of_on_invoke(monkeypatch):
    event = load("invoke")
    assert app.handler(event, None)["received"] == {"id": "42", "action": "process"}
    monkeypatch.setattr(logic, "on_invoke", lambda payload: {"done": payload["id"]})
    assert app.handler(event, None) == {"done": "42"}
#@@ res.table.read


def get_{{name}}_item(key: dict) -> Optional[dict]:
    """The item of table {{id}} (name in ${{env}}) with that key, e.g. {"id": "1"}, or None."""
    response = client("dynamodb").get_item(TableName=os.environ["{{env}}"], Key=events.item_to_dynamodb(key))
    return events.item_from_dynamodb(response.get("Item"))
#@@ res.table.write


def put_{{name}}_item(item: dict) -> None:
    """Writes an item (plain values) to table {{id}} (name in ${{env}})."""
    client("dynamodb").put_item(TableName=os.environ["{{env}}"], Item=events.item_to_dynamodb(item))
#@@ res.bucket.read


def get_{{name}}_object(key: str) -> bytes:
    """The content of an object of bucket {{id}} (name in ${{env}})."""
    return client("s3").get_object(Bucket=os.environ["{{env}}"], Key=key)["Body"].read()
#@@ res.bucket.write


def put_{{name}}_object(key: str, body: Any, content_type: str = "application/octet-stream") -> None:
    """Writes an object (bytes, text, or a value as JSON) to bucket {{id}} (name in ${{env}})."""
    client("s3").put_object(Bucket=os.environ["{{env}}"], Key=key, Body=_bytes(body), ContentType=content_type)
#@@ res.queue


def send_{{name}}_message(body: Any, group_id: Optional[str] = None) -> str:
    """Sends a message (text, or a value as JSON) to queue {{id}} (URL in ${{env}});
    a FIFO queue needs a group_id. Returns the message id."""
    params = {"QueueUrl": os.environ["{{env}}"], "MessageBody": _text(body)}
    if group_id is not None:
        params["MessageGroupId"] = group_id
    return client("sqs").send_message(**params).get("MessageId", "")
#@@ res.topic


def publish_{{name}}(message: Any, subject: Optional[str] = None) -> str:
    """Publishes a message (text, or a value as JSON) to topic {{id}} (ARN in ${{env}})."""
    params = {"TopicArn": os.environ["{{env}}"], "Message": _text(message)}
    if subject is not None:
        params["Subject"] = subject
    return client("sns").publish(**params).get("MessageId", "")
#@@ res.stream


def put_{{name}}_record(data: Any, partition_key: str) -> str:
    """Puts a record (bytes, text, or a value as JSON) to Kinesis stream {{id}} (name in ${{env}})."""
    return client("kinesis").put_record(StreamName=os.environ["{{env}}"], Data=_bytes(data),
                                        PartitionKey=partition_key).get("SequenceNumber", "")
#@@ res.deliveryStream


def put_{{name}}_record(data: Any) -> None:
    """Puts a record (bytes, text, or a value as JSON line) to Firehose stream {{id}} (name in ${{env}})."""
    payload = data if isinstance(data, (bytes, bytearray, str)) else json.dumps(data) + "\n"
    client("firehose").put_record(DeliveryStreamName=os.environ["{{env}}"], Record={"Data": _bytes(payload)})
#@@ res.eventBus


def put_{{name}}_event(detail_type: str, detail: Any) -> None:
    """Puts an event on EventBridge bus {{id}} (name in ${{env}}), with source "{{app}}"."""
    response = client("events").put_events(Entries=[{
        "EventBusName": os.environ["{{env}}"], "Source": "{{app}}", "DetailType": detail_type,
        "Detail": json.dumps(detail)}])
    if response.get("FailedEntryCount", 0):
        raise RuntimeError(f"event not put: {response['Entries']}")
#@@ res.fn


def invoke_{{name}}(payload: Any) -> Any:
    """Invokes function {{id}} (name in ${{env}}) synchronously and returns its result."""
    response = client("lambda").invoke(FunctionName=os.environ["{{env}}"], Payload=json.dumps(payload).encode())
    result = response["Payload"].read() if "Payload" in response else b"null"
    if response.get("FunctionError"):
        raise RuntimeError(f"{{id}} failed: {result.decode(errors='replace')}")
    return json.loads(result or b"null")
#@@ res.stepFn


def start_{{name}}_execution(input: Any) -> str:
    """Starts an execution of state machine {{id}} (ARN in ${{env}}); returns its ARN."""
    return client("stepfunctions").start_execution(stateMachineArn=os.environ["{{env}}"],
                                                   input=json.dumps(input)).get("executionArn", "")
#@@ res.api


def call_{{name}}(method: str, path: str, body: Any = None) -> Any:
    """Calls API {{id}} (base URL in ${{env}}) and returns its JSON answer.
    (Unsigned: an API with IAM auth needs a SigV4-signed request.)"""
    data = None if body is None else json.dumps(body).encode()
    request = Request(os.environ["{{env}}"].rstrip("/") + "/" + path.lstrip("/"), data=data, method=method,
                      headers={"Content-Type": "application/json"})
    with urlopen(request, timeout=10) as response:
        return events.parse_json(response.read().decode())
#@@ res.secret


def get_{{name}}_secret() -> str:
    """The value of secret {{id}} (ARN in ${{env}})."""
    return client("secretsmanager").get_secret_value(SecretId=os.environ["{{env}}"])["SecretString"]
#@@ res.parameter


def get_{{name}}_parameter() -> str:
    """The value of SSM parameter {{id}} (name in ${{env}})."""
    return client("ssm").get_parameter(Name=os.environ["{{env}}"], WithDecryption=True)["Parameter"]["Value"]
#@@ restest.table.read


def test_get_{{name}}_item_reads_the_table_named_in_{{env}}(monkeypatch):
    fake = FakeClient({"get_item": {"Item": {"id": {"S": "1"}, "count": {"N": "2"}}}})
    resources.use_client("dynamodb", fake)
    monkeypatch.setenv("{{env}}", "{{id}}-from-env")
    assert resources.get_{{name}}_item({"id": "1"}) == {"id": "1", "count": 2}
    assert fake.calls == [("get_item", {"TableName": "{{id}}-from-env", "Key": {"id": {"S": "1"}}})]
#@@ restest.table.write


def test_put_{{name}}_item_writes_to_the_table_named_in_{{env}}(monkeypatch):
    fake = FakeClient()
    resources.use_client("dynamodb", fake)
    monkeypatch.setenv("{{env}}", "{{id}}-from-env")
    resources.put_{{name}}_item({"id": "1", "count": 2})
    assert fake.calls == [("put_item", {"TableName": "{{id}}-from-env",
                                        "Item": {"id": {"S": "1"}, "count": {"N": "2"}}})]
#@@ restest.bucket.read


def test_get_{{name}}_object_reads_the_bucket_named_in_{{env}}(monkeypatch):
    class Body:
        def read(self):
            return b"content"

    fake = FakeClient({"get_object": {"Body": Body()}})
    resources.use_client("s3", fake)
    monkeypatch.setenv("{{env}}", "{{id}}-from-env")
    assert resources.get_{{name}}_object("a/b.txt") == b"content"
    assert fake.calls == [("get_object", {"Bucket": "{{id}}-from-env", "Key": "a/b.txt"})]
#@@ restest.bucket.write


def test_put_{{name}}_object_writes_to_the_bucket_named_in_{{env}}(monkeypatch):
    fake = FakeClient()
    resources.use_client("s3", fake)
    monkeypatch.setenv("{{env}}", "{{id}}-from-env")
    resources.put_{{name}}_object("a/b.json", {"x": 1}, "application/json")
    assert fake.calls == [("put_object", {"Bucket": "{{id}}-from-env", "Key": "a/b.json", "Body": b'{"x": 1}',
                                          "ContentType": "application/json"})]
#@@ restest.queue


def test_send_{{name}}_message_sends_to_the_queue_in_{{env}}(monkeypatch):
    fake = FakeClient({"send_message": {"MessageId": "m-1"}})
    resources.use_client("sqs", fake)
    monkeypatch.setenv("{{env}}", "https://sqs.us-east-1.amazonaws.com/123456789012/{{id}}")
    assert resources.send_{{name}}_message({"id": "1"}) == "m-1"
    assert fake.calls == [("send_message", {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/{{id}}",
                                            "MessageBody": '{"id": "1"}'})]
#@@ restest.topic


def test_publish_{{name}}_publishes_to_the_topic_in_{{env}}(monkeypatch):
    fake = FakeClient({"publish": {"MessageId": "m-1"}})
    resources.use_client("sns", fake)
    monkeypatch.setenv("{{env}}", "arn:aws:sns:us-east-1:123456789012:{{id}}")
    assert resources.publish_{{name}}("hello", subject="Greeting") == "m-1"
    assert fake.calls == [("publish", {"TopicArn": "arn:aws:sns:us-east-1:123456789012:{{id}}", "Message": "hello",
                                       "Subject": "Greeting"})]
#@@ restest.stream


def test_put_{{name}}_record_puts_to_the_stream_named_in_{{env}}(monkeypatch):
    fake = FakeClient({"put_record": {"SequenceNumber": "1"}})
    resources.use_client("kinesis", fake)
    monkeypatch.setenv("{{env}}", "{{id}}-from-env")
    assert resources.put_{{name}}_record({"clicks": 1}, "user-1") == "1"
    assert fake.calls == [("put_record", {"StreamName": "{{id}}-from-env", "Data": b'{"clicks": 1}',
                                          "PartitionKey": "user-1"})]
#@@ restest.deliveryStream


def test_put_{{name}}_record_puts_to_the_delivery_stream_named_in_{{env}}(monkeypatch):
    fake = FakeClient()
    resources.use_client("firehose", fake)
    monkeypatch.setenv("{{env}}", "{{id}}-from-env")
    resources.put_{{name}}_record({"level": "info"})
    assert fake.calls == [("put_record", {"DeliveryStreamName": "{{id}}-from-env",
                                          "Record": {"Data": b'{"level": "info"}\n'}})]
#@@ restest.eventBus


def test_put_{{name}}_event_puts_on_the_bus_named_in_{{env}}(monkeypatch):
    fake = FakeClient({"put_events": {"FailedEntryCount": 0, "Entries": [{"EventId": "e-1"}]}})
    resources.use_client("events", fake)
    monkeypatch.setenv("{{env}}", "{{id}}-from-env")
    resources.put_{{name}}_event("OrderPlaced", {"orderId": "42"})
    assert fake.calls == [("put_events", {"Entries": [{"EventBusName": "{{id}}-from-env", "Source": "{{app}}",
                                                       "DetailType": "OrderPlaced", "Detail": '{"orderId": "42"}'}]})]
#@@ restest.fn


def test_invoke_{{name}}_invokes_the_function_named_in_{{env}}(monkeypatch):
    class Payload:
        def read(self):
            return b'{"ok": true}'

    fake = FakeClient({"invoke": {"StatusCode": 200, "Payload": Payload()}})
    resources.use_client("lambda", fake)
    monkeypatch.setenv("{{env}}", "{{id}}-from-env")
    assert resources.invoke_{{name}}({"id": "1"}) == {"ok": True}
    assert fake.calls == [("invoke", {"FunctionName": "{{id}}-from-env", "Payload": b'{"id": "1"}'})]
#@@ restest.stepFn


def test_start_{{name}}_execution_starts_the_state_machine_in_{{env}}(monkeypatch):
    fake = FakeClient({"start_execution": {"executionArn": "arn:exec"}})
    resources.use_client("stepfunctions", fake)
    monkeypatch.setenv("{{env}}", "arn:aws:states:us-east-1:123456789012:stateMachine:{{id}}")
    assert resources.start_{{name}}_execution({"id": "1"}) == "arn:exec"
    assert fake.calls == [("start_execution", {
        "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:{{id}}", "input": '{"id": "1"}'})]
#@@ restest.api


def test_call_{{name}}_calls_the_api_at_{{env}}(monkeypatch):
    seen = []

    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *args):
            return False

        def read(self):
            return b'{"ok": true}'

    def fake_urlopen(request, timeout):
        seen.append((request.get_method(), request.full_url, request.data))
        return Answer()

    monkeypatch.setattr(resources, "urlopen", fake_urlopen)
    monkeypatch.setenv("{{env}}", "https://abc.execute-api.us-east-1.amazonaws.com/prod/")
    assert resources.call_{{name}}("POST", "/items", {"id": "1"}) == {"ok": True}
    assert seen == [("POST", "https://abc.execute-api.us-east-1.amazonaws.com/prod/items", b'{"id": "1"}')]
#@@ restest.secret


def test_get_{{name}}_secret_reads_the_secret_in_{{env}}(monkeypatch):
    fake = FakeClient({"get_secret_value": {"SecretString": "s3cr3t"}})
    resources.use_client("secretsmanager", fake)
    monkeypatch.setenv("{{env}}", "arn:aws:secretsmanager:us-east-1:123456789012:secret:{{id}}")
    assert resources.get_{{name}}_secret() == "s3cr3t"
    assert fake.calls == [("get_secret_value", {"SecretId": "arn:aws:secretsmanager:us-east-1:123456789012:secret:{{id}}"})]
#@@ restest.parameter


def test_get_{{name}}_parameter_reads_the_parameter_named_in_{{env}}(monkeypatch):
    fake = FakeClient({"get_parameter": {"Parameter": {"Value": "v1"}}})
    resources.use_client("ssm", fake)
    monkeypatch.setenv("{{env}}", "/{{app}}/{{id}}")
    assert resources.get_{{name}}_parameter() == "v1"
    assert fake.calls == [("get_parameter", {"Name": "/{{app}}/{{id}}", "WithDecryption": True})]
