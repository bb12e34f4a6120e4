// The Lambda handler of {{fn_id}}: an adapter from each event source wired to
// the function to the plain business functions of logic.mjs.
//
// Written by sbd (Serverless by Design) as starter code: keep this file thin
// and put the business logic in logic.mjs, where it can be tested without
// Lambda. Event sources:
{{sources_doc}}
import * as events from './events.mjs';
import * as businessLogic from './logic.mjs';

/** The handler over a set of business functions (tests pass their own). */
export function makeHandler(logic) {
  return async function handler(event, context) {
    const source = events.sourceOf(event);
{{dispatch}}    throw new Error(`{{fn_id}} is not wired to receive ${source} events`);
  };
}

export const handler = makeHandler(businessLogic);
