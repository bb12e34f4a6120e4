// AWS SDK for JavaScript v3 clients and small helpers for {{fn_id}}'s outgoing
// connections, configured from the environment variables that the template
// sets. The SDK is imported on first use (it is part of the Lambda Node.js
// runtime), so importing this module needs neither the SDK nor credentials,
// and tests can replace a client with useClient().
import { itemFromDynamo, itemToDynamo, parseJson } from './events.mjs';

const SDK = {
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

const clients = new Map();
let fetchImpl = (...args) => fetch(...args);

/** Sends one operation ("PutItem", ...) of a service, making its client once. */
export async function send(service, operation, input) {
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

/** Replaces the client of a service (for tests): an object with send(operation, input). */
export function useClient(service, client) {
  clients.set(service, client);
}

/** Replaces fetch (for tests). */
export function useFetch(replacement) {
  fetchImpl = replacement;
}

const env = (name) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`environment variable ${name} is not set`);
  return value;
};
const bytes = (data) =>
  data instanceof Uint8Array ? data : Buffer.from(typeof data === 'string' ? data : JSON.stringify(data));
const text = (data) => (typeof data === 'string' ? data : JSON.stringify(data));
// Keeps the linter quiet when a function has no helper that uses these.
void [itemFromDynamo, itemToDynamo, parseJson, env, bytes, text, fetchImpl];
{{resources}}