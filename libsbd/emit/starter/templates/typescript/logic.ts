// The business logic of {{fn_id}}: plain functions with typed inputs and no
// Lambda event shapes, called by the handler in app.ts. Replace the bodies.
//
// Outgoing connections (helpers in resources.ts):
{{wires_doc}}
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.api on.http_api on.schedule on.eventbridge
import type * as events from './events.ts';
//@@end
{{logic}}