// Snippets of the TypeScript starter code, one per "//@@ name" marker,
// assembled by libsbd/emit/starter/starter.cpp. Not a module.
//@@ dispatch.s3
    if (source === 's3') {
      for (const object of events.s3Objects(event)) await logic.onObject(object);
      return null;
    }
//@@ dispatch.sqs
    if (source === 'sqs') {
      return events.batchResponse(events.queueMessages(event), (m) => m.messageId, logic.onQueueMessage);
    }
//@@ dispatch.sns
    if (source === 'sns') {
      for (const notification of events.notifications(event)) await logic.onNotification(notification);
      return null;
    }
//@@ dispatch.dynamodb
    if (source === 'dynamodb') {
      return events.batchResponse(events.tableChanges(event), (c) => c.sequenceNumber, logic.onTableChange);
    }
//@@ dispatch.kinesis
    if (source === 'kinesis') {
      return events.batchResponse(events.streamRecords(event), (r) => r.sequenceNumber, logic.onStreamRecord);
    }
//@@ dispatch.firehose
    if (source === 'firehose') return events.firehoseResponse(event, logic.transformRecord);
//@@ dispatch.api
    if (source === 'api') return events.apiResponse(await logic.handleRequest(events.apiRequest(event)));
//@@ dispatch.http_api
    if (source === 'http_api') return events.apiResponse(await logic.handleRequest(events.httpApiRequest(event)));
//@@ dispatch.schedule
    if (source === 'schedule') {
      await logic.onSchedule(events.scheduleTick(event));
      return null;
    }
//@@ dispatch.eventbridge
    if (source === 'eventbridge') {
      await logic.onEvent(events.busEvent(event));
      return null;
    }
//@@ dispatch.iot
    // An IoT rule sends the result of its SELECT as is.
    if (source === 'invoke') return logic.onIotMessage(event);
//@@ dispatch.invoke
    // A direct invocation: another function, a state machine, the CLI.
    if (source === 'invoke') return logic.onInvoke(event);
//@@ logic.on_object

/** An object was created (or removed) in a bucket: {bucket, key, size, eventName}. */
export async function onObject(object: events.S3Object): Promise<void> {
  console.log(`${object.eventName} s3://${object.bucket}/${object.key} (${object.size} bytes)`);
}
//@@ logic.on_queue_message

/** One message of a queue: {messageId, body, attributes}. Throw to have it retried (only this one). */
export async function onQueueMessage(message: events.QueueMessage): Promise<void> {
  console.log(`message ${message.messageId}`, message.body);
}
//@@ logic.on_notification

/** One SNS notification: {messageId, topicArn, subject, message}. */
export async function onNotification(notification: events.Notification): Promise<void> {
  console.log(`notification ${notification.messageId} (${notification.subject})`, notification.message);
}
//@@ logic.on_table_change

/**
 * One change of a DynamoDB table: {eventName (INSERT, MODIFY, REMOVE), keys,
 * newImage, oldImage} as plain values. Throw to have the stream retried from it.
 */
export async function onTableChange(change: events.TableChange): Promise<void> {
  console.log(change.eventName, change.keys, change.oldImage, change.newImage);
}
//@@ logic.on_stream_record

/**
 * One Kinesis record: {partitionKey, sequenceNumber, data (a Buffer), json()}.
 * Throw to have the stream retried from it.
 */
export async function onStreamRecord(record: events.StreamRecord): Promise<void> {
  console.log(`record ${record.sequenceNumber} from ${record.partitionKey}: ${record.data.length} bytes`);
}
//@@ logic.transform_record

/** Transforms one Firehose record (a Buffer): return the new data, or null to drop it; throw to mark it failed. */
export async function transformRecord(data: Buffer): Promise<Uint8Array | string | null> {
  return data;
}
//@@ logic.handle_request

/**
 * One API request (REST or HTTP API alike): {method, path, pathParameters,
 * query, headers (lower-case), body, json()} -> {status, body, headers}.
 */
export async function handleRequest(request: events.Request): Promise<events.Response> {
  return {
    status: 200,
    body: { function: '{{fn_id}}', method: request.method, path: request.path, input: request.json() },
  };
}
//@@ logic.on_schedule

/** The schedule fired: {time, rules}. */
export async function onSchedule(tick: events.Tick): Promise<void> {
  console.log(`scheduled run at ${tick.time}`);
}
//@@ logic.on_event

/** One EventBridge event: {source, detailType, detail, time}. */
export async function onEvent(event: events.BusEvent): Promise<void> {
  console.log(`${event.detailType} from ${event.source}`, event.detail);
}
//@@ logic.on_iot_message

/** One message selected by an IoT rule (the result of its SQL SELECT). */
export async function onIotMessage(message: unknown): Promise<void> {
  console.log('IoT message', message);
}
//@@ logic.on_invoke

/**
 * A direct invocation (by a function, a state machine's task state, or the
 * CLI{{invoke_doc}}): the result is returned to the caller.
 */
export async function onInvoke(payload: unknown): Promise<unknown> {
  return { function: '{{fn_id}}', received: payload };
}
//@@ test.s3

test('an S3 event gives each object to onObject', async () => {
  const event = load('s3');
  assert.equal(await handler(event, {}), null); // the starter logic runs
  const seen: Any[] = [];
  await makeHandler({ ...logic, onObject: async (o: Any) => void seen.push(o) })(event, {});
  assert.deepEqual(seen, [{ bucket: '{{source_name}}', key: 'uploads/my photo.jpg', size: 1024, eventName: 'ObjectCreated:Put' }]);
});
//@@ test.sqs

test('an SQS event reports only the failed messages', async () => {
  const event = load('sqs');
  assert.deepEqual(await handler(event, {}), { batchItemFailures: [] });
  const seen: Any[] = [];
  const failOnPlainText = async (message: Any) => {
    seen.push(message.body);
    if (message.body === 'plain text') throw new Error('cannot process');
  };
  const result = await makeHandler({ ...logic, onQueueMessage: failOnPlainText })(event, {});
  assert.deepEqual(seen, [{ id: '1', action: 'resize' }, 'plain text']);
  assert.deepEqual(result, { batchItemFailures: [{ itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' }] });
});
//@@ test.sns

test('an SNS event gives each notification to onNotification', async () => {
  const event = load('sns');
  assert.equal(await handler(event, {}), null);
  const seen: Any[] = [];
  await makeHandler({ ...logic, onNotification: async (n: Any) => void seen.push([n.subject, n.message]) })(event, {});
  assert.deepEqual(seen, [['Example', { id: '1' }]]);
});
//@@ test.dynamodb

test('a DynamoDB stream event gives plain items and reports failures', async () => {
  const event = load('dynamodb');
  assert.deepEqual(await handler(event, {}), { batchItemFailures: [] });
  const seen: Any[] = [];
  const failOnModify = async (change: Any) => {
    seen.push(change);
    if (change.eventName === 'MODIFY') throw new Error('cannot process');
  };
  const result = await makeHandler({ ...logic, onTableChange: failOnModify })(event, {});
  assert.deepEqual(result, { batchItemFailures: [{ itemIdentifier: '4421584500000000017450439092' }] });
  assert.deepEqual(seen[0].keys, { id: '1' });
  assert.deepEqual(seen[0].newImage, { id: '1', count: 2, tags: ['a', true], meta: { size: 1.5, note: null } });
  assert.equal(seen[0].oldImage, null);
  assert.deepEqual(seen[1].oldImage, { id: '2', count: 1 });
});
//@@ test.kinesis

test('a Kinesis event decodes records and reports failures', async () => {
  const event = load('kinesis');
  assert.deepEqual(await handler(event, {}), { batchItemFailures: [] });
  const seen: Any[] = [];
  const failOnText = async (record: Any) => {
    seen.push([record.partitionKey, record.json()]);
    if (record.data.toString() === 'hello') throw new Error('cannot process');
  };
  const result = await makeHandler({ ...logic, onStreamRecord: failOnText })(event, {});
  assert.deepEqual(seen, [['user-1', { clicks: 3 }], ['user-2', 'hello']]);
  assert.deepEqual(result, {
    batchItemFailures: [{ itemIdentifier: '49590338271490256608559692540925702759324208523137515618' }],
  });
});
//@@ test.firehose

test('a Firehose transformation returns Ok, Dropped and ProcessingFailed records', async () => {
  const event = load('firehose');
  let result: Any = await handler(event, {});
  assert.deepEqual(result.records.map((r: Any) => r.result), ['Ok', 'Ok']);
  assert.deepEqual(result.records.map((r: Any) => r.data), event.records.map((r: Any) => r.data));
  const upperOrFail = async (data: Buffer) => {
    if (data.toString() === 'plain line') throw new Error('not JSON');
    return data.toString().toUpperCase();
  };
  result = await makeHandler({ ...logic, transformRecord: upperOrFail })(event, {});
  assert.deepEqual(result.records.map((r: Any) => [r.recordId, r.result]), [
    [event.records[0].recordId, 'Ok'],
    [event.records[1].recordId, 'ProcessingFailed'],
  ]);
  assert.equal(Buffer.from(result.records[0].data, 'base64').toString(), '{"LEVEL": "INFO", "MESSAGE": "HELLO"}');
  result = await makeHandler({ ...logic, transformRecord: async () => null })(event, {});
  assert.deepEqual(result.records.map((r: Any) => r.result), ['Dropped', 'Dropped']);
});
//@@ test.api

test('a REST API request and its response', async () => {
  const event = load('api');
  let response: Any = await handler(event, {});
  assert.equal(response.statusCode, 200);
  assert.deepEqual(JSON.parse(response.body).input, { name: 'example' });
  const seen: Any[] = [];
  const created = async (request: Any) => {
    seen.push(request);
    return { status: 201, body: { id: request.pathParameters.id } };
  };
  response = await makeHandler({ ...logic, handleRequest: created })(event, {});
  assert.deepEqual([seen[0].method, seen[0].path, seen[0].query, seen[0].json()], [
    'POST', '/items/42', { verbose: 'true' }, { name: 'example' },
  ]);
  assert.equal(seen[0].headers['content-type'], 'application/json');
  assert.equal(response.statusCode, 201);
  assert.deepEqual(JSON.parse(response.body), { id: '42' });
  assert.equal(response.headers['Content-Type'], 'application/json');
});
//@@ test.http_api

test('an HTTP API request and its response', async () => {
  const event = load('http_api');
  let response: Any = await handler(event, {});
  assert.equal(response.statusCode, 200);
  assert.deepEqual(JSON.parse(response.body).input, { name: 'example' });
  const seen: Any[] = [];
  const notFound = async (request: Any) => {
    seen.push(request);
    return { status: 404, body: 'no such item' };
  };
  response = await makeHandler({ ...logic, handleRequest: notFound })(event, {});
  assert.deepEqual([seen[0].method, seen[0].path, seen[0].pathParameters, seen[0].json()], [
    'POST', '/items/42', { id: '42' }, { name: 'example' },
  ]);
  assert.deepEqual([response.statusCode, response.body], [404, 'no such item']);
});
//@@ test.schedule

test('a schedule event calls onSchedule', async () => {
  const event = load('schedule');
  assert.equal(await handler(event, {}), null);
  const seen: Any[] = [];
  await makeHandler({ ...logic, onSchedule: async (t: Any) => void seen.push(t.time) })(event, {});
  assert.deepEqual(seen, ['2026-01-01T03:00:00Z']);
});
//@@ test.eventbridge

test('an EventBridge event calls onEvent', async () => {
  const event = load('eventbridge');
  assert.equal(await handler(event, {}), null);
  const seen: Any[] = [];
  await makeHandler({ ...logic, onEvent: async (e: Any) => void seen.push(e) })(event, {});
  assert.deepEqual(seen, [
    { source: '{{app}}', detailType: 'OrderPlaced', detail: { orderId: '42', total: 19.5 }, time: '2026-01-01T12:00:00Z' },
  ]);
});
//@@ test.iot

test('an IoT message calls onIotMessage', async () => {
  const event = load('iot');
  await handler(event, {});
  const seen: Any[] = [];
  await makeHandler({ ...logic, onIotMessage: async (m: Any) => void seen.push(m) })(event, {});
  assert.deepEqual(seen, [{ device: 'sensor-1', temperature: 21.5, humidity: 40 }]);
});
//@@ test.invoke

test('a direct invocation returns the result of onInvoke', async () => {
  const event = load('invoke');
  assert.deepEqual(((await handler(event, {})) as Any).received, { id: '42', action: 'process' });
  const result = await makeHandler({ ...logic, onInvoke: async (p: Any) => ({ done: p.id }) })(event, {});
  assert.deepEqual(result, { done: '42' });
});
//@@ res.table.read

/** The item of table {{id}} (name in ${{env}}) with that key, e.g. {id: '1'}, or null. */
export async function get{{Name}}Item(key: Item): Promise<Item | null> {
  const response = await send('dynamodb', 'GetItem', { TableName: env('{{env}}'), Key: itemToDynamo(key) });
  return itemFromDynamo(response.Item);
}
//@@ res.table.write

/** Writes an item (plain values) to table {{id}} (name in ${{env}}). */
export async function put{{Name}}Item(item: Item): Promise<void> {
  await send('dynamodb', 'PutItem', { TableName: env('{{env}}'), Item: itemToDynamo(item) });
}
//@@ res.bucket.read

/** The content (a Buffer) of an object of bucket {{id}} (name in ${{env}}). */
export async function get{{Name}}Object(key: string): Promise<Buffer> {
  const response = await send('s3', 'GetObject', { Bucket: env('{{env}}'), Key: key });
  return Buffer.from(await response.Body.transformToByteArray());
}
//@@ res.bucket.write

/** Writes an object (bytes, text, or a value as JSON) to bucket {{id}} (name in ${{env}}). */
export async function put{{Name}}Object(key: string, body: unknown, contentType = 'application/octet-stream'): Promise<void> {
  await send('s3', 'PutObject', { Bucket: env('{{env}}'), Key: key, Body: bytes(body), ContentType: contentType });
}
//@@ res.queue

/**
 * Sends a message (text, or a value as JSON) to queue {{id}} (URL in ${{env}});
 * a FIFO queue needs a groupId. Returns the message id.
 */
export async function send{{Name}}Message(body: unknown, groupId?: string): Promise<string> {
  const input: Record<string, unknown> = { QueueUrl: env('{{env}}'), MessageBody: text(body) };
  if (groupId !== undefined) input.MessageGroupId = groupId;
  return (await send('sqs', 'SendMessage', input)).MessageId ?? '';
}
//@@ res.topic

/** Publishes a message (text, or a value as JSON) to topic {{id}} (ARN in ${{env}}). */
export async function publish{{Name}}(message: unknown, subject?: string): Promise<string> {
  const input: Record<string, unknown> = { TopicArn: env('{{env}}'), Message: text(message) };
  if (subject !== undefined) input.Subject = subject;
  return (await send('sns', 'Publish', input)).MessageId ?? '';
}
//@@ res.stream

/** Puts a record (bytes, text, or a value as JSON) to Kinesis stream {{id}} (name in ${{env}}). */
export async function put{{Name}}Record(data: unknown, partitionKey: string): Promise<string> {
  const input = { StreamName: env('{{env}}'), Data: bytes(data), PartitionKey: partitionKey };
  return (await send('kinesis', 'PutRecord', input)).SequenceNumber ?? '';
}
//@@ res.deliveryStream

/** Puts a record (bytes, text, or a value as a JSON line) to Firehose stream {{id}} (name in ${{env}}). */
export async function put{{Name}}Record(data: unknown): Promise<void> {
  const payload = data instanceof Uint8Array || typeof data === 'string' ? data : `${JSON.stringify(data)}\n`;
  await send('firehose', 'PutRecord', { DeliveryStreamName: env('{{env}}'), Record: { Data: bytes(payload) } });
}
//@@ res.eventBus

/** Puts an event on EventBridge bus {{id}} (name in ${{env}}), with source "{{app}}". */
export async function put{{Name}}Event(detailType: string, detail: unknown): Promise<void> {
  const response = await send('eventbridge', 'PutEvents', {
    Entries: [{ EventBusName: env('{{env}}'), Source: '{{app}}', DetailType: detailType, Detail: JSON.stringify(detail) }],
  });
  if (response.FailedEntryCount) throw new Error(`event not put: ${JSON.stringify(response.Entries)}`);
}
//@@ res.fn

/** Invokes function {{id}} (name in ${{env}}) synchronously and returns its result. */
export async function invoke{{Name}}(payload: unknown): Promise<unknown> {
  const response = await send('lambda', 'Invoke', { FunctionName: env('{{env}}'), Payload: bytes(payload) });
  const result = response.Payload ? Buffer.from(response.Payload).toString('utf8') : 'null';
  if (response.FunctionError) throw new Error(`{{id}} failed: ${result}`);
  return JSON.parse(result || 'null');
}
//@@ res.stepFn

/** Starts an execution of state machine {{id}} (ARN in ${{env}}); returns its ARN. */
export async function start{{Name}}Execution(input: unknown): Promise<string> {
  const response = await send('sfn', 'StartExecution', { stateMachineArn: env('{{env}}'), input: JSON.stringify(input) });
  return response.executionArn ?? '';
}
//@@ res.api

/**
 * Calls API {{id}} (base URL in ${{env}}) and returns its JSON answer.
 * (Unsigned: an API with IAM auth needs a SigV4-signed request.)
 */
export async function call{{Name}}(method: string, path: string, body?: unknown): Promise<unknown> {
  const url = `${env('{{env}}').replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  const response = await fetchImpl(url, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`{{id}} answered ${response.status}`);
  return parseJson(await response.text());
}
//@@ res.secret

/** The value of secret {{id}} (ARN in ${{env}}). */
export async function get{{Name}}Secret(): Promise<string> {
  return (await send('secretsmanager', 'GetSecretValue', { SecretId: env('{{env}}') })).SecretString;
}
//@@ res.parameter

/** The value of SSM parameter {{id}} (name in ${{env}}). */
export async function get{{Name}}Parameter(): Promise<string> {
  const response = await send('ssm', 'GetParameter', { Name: env('{{env}}'), WithDecryption: true });
  return response.Parameter.Value;
}
//@@ restest.table.read

test('get{{Name}}Item reads the table named in {{env}}', () =>
  withEnv('{{env}}', '{{id}}-from-env', async () => {
    const fake = new FakeClient({ GetItem: { Item: { id: { S: '1' }, count: { N: '2' } } } });
    resources.useClient('dynamodb', fake);
    assert.deepEqual(await resources.get{{Name}}Item({ id: '1' }), { id: '1', count: 2 });
    assert.deepEqual(fake.calls, [['GetItem', { TableName: '{{id}}-from-env', Key: { id: { S: '1' } } }]]);
  }));
//@@ restest.table.write

test('put{{Name}}Item writes to the table named in {{env}}', () =>
  withEnv('{{env}}', '{{id}}-from-env', async () => {
    const fake = new FakeClient();
    resources.useClient('dynamodb', fake);
    await resources.put{{Name}}Item({ id: '1', count: 2 });
    assert.deepEqual(fake.calls, [
      ['PutItem', { TableName: '{{id}}-from-env', Item: { id: { S: '1' }, count: { N: '2' } } }],
    ]);
  }));
//@@ restest.bucket.read

test('get{{Name}}Object reads the bucket named in {{env}}', () =>
  withEnv('{{env}}', '{{id}}-from-env', async () => {
    const fake = new FakeClient({ GetObject: { Body: { transformToByteArray: async () => Buffer.from('content') } } });
    resources.useClient('s3', fake);
    assert.equal((await resources.get{{Name}}Object('a/b.txt')).toString(), 'content');
    assert.deepEqual(fake.calls, [['GetObject', { Bucket: '{{id}}-from-env', Key: 'a/b.txt' }]]);
  }));
//@@ restest.bucket.write

test('put{{Name}}Object writes to the bucket named in {{env}}', () =>
  withEnv('{{env}}', '{{id}}-from-env', async () => {
    const fake = new FakeClient();
    resources.useClient('s3', fake);
    await resources.put{{Name}}Object('a/b.json', { x: 1 }, 'application/json');
    assert.deepEqual(fake.calls, [
      ['PutObject', { Bucket: '{{id}}-from-env', Key: 'a/b.json', Body: Buffer.from('{"x":1}'), ContentType: 'application/json' }],
    ]);
  }));
//@@ restest.queue

test('send{{Name}}Message sends to the queue in {{env}}', () =>
  withEnv('{{env}}', 'https://sqs.us-east-1.amazonaws.com/123456789012/{{id}}', async () => {
    const fake = new FakeClient({ SendMessage: { MessageId: 'm-1' } });
    resources.useClient('sqs', fake);
    assert.equal(await resources.send{{Name}}Message({ id: '1' }), 'm-1');
    assert.deepEqual(fake.calls, [
      ['SendMessage', { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/{{id}}', MessageBody: '{"id":"1"}' }],
    ]);
  }));
//@@ restest.topic

test('publish{{Name}} publishes to the topic in {{env}}', () =>
  withEnv('{{env}}', 'arn:aws:sns:us-east-1:123456789012:{{id}}', async () => {
    const fake = new FakeClient({ Publish: { MessageId: 'm-1' } });
    resources.useClient('sns', fake);
    assert.equal(await resources.publish{{Name}}('hello', 'Greeting'), 'm-1');
    assert.deepEqual(fake.calls, [
      ['Publish', { TopicArn: 'arn:aws:sns:us-east-1:123456789012:{{id}}', Message: 'hello', Subject: 'Greeting' }],
    ]);
  }));
//@@ restest.stream

test('put{{Name}}Record puts to the stream named in {{env}}', () =>
  withEnv('{{env}}', '{{id}}-from-env', async () => {
    const fake = new FakeClient({ PutRecord: { SequenceNumber: '1' } });
    resources.useClient('kinesis', fake);
    assert.equal(await resources.put{{Name}}Record({ clicks: 1 }, 'user-1'), '1');
    assert.deepEqual(fake.calls, [
      ['PutRecord', { StreamName: '{{id}}-from-env', Data: Buffer.from('{"clicks":1}'), PartitionKey: 'user-1' }],
    ]);
  }));
//@@ restest.deliveryStream

test('put{{Name}}Record puts to the delivery stream named in {{env}}', () =>
  withEnv('{{env}}', '{{id}}-from-env', async () => {
    const fake = new FakeClient();
    resources.useClient('firehose', fake);
    await resources.put{{Name}}Record({ level: 'info' });
    assert.deepEqual(fake.calls, [
      ['PutRecord', { DeliveryStreamName: '{{id}}-from-env', Record: { Data: Buffer.from('{"level":"info"}\n') } }],
    ]);
  }));
//@@ restest.eventBus

test('put{{Name}}Event puts on the bus named in {{env}}', () =>
  withEnv('{{env}}', '{{id}}-from-env', async () => {
    const fake = new FakeClient({ PutEvents: { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] } });
    resources.useClient('eventbridge', fake);
    await resources.put{{Name}}Event('OrderPlaced', { orderId: '42' });
    assert.deepEqual(fake.calls, [
      ['PutEvents', { Entries: [{ EventBusName: '{{id}}-from-env', Source: '{{app}}', DetailType: 'OrderPlaced', Detail: '{"orderId":"42"}' }] }],
    ]);
  }));
//@@ restest.fn

test('invoke{{Name}} invokes the function named in {{env}}', () =>
  withEnv('{{env}}', '{{id}}-from-env', async () => {
    const fake = new FakeClient({ Invoke: { StatusCode: 200, Payload: Buffer.from('{"ok":true}') } });
    resources.useClient('lambda', fake);
    assert.deepEqual(await resources.invoke{{Name}}({ id: '1' }), { ok: true });
    assert.deepEqual(fake.calls, [['Invoke', { FunctionName: '{{id}}-from-env', Payload: Buffer.from('{"id":"1"}') }]]);
  }));
//@@ restest.stepFn

test('start{{Name}}Execution starts the state machine in {{env}}', () =>
  withEnv('{{env}}', 'arn:aws:states:us-east-1:123456789012:stateMachine:{{id}}', async () => {
    const fake = new FakeClient({ StartExecution: { executionArn: 'arn:exec' } });
    resources.useClient('sfn', fake);
    assert.equal(await resources.start{{Name}}Execution({ id: '1' }), 'arn:exec');
    assert.deepEqual(fake.calls, [
      ['StartExecution', { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:{{id}}', input: '{"id":"1"}' }],
    ]);
  }));
//@@ restest.api

test('call{{Name}} calls the API at {{env}}', () =>
  withEnv('{{env}}', 'https://abc.execute-api.us-east-1.amazonaws.com/prod/', async () => {
    const seen: Any[] = [];
    resources.useFetch(async (url: string, init: Any) => {
      seen.push([init.method, url, init.body]);
      return { ok: true, status: 200, text: async () => '{"ok":true}' };
    });
    assert.deepEqual(await resources.call{{Name}}('POST', '/items', { id: '1' }), { ok: true });
    assert.deepEqual(seen, [['POST', 'https://abc.execute-api.us-east-1.amazonaws.com/prod/items', '{"id":"1"}']]);
  }));
//@@ restest.secret

test('get{{Name}}Secret reads the secret in {{env}}', () =>
  withEnv('{{env}}', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:{{id}}', async () => {
    const fake = new FakeClient({ GetSecretValue: { SecretString: 's3cr3t' } });
    resources.useClient('secretsmanager', fake);
    assert.equal(await resources.get{{Name}}Secret(), 's3cr3t');
    assert.deepEqual(fake.calls, [['GetSecretValue', { SecretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:{{id}}' }]]);
  }));
//@@ restest.parameter

test('get{{Name}}Parameter reads the parameter named in {{env}}', () =>
  withEnv('{{env}}', '/{{app}}/{{id}}', async () => {
    const fake = new FakeClient({ GetParameter: { Parameter: { Value: 'v1' } } });
    resources.useClient('ssm', fake);
    assert.equal(await resources.get{{Name}}Parameter(), 'v1');
    assert.deepEqual(fake.calls, [['GetParameter', { Name: '/{{app}}/{{id}}', WithDecryption: true }]]);
  }));
