// Unit tests of {{fn_id}}: the handler with a sample event of each source
// (events/*.json, also usable with `sam local invoke -e`) and the SDK helpers
// with fake clients. No AWS access needed: `npm test` (Node.js 22.6 or later,
// which strips the types).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { handler, makeHandler } from './app.ts';
import * as logic from './logic.ts';
//@@if wires
import * as resources from './resources.ts';
//@@end

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const load = (name: string): Any =>
  JSON.parse(readFileSync(new URL(`./events/${name}.json`, import.meta.url), 'utf8'));
//@@if res.table.read res.table.write res.bucket.read res.bucket.write res.queue res.topic res.stream res.deliveryStream res.eventBus res.fn res.stepFn res.secret res.parameter

/** Records the operations sent to an AWS SDK client and answers them. */
class FakeClient implements resources.Client {
  calls: [string, Record<string, unknown>][] = [];
  responses: Record<string, Any>;

  constructor(responses: Record<string, Any> = {}) {
    this.responses = responses;
  }

  async send(operation: string, input: Record<string, unknown>): Promise<Any> {
    this.calls.push([operation, input]);
    return this.responses[operation] ?? {};
  }
}
//@@end
//@@if wires

function withEnv(name: string, value: string, fn: () => Promise<void>): Promise<void> {
  const old = process.env[name];
  process.env[name] = value;
  return fn().finally(() => {
    if (old === undefined) delete process.env[name];
    else process.env[name] = old;
  });
}
//@@end
{{tests}}