// Unit tests of {{fn_id}}: the handler with a sample event of each source
// (events/*.json, also usable with `sam local invoke -e`) and the SDK helpers
// with fake clients. No AWS access needed: run `node --test` here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { handler, makeHandler } from './app.mjs';
import * as logic from './logic.mjs';
import * as resources from './resources.mjs';

const load = (name) => JSON.parse(readFileSync(new URL(`./events/${name}.json`, import.meta.url), 'utf8'));

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

function withEnv(name, value, fn) {
  const old = process.env[name];
  process.env[name] = value;
  return Promise.resolve(fn()).finally(() => {
    if (old === undefined) delete process.env[name];
    else process.env[name] = old;
  });
}
void [handler, makeHandler, logic, resources, FakeClient, withEnv, load];
{{tests}}