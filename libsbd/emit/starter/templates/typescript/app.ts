// The Lambda handler of {{fn_id}}: an adapter from each event source wired to
// the function to the plain business functions of logic.ts.
//
// Written by sbd (Serverless by Design) as starter code: keep this file thin
// and put the business logic in logic.ts, where it can be tested without
// Lambda. Event sources:
{{sources_doc}}
import * as events from './events.ts';
import * as businessLogic from './logic.ts';

export type Logic = typeof businessLogic;

/** The handler over a set of business functions (tests pass their own). */
export function makeHandler(logic: Logic) {
  return async function handler(event: events.LambdaEvent, context?: unknown): Promise<unknown> {
    void context;
    const source = events.sourceOf(event);
{{dispatch}}    throw new Error(`{{fn_id}} is not wired to receive ${source} events`);
  };
}

export const handler = makeHandler(businessLogic);
