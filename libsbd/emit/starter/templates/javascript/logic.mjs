// The business logic of {{fn_id}}: plain functions with plain inputs and no
// Lambda event shapes, called by the handler in app.mjs. Replace the bodies.
//
// Outgoing connections (helpers in resources.mjs):
{{wires_doc}}
{{logic}}