// AWS SDK for JavaScript v3 clients and small helpers for {{fn_id}}'s outgoing
// connections, configured from the environment variables that the template
// sets. The SDK is imported on first use (it is part of the Lambda Node.js
// runtime and left out of the bundle), so importing this module needs neither
// the SDK nor credentials, and tests can replace a client with useClient().
//@@if res.table.read res.table.write res.api
import {
//@@if res.table.read
  itemFromDynamo,
//@@end
//@@if res.table.read res.table.write
  itemToDynamo,
//@@end
//@@if res.api
  parseJson,
//@@end
} from './events.ts';
//@@end
//@@if res.table.read res.table.write
import type { Item } from './events.ts';
//@@end
//@@if res.table.read res.table.write res.bucket.read res.bucket.write res.queue res.topic res.stream res.deliveryStream res.eventBus res.fn res.stepFn res.secret res.parameter

const SDK: Record<string, [string, string]> = {
//@@if svc.dynamodb
  dynamodb: ['@aws-sdk/client-dynamodb', 'DynamoDBClient'],
//@@end
//@@if svc.s3
  s3: ['@aws-sdk/client-s3', 'S3Client'],
//@@end
//@@if svc.sqs
  sqs: ['@aws-sdk/client-sqs', 'SQSClient'],
//@@end
//@@if svc.sns
  sns: ['@aws-sdk/client-sns', 'SNSClient'],
//@@end
//@@if svc.kinesis
  kinesis: ['@aws-sdk/client-kinesis', 'KinesisClient'],
//@@end
//@@if svc.firehose
  firehose: ['@aws-sdk/client-firehose', 'FirehoseClient'],
//@@end
//@@if svc.eventbridge
  eventbridge: ['@aws-sdk/client-eventbridge', 'EventBridgeClient'],
//@@end
//@@if svc.lambda
  lambda: ['@aws-sdk/client-lambda', 'LambdaClient'],
//@@end
//@@if svc.sfn
  sfn: ['@aws-sdk/client-sfn', 'SFNClient'],
//@@end
//@@if svc.secretsmanager
  secretsmanager: ['@aws-sdk/client-secrets-manager', 'SecretsManagerClient'],
//@@end
//@@if svc.ssm
  ssm: ['@aws-sdk/client-ssm', 'SSMClient'],
//@@end
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Output = Record<string, any>;

/** What the helpers need of a client: one operation ("PutItem", ...) at a time. */
export interface Client {
  send(operation: string, input: Record<string, unknown>): Promise<Output>;
}

//@@end
//@@if res.api

type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

let fetchImpl: Fetch = (url, init) => fetch(url, init);

/** Replaces fetch (for tests). */
export function useFetch(replacement: Fetch): void {
  fetchImpl = replacement;
}
//@@end
//@@if res.table.read res.table.write res.bucket.read res.bucket.write res.queue res.topic res.stream res.deliveryStream res.eventBus res.fn res.stepFn res.secret res.parameter

const clients = new Map<string, Client>();

/** Sends one operation of a service, making its client once. */
export async function send(service: string, operation: string, input: Record<string, unknown>): Promise<Output> {
  let client = clients.get(service);
  if (!client) {
    const [pkg, className] = SDK[service];
    const sdk = await import(pkg);
    const sdkClient = new sdk[className]({});
    client = { send: (op, params) => sdkClient.send(new sdk[`${op}Command`](params)) };
    clients.set(service, client);
  }
  return client.send(operation, input);
}

/** Replaces the client of a service (for tests). */
export function useClient(service: string, client: Client): void {
  clients.set(service, client);
}
//@@end

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`environment variable ${name} is not set`);
  return value;
}

//@@if res.bucket.write res.stream res.deliveryStream res.fn
const bytes = (data: unknown): Uint8Array =>
  data instanceof Uint8Array ? data : Buffer.from(typeof data === 'string' ? data : JSON.stringify(data));
//@@end
//@@if res.queue res.topic
const text = (data: unknown): string => (typeof data === 'string' ? data : JSON.stringify(data));
//@@end
//@@if res.table.read res.table.write
export type { Item };
//@@end
{{resources}}