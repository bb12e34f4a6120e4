// Unit tests of {{fn_id}}: the handler with a sample event of each source
// (events/*.json, also usable with `sam local invoke -e`) and the SDK helpers
// with fake clients. No AWS access needed: run `node --test` here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { handler, makeHandler } from './app.mjs';
import * as logic from './logic.mjs';
//@@if wires
import * as resources from './resources.mjs';
//@@end

const load = (name) => JSON.parse(readFileSync(new URL(`./events/${name}.json`, import.meta.url), 'utf8'));
//@@if res.table.read res.table.write res.bucket.read res.bucket.write res.queue res.topic res.stream res.deliveryStream res.eventBus res.fn res.stepFn res.secret res.parameter

/** Records the operations sent to an AWS SDK client and answers them. */
class FakeClient {
  constructor(responses = {}) {
    this.calls = [];
    this.responses = responses;
  }

  async send(operation, input) {
    this.calls.push([operation, input]);
    return this.responses[operation] ?? {};
  }
}
//@@end
//@@if wires

function withEnv(name, value, fn) {
  const old = process.env[name];
  process.env[name] = value;
  return Promise.resolve(fn()).finally(() => {
    if (old === undefined) delete process.env[name];
    else process.env[name] = old;
  });
}
//@@end
{{tests}}