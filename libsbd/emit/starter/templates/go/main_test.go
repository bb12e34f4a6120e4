// Unit tests of {{fn_id}}: the handler with a sample event of each source
// (events/*.json, also usable with `sam local invoke -e`) and the SDK helpers
// with fake clients. No AWS access needed: run `go test ./...` here.
package main

import (
{{test_imports}})

var ctx = context.Background()

func load(t *testing.T, name string) json.RawMessage {
	t.Helper()
	data, err := os.ReadFile("events/" + name + ".json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// asJSON gives a value as the Lambda runtime would send it back: JSON, read
// into plain values.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func handle(t *testing.T, logic Logic, event json.RawMessage) any {
	t.Helper()
	result, err := Handler{Logic: logic}.Handle(ctx, event)
	if err != nil {
		t.Fatal(err)
	}
	return asJSON(t, result)
}

//@@if on.sqs on.dynamodb on.kinesis on.api on.http_api
// js reads an expected JSON text.
func js(t *testing.T, text string) any {
	t.Helper()
	var out any
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

//@@end
func check(t *testing.T, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
}
{{tests}}