// The business logic of {{fn_id}}: plain functions with typed inputs and no
// Lambda event shapes, called by the handler in main.go. Replace the bodies.
//
// Outgoing connections (helpers in resources.go):
{{wires_doc}}
package main

import (
	"context"
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.schedule on.eventbridge on.iot
	"log"
//@@end
)

// Logic holds the business functions the handler calls.
type Logic struct {
{{logic_fields}}}

// DefaultLogic gives the functions of this file.
func DefaultLogic() Logic {
	return Logic{
{{logic_inits}}	}
}
{{logic}}