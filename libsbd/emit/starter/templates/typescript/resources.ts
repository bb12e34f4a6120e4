// AWS SDK for JavaScript v3 clients and small helpers for {{fn_id}}'s outgoing
// connections, configured from the environment variables that the template
// sets. The SDK is imported on first use (it is part of the Lambda Node.js
// runtime and left out of the bundle), so importing this module needs neither
// the SDK nor credentials, and tests can replace a client with useClient().
import { itemFromDynamo, itemToDynamo, parseJson } from './events.ts';
import type { Item } from './events.ts';

const SDK: Record<string, [string, string]> = {
  dynamodb: ['@aws-sdk/client-dynamodb', 'DynamoDBClient'],
  s3: ['@aws-sdk/client-s3', 'S3Client'],
  sqs: ['@aws-sdk/client-sqs', 'SQSClient'],
  sns: ['@aws-sdk/client-sns', 'SNSClient'],
  kinesis: ['@aws-sdk/client-kinesis', 'KinesisClient'],
  firehose: ['@aws-sdk/client-firehose', 'FirehoseClient'],
  eventbridge: ['@aws-sdk/client-eventbridge', 'EventBridgeClient'],
  lambda: ['@aws-sdk/client-lambda', 'LambdaClient'],
  sfn: ['@aws-sdk/client-sfn', 'SFNClient'],
  secretsmanager: ['@aws-sdk/client-secrets-manager', 'SecretsManagerClient'],
  ssm: ['@aws-sdk/client-ssm', 'SSMClient'],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Output = Record<string, any>;

/** What the helpers need of a client: one operation ("PutItem", ...) at a time. */
export interface Client {
  send(operation: string, input: Record<string, unknown>): Promise<Output>;
}

type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

const clients = new Map<string, Client>();
let fetchImpl: Fetch = (url, init) => fetch(url, init);

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

/** Replaces fetch (for tests). */
export function useFetch(replacement: Fetch): void {
  fetchImpl = replacement;
}

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`environment variable ${name} is not set`);
  return value;
}

const bytes = (data: unknown): Uint8Array =>
  data instanceof Uint8Array ? data : Buffer.from(typeof data === 'string' ? data : JSON.stringify(data));
const text = (data: unknown): string => (typeof data === 'string' ? data : JSON.stringify(data));
// Keeps the linter quiet when a function has no helper that uses these.
void [itemFromDynamo, itemToDynamo, parseJson, env, bytes, text, fetchImpl];
export type { Item };
{{resources}}