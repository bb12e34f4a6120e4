// The Lambda handler of {{fn_id}}: an adapter from each event source wired to
// the function to the plain business functions of logic.go.
//
// Written by sbd (Serverless by Design) as starter code: keep this file thin
// and put the business logic in logic.go, where it can be tested without
// Lambda. Event sources:
{{sources_doc}}
package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-lambda-go/lambda"
)

// Handler adapts each event source wired to {{fn_id}} to the business
// functions of its Logic (tests replace single functions).
type Handler struct{ Logic Logic }

// Handle is the Lambda entry point.
func (h Handler) Handle(ctx context.Context, raw json.RawMessage) (any, error) {
	source := SourceOf(raw)
{{dispatch}}	return nil, fmt.Errorf("{{fn_id}} is not wired to receive %s events", source)
}

func main() {
	lambda.Start(Handler{Logic: DefaultLogic()}.Handle)
}
