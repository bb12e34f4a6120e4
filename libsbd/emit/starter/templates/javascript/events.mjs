// Turns the events of AWS Lambda's event sources into plain values.
//
// Written by sbd (Serverless by Design) for the event sources of {{fn_id}}
// (and the helpers of resources.mjs): the handler (app.mjs) uses it so that
// the business logic (logic.mjs) never sees the shape of a Lambda event.
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis

const RECORD_SOURCES = {
//@@if on.s3
  'aws:s3': 's3',
//@@end
//@@if on.sqs
  'aws:sqs': 'sqs',
//@@end
//@@if on.sns
  'aws:sns': 'sns',
//@@end
//@@if on.dynamodb
  'aws:dynamodb': 'dynamodb',
//@@end
//@@if on.kinesis
  'aws:kinesis': 'kinesis',
//@@end
};
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.api on.http_api on.schedule on.eventbridge res.table.read res.table.write

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
//@@end

/**
 * The kind of event, among the sources of {{fn_id}}; anything else is
 * 'invoke' (a direct invocation by a function, a state machine or the CLI,
 * or an IoT rule's message).
 */
export function sourceOf(event) {
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.api on.http_api on.schedule on.eventbridge
  if (!isObject(event)) return 'invoke';
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis
  const records = event.Records;
  if (Array.isArray(records) && records.length > 0 && isObject(records[0])) {
    const source = records[0].eventSource ?? records[0].EventSource ?? '';
    return RECORD_SOURCES[source] ?? 'invoke';
  }
//@@end
//@@if on.firehose
  if ('deliveryStreamArn' in event && Array.isArray(event.records)) return 'firehose';
//@@end
//@@if on.api on.http_api
  if (isObject(event.requestContext)) {
//@@if on.http_api
    if (event.version === '2.0' && isObject(event.requestContext.http)) return 'http_api';
//@@end
//@@if on.api
    if ('httpMethod' in event) return 'api';
//@@end
  }
//@@end
//@@if on.schedule
//@@if on.eventbridge
  if ('detail-type' in event && 'source' in event) {
    return event['detail-type'] === 'Scheduled Event' && event.source === 'aws.events' ? 'schedule' : 'eventbridge';
  }
//@@end
//@@if !on.eventbridge
  if (event['detail-type'] === 'Scheduled Event' && event.source === 'aws.events') return 'schedule';
//@@end
//@@end
//@@if on.eventbridge
//@@if !on.schedule
  if ('detail-type' in event && 'source' in event) return 'eventbridge';
//@@end
//@@end
  return 'invoke';
}
//@@if on.sqs on.sns on.kinesis on.api on.http_api res.api

/** The JSON value of a text, or the text itself when it is not JSON. */
export function parseJson(text) {
  if (text === undefined || text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
//@@end
//@@if on.s3

// --- S3 ----------------------------------------------------------------------

/** @returns {{bucket: string, key: string, size: number, eventName: string}[]} (key decoded) */
export function s3Objects(event) {
  return event.Records.map((r) => ({
    bucket: r.s3.bucket.name,
    key: decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')),
    size: Number(r.s3.object.size ?? 0),
    eventName: r.eventName ?? '',
  }));
}
//@@end
//@@if on.sqs

// --- SQS ---------------------------------------------------------------------

/** @returns {{messageId: string, body: any, attributes: object, queueArn: string}[]} */
export function queueMessages(event) {
  return event.Records.map((r) => ({
    messageId: r.messageId,
    body: parseJson(r.body),
    attributes: r.messageAttributes ?? {},
    queueArn: r.eventSourceARN ?? '',
  }));
}
//@@end
//@@if on.sns

// --- SNS ---------------------------------------------------------------------

/** @returns {{messageId: string, topicArn: string, subject: string|null, message: any}[]} */
export function notifications(event) {
  return event.Records.map((r) => ({
    messageId: r.Sns.MessageId,
    topicArn: r.Sns.TopicArn ?? '',
    subject: r.Sns.Subject ?? null,
    message: parseJson(r.Sns.Message),
  }));
}
//@@end
//@@if on.dynamodb svc.dynamodb

// --- DynamoDB ----------------------------------------------------------------
//@@end
//@@if on.dynamodb res.table.read

/** A plain value from a DynamoDB attribute value ({S: 'x'} -> 'x'). */
export function fromDynamo(value) {
  const [[tag, v]] = Object.entries(value);
  switch (tag) {
    case 'S':
    case 'BOOL':
      return v;
    case 'N':
      return Number(v);
    case 'NULL':
      return null;
    case 'B':
      return Buffer.from(v, 'base64');
    case 'M':
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromDynamo(x)]));
    case 'L':
      return v.map(fromDynamo);
    case 'SS':
      return new Set(v);
    case 'NS':
      return new Set(v.map(Number));
    case 'BS':
      return new Set(v.map((x) => Buffer.from(x, 'base64')));
    default:
      throw new Error(`unknown DynamoDB type ${tag}`);
  }
}

export const itemFromDynamo = (image) =>
  image == null ? null : Object.fromEntries(Object.entries(image).map(([k, v]) => [k, fromDynamo(v)]));
//@@end
//@@if res.table.read res.table.write

/** A DynamoDB attribute value from a plain value ('x' -> {S: 'x'}). */
export function toDynamo(value) {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'string') return { S: value };
  if (value instanceof Uint8Array) return { B: value };
  if (Array.isArray(value)) return { L: value.map(toDynamo) };
  if (value instanceof Set) return { SS: [...value].map(String).sort() };
  if (isObject(value)) return { M: itemToDynamo(value) };
  throw new TypeError(`cannot store ${typeof value} in DynamoDB`);
}

export const itemToDynamo = (item) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, toDynamo(v)]));
//@@end
//@@if on.dynamodb

/** @returns {{eventName: string, keys: object, newImage: object|null, oldImage: object|null, sequenceNumber: string}[]} */
export function tableChanges(event) {
  return event.Records.map((r) => ({
    eventName: r.eventName,
    keys: itemFromDynamo(r.dynamodb.Keys) ?? {},
    newImage: itemFromDynamo(r.dynamodb.NewImage),
    oldImage: itemFromDynamo(r.dynamodb.OldImage),
    sequenceNumber: r.dynamodb.SequenceNumber,
  }));
}
//@@end
//@@if on.kinesis

// --- Kinesis -----------------------------------------------------------------

/** @returns {{partitionKey: string, sequenceNumber: string, data: Buffer, json: () => any}[]} (data decoded from base64) */
export function streamRecords(event) {
  return event.Records.map((r) => {
    const data = Buffer.from(r.kinesis.data, 'base64');
    return {
      partitionKey: r.kinesis.partitionKey,
      sequenceNumber: r.kinesis.sequenceNumber,
      data,
      json: () => parseJson(data.toString('utf8')),
    };
  });
}
//@@end
//@@if on.sqs on.dynamodb on.kinesis

// --- Partial batch failures (SQS, Kinesis, DynamoDB streams) -----------------

/**
 * Processes each item in turn; the ids of those that threw are reported so
 * that only they are retried (the event source's ReportBatchItemFailures).
 */
export async function batchResponse(items, itemId, process) {
  const batchItemFailures = [];
  for (const item of items) {
    try {
      await process(item);
    } catch (err) {
      console.error(`item ${itemId(item)} failed`, err);
      batchItemFailures.push({ itemIdentifier: itemId(item) });
    }
  }
  return { batchItemFailures };
}
//@@end
//@@if on.api on.http_api

// --- API Gateway (REST proxy and HTTP API v2) --------------------------------

const lowerKeys = (headers) => Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
const bodyOf = (event) =>
  event.body != null && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? null);

function request(method, path, event) {
  const body = bodyOf(event);
  return {
    method,
    path,
    pathParameters: event.pathParameters ?? {},
    query: event.queryStringParameters ?? {},
    headers: lowerKeys(event.headers),
    body,
    json: () => parseJson(body),
  };
}

//@@if on.api
/** A REST API (API Gateway v1) proxy integration request. */
export const apiRequest = (event) => request(event.httpMethod, event.path ?? '/', event);

//@@end
//@@if on.http_api
/** An HTTP API (payload format 2.0) request. */
export const httpApiRequest = (event) =>
  request(event.requestContext.http.method, event.rawPath ?? event.requestContext.http.path ?? '/', event);

//@@end
/**
 * The proxy response of a REST API or an HTTP API from {status, body, headers}:
 * a string body is sent as is, anything else as JSON.
 */
export function apiResponse({ status = 200, body = null, headers = {} } = {}) {
  const out = { ...headers };
  let text = body ?? '';
  if (typeof text !== 'string') {
    text = JSON.stringify(text);
    if (!Object.keys(out).some((k) => k.toLowerCase() === 'content-type')) out['Content-Type'] = 'application/json';
  }
  return { statusCode: status, headers: out, body: text, isBase64Encoded: false };
}
//@@end
//@@if on.eventbridge

// --- EventBridge -------------------------------------------------------------

/** @returns {{source: string, detailType: string, detail: any, time: string}} */
export const busEvent = (event) => ({
  source: event.source,
  detailType: event['detail-type'],
  detail: event.detail ?? null,
  time: event.time ?? '',
});
//@@end
//@@if on.schedule

// --- Schedules ---------------------------------------------------------------

/** @returns {{time: string, rules: string[]}} */
export const scheduleTick = (event) => ({ time: event.time ?? '', rules: [...(event.resources ?? [])] });
//@@end
//@@if on.firehose

// --- Firehose data transformation --------------------------------------------

/**
 * Transforms each record: a Buffer or string -> Ok with the new data, null ->
 * Dropped, a throw -> ProcessingFailed (Firehose sends it to the error prefix).
 */
export async function firehoseResponse(event, transform) {
  const records = [];
  for (const record of event.records) {
    let data;
    try {
      data = await transform(Buffer.from(record.data, 'base64'));
    } catch (err) {
      console.error(`record ${record.recordId} failed`, err);
      records.push({ recordId: record.recordId, result: 'ProcessingFailed', data: record.data });
      continue;
    }
    if (data === null || data === undefined) {
      records.push({ recordId: record.recordId, result: 'Dropped', data: record.data });
    } else {
      records.push({ recordId: record.recordId, result: 'Ok', data: Buffer.from(data).toString('base64') });
    }
  }
  return { records };
}
//@@end
