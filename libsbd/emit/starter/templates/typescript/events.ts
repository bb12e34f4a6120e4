// Turns the events of AWS Lambda's event sources into plain, typed values.
//
// Written by sbd (Serverless by Design) for the event sources of {{fn_id}}
// (and the helpers of resources.ts): the handler (app.ts) uses it so that the
// business logic (logic.ts) never sees the shape of a Lambda event. Only
// erasable TypeScript syntax is used, so that Node.js can run it with type
// stripping.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LambdaEvent = any;

/** The sources of {{fn_id}}. */
export type Source =
//@@if on.s3
  | 's3'
//@@end
//@@if on.sqs
  | 'sqs'
//@@end
//@@if on.sns
  | 'sns'
//@@end
//@@if on.dynamodb
  | 'dynamodb'
//@@end
//@@if on.kinesis
  | 'kinesis'
//@@end
//@@if on.firehose
  | 'firehose'
//@@end
//@@if on.api
  | 'api'
//@@end
//@@if on.http_api
  | 'http_api'
//@@end
//@@if on.schedule
  | 'schedule'
//@@end
//@@if on.eventbridge
  | 'eventbridge'
//@@end
  | 'invoke';
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis

const RECORD_SOURCES: Record<string, Source> = {
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
//@@end

/**
 * The kind of event, among the sources of {{fn_id}}; 'invoke' for anything
 * else: a direct invocation by a function, a state machine or the CLI, or an
 * IoT rule's message.
 */
export function sourceOf(event: unknown): Source {
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.api on.http_api on.schedule on.eventbridge
  if (!isObject(event)) return 'invoke';
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis
  const records = event.Records;
  if (Array.isArray(records) && records.length > 0 && isObject(records[0])) {
    const source = String(records[0].eventSource ?? records[0].EventSource ?? '');
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
export function parseJson(text: string | null | undefined): unknown {
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

export interface S3Object {
  bucket: string;
  key: string; // decoded: "my photo.jpg", not "my+photo.jpg"
  size: number;
  eventName: string; // e.g. "ObjectCreated:Put"
}

export function s3Objects(event: LambdaEvent): S3Object[] {
  return event.Records.map((r: LambdaEvent) => ({
    bucket: r.s3.bucket.name,
    key: decodeURIComponent(String(r.s3.object.key).replace(/\+/g, ' ')),
    size: Number(r.s3.object.size ?? 0),
    eventName: r.eventName ?? '',
  }));
}
//@@end
//@@if on.sqs

// --- SQS ---------------------------------------------------------------------

export interface QueueMessage {
  messageId: string;
  body: unknown; // the parsed JSON body, or the text
  attributes: Record<string, unknown>;
  queueArn: string;
}

export function queueMessages(event: LambdaEvent): QueueMessage[] {
  return event.Records.map((r: LambdaEvent) => ({
    messageId: r.messageId,
    body: parseJson(r.body),
    attributes: r.messageAttributes ?? {},
    queueArn: r.eventSourceARN ?? '',
  }));
}
//@@end
//@@if on.sns

// --- SNS ---------------------------------------------------------------------

export interface Notification {
  messageId: string;
  topicArn: string;
  subject: string | null;
  message: unknown; // the parsed JSON message, or the text
}

export function notifications(event: LambdaEvent): Notification[] {
  return event.Records.map((r: LambdaEvent) => ({
    messageId: r.Sns.MessageId,
    topicArn: r.Sns.TopicArn ?? '',
    subject: r.Sns.Subject ?? null,
    message: parseJson(r.Sns.Message),
  }));
}
//@@end
//@@if on.dynamodb svc.dynamodb

// --- DynamoDB ----------------------------------------------------------------

export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, unknown>;
//@@end
//@@if on.dynamodb res.table.read

/** A plain value from a DynamoDB attribute value ({S: 'x'} -> 'x'). */
export function fromDynamo(value: AttributeValue): unknown {
  const [[tag, v]] = Object.entries(value) as [string, LambdaEvent][];
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
      return itemFromDynamo(v);
    case 'L':
      return (v as AttributeValue[]).map(fromDynamo);
    case 'SS':
      return new Set(v as string[]);
    case 'NS':
      return new Set((v as string[]).map(Number));
    case 'BS':
      return new Set((v as string[]).map((x) => Buffer.from(x, 'base64')));
    default:
      throw new Error(`unknown DynamoDB type ${tag}`);
  }
}

export function itemFromDynamo(image: Record<string, AttributeValue> | null | undefined): Item | null {
  return image == null ? null : Object.fromEntries(Object.entries(image).map(([k, v]) => [k, fromDynamo(v)]));
}
//@@end
//@@if res.table.read res.table.write

/** A DynamoDB attribute value from a plain value ('x' -> {S: 'x'}). */
export function toDynamo(value: unknown): AttributeValue {
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

export function itemToDynamo(item: Item): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, toDynamo(v)]));
}
//@@end
//@@if on.dynamodb

export interface TableChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  keys: Item;
  newImage: Item | null;
  oldImage: Item | null;
  sequenceNumber: string;
}

export function tableChanges(event: LambdaEvent): TableChange[] {
  return event.Records.map((r: LambdaEvent) => ({
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

export interface StreamRecord {
  partitionKey: string;
  sequenceNumber: string;
  data: Buffer; // decoded from base64
  json(): unknown;
}

export function streamRecords(event: LambdaEvent): StreamRecord[] {
  return event.Records.map((r: LambdaEvent) => {
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

export interface BatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/**
 * Processes each item in turn; the ids of those that threw are reported so
 * that only they are retried (the event source's ReportBatchItemFailures).
 */
export async function batchResponse<T>(
  items: T[],
  itemId: (item: T) => string,
  process: (item: T) => Promise<void> | void,
): Promise<BatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
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

export interface Request {
  method: string;
  path: string;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>; // lower-case names
  body: string | null;
  json(): unknown;
}

export interface Response {
  status?: number;
  body?: unknown; // a string is sent as is, anything else as JSON
  headers?: Record<string, string>;
}

export interface ProxyResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

const lowerKeys = (headers: Record<string, string> | null | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

function request(method: string, path: string, event: LambdaEvent): Request {
  const body: string | null =
    event.body != null && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : (event.body ?? null);
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
export const apiRequest = (event: LambdaEvent): Request => request(event.httpMethod, event.path ?? '/', event);

//@@end
//@@if on.http_api
/** An HTTP API (payload format 2.0) request. */
export const httpApiRequest = (event: LambdaEvent): Request =>
  request(event.requestContext.http.method, event.rawPath ?? event.requestContext.http.path ?? '/', event);

//@@end
/** The proxy response of a REST API or an HTTP API. */
export function apiResponse({ status = 200, body = null, headers = {} }: Response = {}): ProxyResponse {
  const out: Record<string, string> = { ...headers };
  let text: string;
  if (typeof body === 'string' || body === null || body === undefined) {
    text = body ?? '';
  } else {
    text = JSON.stringify(body);
    if (!Object.keys(out).some((k) => k.toLowerCase() === 'content-type')) out['Content-Type'] = 'application/json';
  }
  return { statusCode: status, headers: out, body: text, isBase64Encoded: false };
}
//@@end
//@@if on.eventbridge

// --- EventBridge -------------------------------------------------------------

export interface BusEvent {
  source: string;
  detailType: string;
  detail: unknown;
  time: string;
}

export const busEvent = (event: LambdaEvent): BusEvent => ({
  source: event.source,
  detailType: event['detail-type'],
  detail: event.detail ?? null,
  time: event.time ?? '',
});
//@@end
//@@if on.schedule

// --- Schedules ---------------------------------------------------------------

export interface Tick {
  time: string; // ISO 8601
  rules: string[];
}

export const scheduleTick = (event: LambdaEvent): Tick => ({ time: event.time ?? '', rules: [...(event.resources ?? [])] });
//@@end
//@@if on.firehose

// --- Firehose data transformation --------------------------------------------

export interface FirehoseRecordResult {
  recordId: string;
  result: 'Ok' | 'Dropped' | 'ProcessingFailed';
  data: string;
}

/**
 * Transforms each record: new data -> Ok, null -> Dropped, a throw ->
 * ProcessingFailed (Firehose sends it to the error prefix).
 */
export async function firehoseResponse(
  event: LambdaEvent,
  transform: (data: Buffer) => Promise<Uint8Array | string | null> | Uint8Array | string | null,
): Promise<{ records: FirehoseRecordResult[] }> {
  const records: FirehoseRecordResult[] = [];
  for (const record of event.records as { recordId: string; data: string }[]) {
    let data: Uint8Array | string | null;
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
