// The business logic of {{fn_id}}: plain functions with typed inputs and no
// Lambda event shapes, called by the handler in app.ts. Replace the bodies.
//
// Outgoing connections (helpers in resources.ts):
{{wires_doc}}
import type * as events from './events.ts';
import * as resources from './resources.ts';

void resources; // the SDK helpers of the outgoing connections
{{logic}}