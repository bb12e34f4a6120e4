// Snippets of the Go starter code, one per "//@@ name" marker, assembled by
// libsbd/emit/starter/starter.cpp. Not a Go file.
//@@ dispatch.s3
	if source == "s3" {
		objects, err := S3Objects(raw)
		if err != nil {
			return nil, err
		}
		for _, object := range objects {
			if err := h.Logic.OnObject(ctx, object); err != nil {
				return nil, err
			}
		}
		return nil, nil
	}
//@@ dispatch.sqs
	if source == "sqs" {
		messages, err := QueueMessages(raw)
		if err != nil {
			return nil, err
		}
		return ProcessBatch(ctx, messages, func(m QueueMessage) string { return m.MessageID }, h.Logic.OnQueueMessage), nil
	}
//@@ dispatch.sns
	if source == "sns" {
		notifications, err := Notifications(raw)
		if err != nil {
			return nil, err
		}
		for _, notification := range notifications {
			if err := h.Logic.OnNotification(ctx, notification); err != nil {
				return nil, err
			}
		}
		return nil, nil
	}
//@@ dispatch.dynamodb
	if source == "dynamodb" {
		changes, err := TableChanges(raw)
		if err != nil {
			return nil, err
		}
		return ProcessBatch(ctx, changes, func(c TableChange) string { return c.SequenceNumber }, h.Logic.OnTableChange), nil
	}
//@@ dispatch.kinesis
	if source == "kinesis" {
		records, err := StreamRecords(raw)
		if err != nil {
			return nil, err
		}
		return ProcessBatch(ctx, records, func(r StreamRecord) string { return r.SequenceNumber }, h.Logic.OnStreamRecord), nil
	}
//@@ dispatch.firehose
	if source == "firehose" {
		return FirehoseResponse(ctx, raw, h.Logic.TransformRecord)
	}
//@@ dispatch.api
	if source == "api" {
		request, err := APIRequest(raw)
		if err != nil {
			return nil, err
		}
		response, err := h.Logic.HandleRequest(ctx, request)
		if err != nil {
			return nil, err
		}
		return APIResponse(response)
	}
//@@ dispatch.http_api
	if source == "http_api" {
		request, err := HTTPAPIRequest(raw)
		if err != nil {
			return nil, err
		}
		response, err := h.Logic.HandleRequest(ctx, request)
		if err != nil {
			return nil, err
		}
		return APIResponse(response)
	}
//@@ dispatch.schedule
	if source == "schedule" {
		tick, err := ReadTick(raw)
		if err != nil {
			return nil, err
		}
		return nil, h.Logic.OnSchedule(ctx, tick)
	}
//@@ dispatch.eventbridge
	if source == "eventbridge" {
		event, err := ReadBusEvent(raw)
		if err != nil {
			return nil, err
		}
		return nil, h.Logic.OnEvent(ctx, event)
	}
//@@ dispatch.iot
	if source == "invoke" { // an IoT rule sends the result of its SELECT as is
		var message any
		if err := json.Unmarshal(raw, &message); err != nil {
			return nil, err
		}
		return nil, h.Logic.OnIotMessage(ctx, message)
	}
//@@ dispatch.invoke
	if source == "invoke" { // a direct invocation: another function, a state machine, the CLI
		var payload any
		if err := json.Unmarshal(raw, &payload); err != nil {
			return nil, err
		}
		return h.Logic.OnInvoke(ctx, payload)
	}
//@@ logic_field.on_object
	OnObject func(ctx context.Context, object S3Object) error
//@@ logic_init.on_object
		OnObject: OnObject,
//@@ logic.on_object

// OnObject: an object was created (or removed) in a bucket.
func OnObject(ctx context.Context, object S3Object) error {
	log.Printf("%s s3://%s/%s (%d bytes)", object.EventName, object.Bucket, object.Key, object.Size)
	return nil
}
//@@ logic_field.on_queue_message
	OnQueueMessage func(ctx context.Context, message QueueMessage) error
//@@ logic_init.on_queue_message
		OnQueueMessage: OnQueueMessage,
//@@ logic.on_queue_message

// OnQueueMessage handles one message of a queue. Return an error to have it
// retried (only this one).
func OnQueueMessage(ctx context.Context, message QueueMessage) error {
	log.Printf("message %s: %v", message.MessageID, message.Body)
	return nil
}
//@@ logic_field.on_notification
	OnNotification func(ctx context.Context, notification Notification) error
//@@ logic_init.on_notification
		OnNotification: OnNotification,
//@@ logic.on_notification

// OnNotification handles one SNS notification.
func OnNotification(ctx context.Context, notification Notification) error {
	log.Printf("notification %s (%s): %v", notification.MessageID, notification.Subject, notification.Message)
	return nil
}
//@@ logic_field.on_table_change
	OnTableChange func(ctx context.Context, change TableChange) error
//@@ logic_init.on_table_change
		OnTableChange: OnTableChange,
//@@ logic.on_table_change

// OnTableChange handles one change of a DynamoDB table (INSERT, MODIFY,
// REMOVE). Return an error to have the stream retried from it.
func OnTableChange(ctx context.Context, change TableChange) error {
	log.Printf("%s %v: %v -> %v", change.EventName, change.Keys, change.OldImage, change.NewImage)
	return nil
}
//@@ logic_field.on_stream_record
	OnStreamRecord func(ctx context.Context, record StreamRecord) error
//@@ logic_init.on_stream_record
		OnStreamRecord: OnStreamRecord,
//@@ logic.on_stream_record

// OnStreamRecord handles one Kinesis record (data decoded from base64).
// Return an error to have the stream retried from it.
func OnStreamRecord(ctx context.Context, record StreamRecord) error {
	log.Printf("record %s from %s: %d bytes", record.SequenceNumber, record.PartitionKey, len(record.Data))
	return nil
}
//@@ logic_field.transform_record
	TransformRecord func(ctx context.Context, data []byte) ([]byte, error)
//@@ logic_init.transform_record
		TransformRecord: TransformRecord,
//@@ logic.transform_record

// TransformRecord transforms one Firehose record: return the new data, or
// ErrDrop to drop the record; another error marks it failed.
func TransformRecord(ctx context.Context, data []byte) ([]byte, error) {
	return data, nil
}
//@@ logic_field.handle_request
	HandleRequest func(ctx context.Context, request Request) (Response, error)
//@@ logic_init.handle_request
		HandleRequest: HandleRequest,
//@@ logic.handle_request

// HandleRequest answers one API request (REST or HTTP API alike).
func HandleRequest(ctx context.Context, request Request) (Response, error) {
	return Response{Status: 200, Body: map[string]any{
		"function": "{{fn_id}}", "method": request.Method, "path": request.Path, "input": request.JSON(),
	}}, nil
}
//@@ logic_field.on_schedule
	OnSchedule func(ctx context.Context, tick Tick) error
//@@ logic_init.on_schedule
		OnSchedule: OnSchedule,
//@@ logic.on_schedule

// OnSchedule runs when the schedule fires.
func OnSchedule(ctx context.Context, tick Tick) error {
	log.Printf("scheduled run at %s", tick.Time)
	return nil
}
//@@ logic_field.on_event
	OnEvent func(ctx context.Context, event BusEvent) error
//@@ logic_init.on_event
		OnEvent: OnEvent,
//@@ logic.on_event

// OnEvent handles one EventBridge event.
func OnEvent(ctx context.Context, event BusEvent) error {
	log.Printf("%s from %s: %v", event.DetailType, event.Source, event.Detail)
	return nil
}
//@@ logic_field.on_iot_message
	OnIotMessage func(ctx context.Context, message any) error
//@@ logic_init.on_iot_message
		OnIotMessage: OnIotMessage,
//@@ logic.on_iot_message

// OnIotMessage handles one message selected by an IoT rule (the result of
// its SQL SELECT).
func OnIotMessage(ctx context.Context, message any) error {
	log.Printf("IoT message: %v", message)
	return nil
}
//@@ logic_field.on_invoke
	OnInvoke func(ctx context.Context, payload any) (any, error)
//@@ logic_init.on_invoke
		OnInvoke: OnInvoke,
//@@ logic.on_invoke

// OnInvoke answers a direct invocation (by a function, a state machine's task
// state, or the CLI{{invoke_doc}}): the result is returned to the caller.
func OnInvoke(ctx context.Context, payload any) (any, error) {
	return map[string]any{"function": "{{fn_id}}", "received": payload}, nil
}
//@@ test.s3

func TestS3EventGivesEachObjectToOnObject(t *testing.T) {
	event := load(t, "s3")
	check(t, handle(t, DefaultLogic(), event), nil) // the starter logic runs
	var seen []S3Object
	logic := DefaultLogic()
	logic.OnObject = func(ctx context.Context, o S3Object) error { seen = append(seen, o); return nil }
	handle(t, logic, event)
	check(t, seen, []S3Object{{Bucket: "{{source_name}}", Key: "uploads/my photo.jpg", Size: 1024, EventName: "ObjectCreated:Put"}})
}
//@@ test.sqs

func TestSQSEventReportsOnlyTheFailedMessages(t *testing.T) {
	event := load(t, "sqs")
	check(t, handle(t, DefaultLogic(), event), js(t, `{"batchItemFailures": []}`))
	var seen []any
	logic := DefaultLogic()
	logic.OnQueueMessage = func(ctx context.Context, m QueueMessage) error {
		seen = append(seen, m.Body)
		if m.Body == "plain text" {
			return errors.New("cannot process")
		}
		return nil
	}
	result := handle(t, logic, event)
	check(t, seen, []any{map[string]any{"id": "1", "action": "resize"}, "plain text"})
	check(t, result, js(t, `{"batchItemFailures": [{"itemIdentifier": "2e1424d4-f796-459a-8184-9c92662be6da"}]}`))
}
//@@ test.sns

func TestSNSEventGivesEachNotificationToOnNotification(t *testing.T) {
	event := load(t, "sns")
	check(t, handle(t, DefaultLogic(), event), nil)
	var seen []Notification
	logic := DefaultLogic()
	logic.OnNotification = func(ctx context.Context, n Notification) error { seen = append(seen, n); return nil }
	handle(t, logic, event)
	if len(seen) != 1 {
		t.Fatalf("got %d notifications", len(seen))
	}
	check(t, seen[0].Subject, "Example")
	check(t, seen[0].Message, map[string]any{"id": "1"})
}
//@@ test.dynamodb

func TestDynamoDBStreamEventGivesPlainItemsAndReportsFailures(t *testing.T) {
	event := load(t, "dynamodb")
	check(t, handle(t, DefaultLogic(), event), js(t, `{"batchItemFailures": []}`))
	var seen []TableChange
	logic := DefaultLogic()
	logic.OnTableChange = func(ctx context.Context, c TableChange) error {
		seen = append(seen, c)
		if c.EventName == "MODIFY" {
			return errors.New("cannot process")
		}
		return nil
	}
	result := handle(t, logic, event)
	check(t, result, js(t, `{"batchItemFailures": [{"itemIdentifier": "4421584500000000017450439092"}]}`))
	check(t, seen[0].Keys, Item{"id": "1"})
	check(t, seen[0].NewImage, Item{"id": "1", "count": int64(2), "tags": []any{"a", true},
		"meta": map[string]any{"size": 1.5, "note": nil}})
	check(t, seen[0].OldImage, Item(nil))
	check(t, seen[1].OldImage, Item{"id": "2", "count": int64(1)})
}
//@@ test.kinesis

func TestKinesisEventDecodesRecordsAndReportsFailures(t *testing.T) {
	event := load(t, "kinesis")
	check(t, handle(t, DefaultLogic(), event), js(t, `{"batchItemFailures": []}`))
	var seen []any
	logic := DefaultLogic()
	logic.OnStreamRecord = func(ctx context.Context, r StreamRecord) error {
		seen = append(seen, r.PartitionKey, r.JSON())
		if string(r.Data) == "hello" {
			return errors.New("cannot process")
		}
		return nil
	}
	result := handle(t, logic, event)
	check(t, seen, []any{"user-1", map[string]any{"clicks": 3.0}, "user-2", "hello"})
	check(t, result, js(t, `{"batchItemFailures": [{"itemIdentifier": "49590338271490256608559692540925702759324208523137515618"}]}`))
}
//@@ test.firehose

func TestFirehoseTransformReturnsOkDroppedAndFailedRecords(t *testing.T) {
	event := load(t, "firehose")
	var input struct {
		Records []struct {
			RecordID string `json:"recordId"`
			Data     string `json:"data"`
		} `json:"records"`
	}
	if err := json.Unmarshal(event, &input); err != nil {
		t.Fatal(err)
	}
	results := func(logic Logic) []any {
		var out []any
		for _, r := range handle(t, logic, event).(map[string]any)["records"].([]any) {
			record := r.(map[string]any)
			out = append(out, record["recordId"], record["result"], record["data"])
		}
		return out
	}
	id0, id1, data0, data1 := input.Records[0].RecordID, input.Records[1].RecordID, input.Records[0].Data, input.Records[1].Data
	check(t, results(DefaultLogic()), []any{id0, "Ok", data0, id1, "Ok", data1})
	logic := DefaultLogic()
	logic.TransformRecord = func(ctx context.Context, data []byte) ([]byte, error) {
		if string(data) == "plain line" {
			return nil, errors.New("not JSON")
		}
		return []byte(`{"LEVEL": "INFO"}`), nil
	}
	check(t, results(logic), []any{id0, "Ok", base64.StdEncoding.EncodeToString([]byte(`{"LEVEL": "INFO"}`)),
		id1, "ProcessingFailed", data1})
	logic.TransformRecord = func(ctx context.Context, data []byte) ([]byte, error) { return nil, ErrDrop }
	check(t, results(logic), []any{id0, "Dropped", data0, id1, "Dropped", data1})
}
//@@ test.api

func TestRESTAPIRequestAndResponse(t *testing.T) {
	event := load(t, "api")
	response := handle(t, DefaultLogic(), event).(map[string]any)
	check(t, response["statusCode"], 200.0)
	check(t, js(t, response["body"].(string)).(map[string]any)["input"], map[string]any{"name": "example"})
	var seen []Request
	logic := DefaultLogic()
	logic.HandleRequest = func(ctx context.Context, r Request) (Response, error) {
		seen = append(seen, r)
		return Response{Status: 201, Body: map[string]string{"id": r.PathParameters["id"]}}, nil
	}
	response = handle(t, logic, event).(map[string]any)
	check(t, []any{seen[0].Method, seen[0].Path, seen[0].Query, seen[0].JSON()},
		[]any{"POST", "/items/42", map[string]string{"verbose": "true"}, map[string]any{"name": "example"}})
	check(t, seen[0].Headers["content-type"], "application/json")
	check(t, response["statusCode"], 201.0)
	check(t, js(t, response["body"].(string)), map[string]any{"id": "42"})
	check(t, response["headers"], map[string]any{"Content-Type": "application/json"})
}
//@@ test.http_api

func TestHTTPAPIRequestAndResponse(t *testing.T) {
	event := load(t, "http_api")
	response := handle(t, DefaultLogic(), event).(map[string]any)
	check(t, response["statusCode"], 200.0)
	check(t, js(t, response["body"].(string)).(map[string]any)["input"], map[string]any{"name": "example"})
	var seen []Request
	logic := DefaultLogic()
	logic.HandleRequest = func(ctx context.Context, r Request) (Response, error) {
		seen = append(seen, r)
		return Response{Status: 404, Body: "no such item"}, nil
	}
	response = handle(t, logic, event).(map[string]any)
	check(t, []any{seen[0].Method, seen[0].Path, seen[0].PathParameters, seen[0].JSON()},
		[]any{"POST", "/items/42", map[string]string{"id": "42"}, map[string]any{"name": "example"}})
	check(t, []any{response["statusCode"], response["body"]}, []any{404.0, "no such item"})
}
//@@ test.schedule

func TestScheduleEventCallsOnSchedule(t *testing.T) {
	event := load(t, "schedule")
	check(t, handle(t, DefaultLogic(), event), nil)
	var seen []string
	logic := DefaultLogic()
	logic.OnSchedule = func(ctx context.Context, tick Tick) error { seen = append(seen, tick.Time); return nil }
	handle(t, logic, event)
	check(t, seen, []string{"2026-01-01T03:00:00Z"})
}
//@@ test.eventbridge

func TestEventBridgeEventCallsOnEvent(t *testing.T) {
	event := load(t, "eventbridge")
	check(t, handle(t, DefaultLogic(), event), nil)
	var seen []BusEvent
	logic := DefaultLogic()
	logic.OnEvent = func(ctx context.Context, e BusEvent) error { seen = append(seen, e); return nil }
	handle(t, logic, event)
	check(t, seen, []BusEvent{{Source: "{{app}}", DetailType: "OrderPlaced",
		Detail: map[string]any{"orderId": "42", "total": 19.5}, Time: "2026-01-01T12:00:00Z"}})
}
//@@ test.iot

func TestIoTMessageCallsOnIotMessage(t *testing.T) {
	event := load(t, "iot")
	handle(t, DefaultLogic(), event)
	var seen []any
	logic := DefaultLogic()
	logic.OnIotMessage = func(ctx context.Context, m any) error { seen = append(seen, m); return nil }
	handle(t, logic, event)
	check(t, seen, []any{map[string]any{"device": "sensor-1", "temperature": 21.5, "humidity": 40.0}})
}
//@@ test.invoke

func TestDirectInvocationReturnsTheResultOfOnInvoke(t *testing.T) {
	event := load(t, "invoke")
	check(t, handle(t, DefaultLogic(), event).(map[string]any)["received"], map[string]any{"id": "42", "action": "process"})
	logic := DefaultLogic()
	logic.OnInvoke = func(ctx context.Context, p any) (any, error) {
		return map[string]any{"done": p.(map[string]any)["id"]}, nil
	}
	check(t, handle(t, logic, event), map[string]any{"done": "42"})
}
//@@ imports.base
	"context"
//@@if res.bucket.write res.stream res.deliveryStream res.queue res.topic res.eventBus res.fn res.stepFn res.api
	"encoding/json"
//@@end
	"fmt"
	"os"
//@@if res.table.read res.table.write res.bucket.read res.bucket.write res.queue res.topic res.stream res.deliveryStream res.eventBus res.fn res.stepFn res.secret res.parameter
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
//@@end
//@@ testimports.base
	"context"
//@@if on.firehose
	"encoding/base64"
//@@end
	"encoding/json"
//@@if on.sqs on.dynamodb on.kinesis on.firehose
	"errors"
//@@end
	"os"
	"reflect"
	"testing"
//@@ imports.dynamodb
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
//@@ service.dynamodb

// DynamoDBAPI is what the helpers use of the DynamoDB client.
type DynamoDBAPI interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
}

// DynamoDBClient is made on first use; tests may set it.
var DynamoDBClient DynamoDBAPI

func dynamoDBClient(ctx context.Context) (DynamoDBAPI, error) {
	if DynamoDBClient == nil {
		cfg, err := AWSConfig(ctx)
		if err != nil {
			return nil, err
		}
		DynamoDBClient = dynamodb.NewFromConfig(cfg)
	}
	return DynamoDBClient, nil
}

// toDynamo gives the DynamoDB attribute value of a plain value.
func toDynamo(v any) (ddbtypes.AttributeValue, error) {
	switch x := v.(type) {
	case nil:
		return &ddbtypes.AttributeValueMemberNULL{Value: true}, nil
	case bool:
		return &ddbtypes.AttributeValueMemberBOOL{Value: x}, nil
	case string:
		return &ddbtypes.AttributeValueMemberS{Value: x}, nil
	case int:
		return &ddbtypes.AttributeValueMemberN{Value: strconv.Itoa(x)}, nil
	case int64:
		return &ddbtypes.AttributeValueMemberN{Value: strconv.FormatInt(x, 10)}, nil
	case float64:
		return &ddbtypes.AttributeValueMemberN{Value: strconv.FormatFloat(x, 'g', -1, 64)}, nil
	case []byte:
		return &ddbtypes.AttributeValueMemberB{Value: x}, nil
	case []any:
		out := make([]ddbtypes.AttributeValue, 0, len(x))
		for _, e := range x {
			a, err := toDynamo(e)
			if err != nil {
				return nil, err
			}
			out = append(out, a)
		}
		return &ddbtypes.AttributeValueMemberL{Value: out}, nil
	case map[string]any:
		m, err := itemToDynamo(x)
		if err != nil {
			return nil, err
		}
		return &ddbtypes.AttributeValueMemberM{Value: m}, nil
	}
	return nil, fmt.Errorf("cannot store %T in DynamoDB", v)
}

func itemToDynamo(item Item) (map[string]ddbtypes.AttributeValue, error) {
	out := map[string]ddbtypes.AttributeValue{}
	for k, v := range item {
		a, err := toDynamo(v)
		if err != nil {
			return nil, err
		}
		out[k] = a
	}
	return out, nil
}

// itemFromDynamo gives the plain values of an item (nil for none).
func itemFromDynamo(item map[string]ddbtypes.AttributeValue) Item {
	if item == nil {
		return nil
	}
	out := Item{}
	for k, v := range item {
		out[k] = valueFromDynamo(v)
	}
	return out
}

func valueFromDynamo(v ddbtypes.AttributeValue) any {
	switch x := v.(type) {
	case *ddbtypes.AttributeValueMemberS:
		return x.Value
	case *ddbtypes.AttributeValueMemberN:
		return parseNumber(x.Value)
	case *ddbtypes.AttributeValueMemberBOOL:
		return x.Value
	case *ddbtypes.AttributeValueMemberB:
		return x.Value
	case *ddbtypes.AttributeValueMemberM:
		return itemFromDynamo(x.Value)
	case *ddbtypes.AttributeValueMemberL:
		out := []any{}
		for _, e := range x.Value {
			out = append(out, valueFromDynamo(e))
		}
		return out
	case *ddbtypes.AttributeValueMemberSS:
		return x.Value
	}
	return nil
}
//@@ testimports.dynamodb
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
//@@ testservice.dynamodb

type fakeDynamoDB struct {
	gets []*dynamodb.GetItemInput
	puts []*dynamodb.PutItemInput
	item map[string]ddbtypes.AttributeValue
}

func (f *fakeDynamoDB) GetItem(ctx context.Context, in *dynamodb.GetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	f.gets = append(f.gets, in)
	return &dynamodb.GetItemOutput{Item: f.item}, nil
}

func (f *fakeDynamoDB) PutItem(ctx context.Context, in *dynamodb.PutItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	f.puts = append(f.puts, in)
	return &dynamodb.PutItemOutput{}, nil
}
//@@ res.table.read

// Get{{Name}}Item gives the item of table {{id}} (name in ${{env}}) with that key, or nil.
func Get{{Name}}Item(ctx context.Context, key Item) (Item, error) {
	table, err := env("{{env}}")
	if err != nil {
		return nil, err
	}
	k, err := itemToDynamo(key)
	if err != nil {
		return nil, err
	}
	client, err := dynamoDBClient(ctx)
	if err != nil {
		return nil, err
	}
	out, err := client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: k})
	if err != nil {
		return nil, err
	}
	return itemFromDynamo(out.Item), nil
}
//@@ res.table.write

// Put{{Name}}Item writes an item (plain values) to table {{id}} (name in ${{env}}).
func Put{{Name}}Item(ctx context.Context, item Item) error {
	table, err := env("{{env}}")
	if err != nil {
		return err
	}
	attributes, err := itemToDynamo(item)
	if err != nil {
		return err
	}
	client, err := dynamoDBClient(ctx)
	if err != nil {
		return err
	}
	_, err = client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: attributes})
	return err
}
//@@ restest.table.read

func TestGet{{Name}}ItemReadsTheTableNamedIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "{{id}}-from-env")
	fake := &fakeDynamoDB{item: map[string]ddbtypes.AttributeValue{
		"id": &ddbtypes.AttributeValueMemberS{Value: "1"}, "count": &ddbtypes.AttributeValueMemberN{Value: "2"}}}
	DynamoDBClient = fake
	item, err := Get{{Name}}Item(ctx, Item{"id": "1"})
	if err != nil {
		t.Fatal(err)
	}
	check(t, item, Item{"id": "1", "count": int64(2)})
	check(t, len(fake.gets), 1)
	check(t, *fake.gets[0].TableName, "{{id}}-from-env")
	check(t, fake.gets[0].Key["id"], ddbtypes.AttributeValue(&ddbtypes.AttributeValueMemberS{Value: "1"}))
}
//@@ restest.table.write

func TestPut{{Name}}ItemWritesToTheTableNamedIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "{{id}}-from-env")
	fake := &fakeDynamoDB{}
	DynamoDBClient = fake
	if err := Put{{Name}}Item(ctx, Item{"id": "1", "count": 2}); err != nil {
		t.Fatal(err)
	}
	check(t, len(fake.puts), 1)
	check(t, *fake.puts[0].TableName, "{{id}}-from-env")
	check(t, fake.puts[0].Item, map[string]ddbtypes.AttributeValue{
		"id": &ddbtypes.AttributeValueMemberS{Value: "1"}, "count": &ddbtypes.AttributeValueMemberN{Value: "2"}})
}
//@@ imports.s3
	"bytes"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/s3"
//@@ service.s3

// S3API is what the helpers use of the S3 client.
type S3API interface {
	GetObject(ctx context.Context, in *s3.GetObjectInput, opts ...func(*s3.Options)) (*s3.GetObjectOutput, error)
	PutObject(ctx context.Context, in *s3.PutObjectInput, opts ...func(*s3.Options)) (*s3.PutObjectOutput, error)
}

// S3Client is made on first use; tests may set it.
var S3Client S3API

var _, _ = bytes.NewReader, io.ReadAll

func s3Client(ctx context.Context) (S3API, error) {
	if S3Client == nil {
		cfg, err := AWSConfig(ctx)
		if err != nil {
			return nil, err
		}
		S3Client = s3.NewFromConfig(cfg)
	}
	return S3Client, nil
}
//@@ testimports.s3
	"bytes"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/s3"
//@@ testservice.s3

type fakeS3 struct {
	gets []*s3.GetObjectInput
	puts []*s3.PutObjectInput
	body string
}

func (f *fakeS3) GetObject(ctx context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	f.gets = append(f.gets, in)
	return &s3.GetObjectOutput{Body: io.NopCloser(bytes.NewReader([]byte(f.body)))}, nil
}

func (f *fakeS3) PutObject(ctx context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	f.puts = append(f.puts, in)
	return &s3.PutObjectOutput{}, nil
}
//@@ res.bucket.read

// Get{{Name}}Object gives the content of an object of bucket {{id}} (name in ${{env}}).
func Get{{Name}}Object(ctx context.Context, key string) ([]byte, error) {
	bucket, err := env("{{env}}")
	if err != nil {
		return nil, err
	}
	client, err := s3Client(ctx)
	if err != nil {
		return nil, err
	}
	out, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return nil, err
	}
	defer out.Body.Close()
	return io.ReadAll(out.Body)
}
//@@ res.bucket.write

// Put{{Name}}Object writes an object (bytes, text, or a value as JSON) to bucket {{id}} (name in ${{env}}).
func Put{{Name}}Object(ctx context.Context, key string, body any, contentType string) error {
	bucket, err := env("{{env}}")
	if err != nil {
		return err
	}
	data, err := toBytes(body)
	if err != nil {
		return err
	}
	client, err := s3Client(ctx)
	if err != nil {
		return err
	}
	_, err = client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key),
		Body: bytes.NewReader(data), ContentType: aws.String(contentType)})
	return err
}
//@@ restest.bucket.read

func TestGet{{Name}}ObjectReadsTheBucketNamedIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "{{id}}-from-env")
	fake := &fakeS3{body: "content"}
	S3Client = fake
	data, err := Get{{Name}}Object(ctx, "a/b.txt")
	if err != nil {
		t.Fatal(err)
	}
	check(t, string(data), "content")
	check(t, []string{*fake.gets[0].Bucket, *fake.gets[0].Key}, []string{"{{id}}-from-env", "a/b.txt"})
}
//@@ restest.bucket.write

func TestPut{{Name}}ObjectWritesToTheBucketNamedIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "{{id}}-from-env")
	fake := &fakeS3{}
	S3Client = fake
	if err := Put{{Name}}Object(ctx, "a/b.json", map[string]int{"x": 1}, "application/json"); err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(fake.puts[0].Body)
	check(t, []string{*fake.puts[0].Bucket, *fake.puts[0].Key, string(body), *fake.puts[0].ContentType},
		[]string{"{{id}}-from-env", "a/b.json", `{"x":1}`, "application/json"})
}
//@@ imports.sqs
	"github.com/aws/aws-sdk-go-v2/service/sqs"
//@@ service.sqs

// SQSAPI is what the helpers use of the SQS client.
type SQSAPI interface {
	SendMessage(ctx context.Context, in *sqs.SendMessageInput, opts ...func(*sqs.Options)) (*sqs.SendMessageOutput, error)
}

// SQSClient is made on first use; tests may set it.
var SQSClient SQSAPI

func sqsClient(ctx context.Context) (SQSAPI, error) {
	if SQSClient == nil {
		cfg, err := AWSConfig(ctx)
		if err != nil {
			return nil, err
		}
		SQSClient = sqs.NewFromConfig(cfg)
	}
	return SQSClient, nil
}
//@@ testimports.sqs
	"github.com/aws/aws-sdk-go-v2/service/sqs"
//@@ testservice.sqs

type fakeSQS struct{ sent []*sqs.SendMessageInput }

func (f *fakeSQS) SendMessage(ctx context.Context, in *sqs.SendMessageInput, _ ...func(*sqs.Options)) (*sqs.SendMessageOutput, error) {
	f.sent = append(f.sent, in)
	id := "m-1"
	return &sqs.SendMessageOutput{MessageId: &id}, nil
}
//@@ res.queue

// Send{{Name}}Message sends a message (text, or a value as JSON) to queue {{id}}
// (URL in ${{env}}); a FIFO queue needs a groupID ("" for none). Gives the message id.
func Send{{Name}}Message(ctx context.Context, body any, groupID string) (string, error) {
	queueURL, err := env("{{env}}")
	if err != nil {
		return "", err
	}
	text, err := toText(body)
	if err != nil {
		return "", err
	}
	client, err := sqsClient(ctx)
	if err != nil {
		return "", err
	}
	in := &sqs.SendMessageInput{QueueUrl: aws.String(queueURL), MessageBody: aws.String(text)}
	if groupID != "" {
		in.MessageGroupId = aws.String(groupID)
	}
	out, err := client.SendMessage(ctx, in)
	if err != nil {
		return "", err
	}
	return aws.ToString(out.MessageId), nil
}
//@@ restest.queue

func TestSend{{Name}}MessageSendsToTheQueueIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "https://sqs.us-east-1.amazonaws.com/123456789012/{{id}}")
	fake := &fakeSQS{}
	SQSClient = fake
	id, err := Send{{Name}}Message(ctx, map[string]string{"id": "1"}, "")
	if err != nil {
		t.Fatal(err)
	}
	check(t, id, "m-1")
	check(t, []string{*fake.sent[0].QueueUrl, *fake.sent[0].MessageBody},
		[]string{"https://sqs.us-east-1.amazonaws.com/123456789012/{{id}}", `{"id":"1"}`})
}
//@@ imports.sns
	"github.com/aws/aws-sdk-go-v2/service/sns"
//@@ service.sns

// SNSAPI is what the helpers use of the SNS client.
type SNSAPI interface {
	Publish(ctx context.Context, in *sns.PublishInput, opts ...func(*sns.Options)) (*sns.PublishOutput, error)
}

// SNSClient is made on first use; tests may set it.
var SNSClient SNSAPI

func snsClient(ctx context.Context) (SNSAPI, error) {
	if SNSClient == nil {
		cfg, err := AWSConfig(ctx)
		if err != nil {
			return nil, err
		}
		SNSClient = sns.NewFromConfig(cfg)
	}
	return SNSClient, nil
}
//@@ testimports.sns
	"github.com/aws/aws-sdk-go-v2/service/sns"
//@@ testservice.sns

type fakeSNS struct{ published []*sns.PublishInput }

func (f *fakeSNS) Publish(ctx context.Context, in *sns.PublishInput, _ ...func(*sns.Options)) (*sns.PublishOutput, error) {
	f.published = append(f.published, in)
	id := "m-1"
	return &sns.PublishOutput{MessageId: &id}, nil
}
//@@ res.topic

// Publish{{Name}} publishes a message (text, or a value as JSON) to topic {{id}}
// (ARN in ${{env}}), with a subject ("" for none). Gives the message id.
func Publish{{Name}}(ctx context.Context, message any, subject string) (string, error) {
	topic, err := env("{{env}}")
	if err != nil {
		return "", err
	}
	text, err := toText(message)
	if err != nil {
		return "", err
	}
	client, err := snsClient(ctx)
	if err != nil {
		return "", err
	}
	in := &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(text)}
	if subject != "" {
		in.Subject = aws.String(subject)
	}
	out, err := client.Publish(ctx, in)
	if err != nil {
		return "", err
	}
	return aws.ToString(out.MessageId), nil
}
//@@ restest.topic

func TestPublish{{Name}}PublishesToTheTopicIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "arn:aws:sns:us-east-1:123456789012:{{id}}")
	fake := &fakeSNS{}
	SNSClient = fake
	id, err := Publish{{Name}}(ctx, "hello", "Greeting")
	if err != nil {
		t.Fatal(err)
	}
	check(t, id, "m-1")
	check(t, []string{*fake.published[0].TopicArn, *fake.published[0].Message, *fake.published[0].Subject},
		[]string{"arn:aws:sns:us-east-1:123456789012:{{id}}", "hello", "Greeting"})
}
//@@ imports.kinesis
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
//@@ service.kinesis

// KinesisAPI is what the helpers use of the Kinesis client.
type KinesisAPI interface {
	PutRecord(ctx context.Context, in *kinesis.PutRecordInput, opts ...func(*kinesis.Options)) (*kinesis.PutRecordOutput, error)
}

// KinesisClient is made on first use; tests may set it.
var KinesisClient KinesisAPI

func kinesisClient(ctx context.Context) (KinesisAPI, error) {
	if KinesisClient == nil {
		cfg, err := AWSConfig(ctx)
		if err != nil {
			return nil, err
		}
		KinesisClient = kinesis.NewFromConfig(cfg)
	}
	return KinesisClient, nil
}
//@@ testimports.kinesis
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
//@@ testservice.kinesis

type fakeKinesis struct{ puts []*kinesis.PutRecordInput }

func (f *fakeKinesis) PutRecord(ctx context.Context, in *kinesis.PutRecordInput, _ ...func(*kinesis.Options)) (*kinesis.PutRecordOutput, error) {
	f.puts = append(f.puts, in)
	seq := "1"
	return &kinesis.PutRecordOutput{SequenceNumber: &seq}, nil
}
//@@ res.stream

// Put{{Name}}Record puts a record (bytes, text, or a value as JSON) to Kinesis
// stream {{id}} (name in ${{env}}). Gives its sequence number.
func Put{{Name}}Record(ctx context.Context, data any, partitionKey string) (string, error) {
	stream, err := env("{{env}}")
	if err != nil {
		return "", err
	}
	b, err := toBytes(data)
	if err != nil {
		return "", err
	}
	client, err := kinesisClient(ctx)
	if err != nil {
		return "", err
	}
	out, err := client.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String(stream), Data: b,
		PartitionKey: aws.String(partitionKey)})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.SequenceNumber), nil
}
//@@ restest.stream

func TestPut{{Name}}RecordPutsToTheStreamNamedIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "{{id}}-from-env")
	fake := &fakeKinesis{}
	KinesisClient = fake
	seq, err := Put{{Name}}Record(ctx, map[string]int{"clicks": 1}, "user-1")
	if err != nil {
		t.Fatal(err)
	}
	check(t, seq, "1")
	check(t, []string{*fake.puts[0].StreamName, string(fake.puts[0].Data), *fake.puts[0].PartitionKey},
		[]string{"{{id}}-from-env", `{"clicks":1}`, "user-1"})
}
//@@ imports.firehose
	"github.com/aws/aws-sdk-go-v2/service/firehose"
	firehosetypes "github.com/aws/aws-sdk-go-v2/service/firehose/types"
//@@ service.firehose

// FirehoseAPI is what the helpers use of the Firehose client.
type FirehoseAPI interface {
	PutRecord(ctx context.Context, in *firehose.PutRecordInput, opts ...func(*firehose.Options)) (*firehose.PutRecordOutput, error)
}

// FirehoseClient is made on first use; tests may set it.
var FirehoseClient FirehoseAPI

func firehoseClient(ctx context.Context) (FirehoseAPI, error) {
	if FirehoseClient == nil {
		cfg, err := AWSConfig(ctx)
		if err != nil {
			return nil, err
		}
		FirehoseClient = firehose.NewFromConfig(cfg)
	}
	return FirehoseClient, nil
}
//@@ testimports.firehose
	"github.com/aws/aws-sdk-go-v2/service/firehose"
//@@ testservice.firehose

type fakeFirehose struct{ puts []*firehose.PutRecordInput }

func (f *fakeFirehose) PutRecord(ctx context.Context, in *firehose.PutRecordInput, _ ...func(*firehose.Options)) (*firehose.PutRecordOutput, error) {
	f.puts = append(f.puts, in)
	return &firehose.PutRecordOutput{}, nil
}
//@@ res.deliveryStream

// Put{{Name}}Record puts a record (bytes, text, or a value as a JSON line) to
// Firehose stream {{id}} (name in ${{env}}).
func Put{{Name}}Record(ctx context.Context, data any) error {
	stream, err := env("{{env}}")
	if err != nil {
		return err
	}
	b, err := toBytes(data)
	if err != nil {
		return err
	}
	switch data.(type) {
	case []byte, string:
	default:
		b = append(b, '\n')
	}
	client, err := firehoseClient(ctx)
	if err != nil {
		return err
	}
	_, err = client.PutRecord(ctx, &firehose.PutRecordInput{DeliveryStreamName: aws.String(stream),
		Record: &firehosetypes.Record{Data: b}})
	return err
}
//@@ restest.deliveryStream

func TestPut{{Name}}RecordPutsToTheDeliveryStreamNamedIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "{{id}}-from-env")
	fake := &fakeFirehose{}
	FirehoseClient = fake
	if err := Put{{Name}}Record(ctx, map[string]string{"level": "info"}); err != nil {
		t.Fatal(err)
	}
	check(t, []string{*fake.puts[0].DeliveryStreamName, string(fake.puts[0].Record.Data)},
		[]string{"{{id}}-from-env", "{\"level\":\"info\"}\n"})
}
//@@ imports.eventbridge
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
//@@ service.eventbridge

// EventBridgeAPI is what the helpers use of the EventBridge client.
type EventBridgeAPI interface {
	PutEvents(ctx context.Context, in *eventbridge.PutEventsInput, opts ...func(*eventbridge.Options)) (*eventbridge.PutEventsOutput, error)
}

// EventBridgeClient is made on first use; tests may set it.
var EventBridgeClient EventBridgeAPI

func eventBridgeClient(ctx context.Context) (EventBridgeAPI, error) {
	if EventBridgeClient == nil {
		cfg, err := AWSConfig(ctx)
		if err != nil {
			return nil, err
		}
		EventBridgeClient = eventbridge.NewFromConfig(cfg)
	}
	return EventBridgeClient, nil
}
//@@ testimports.eventbridge
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
//@@ testservice.eventbridge

type fakeEventBridge struct{ puts []*eventbridge.PutEventsInput }

func (f *fakeEventBridge) PutEvents(ctx context.Context, in *eventbridge.PutEventsInput, _ ...func(*eventbridge.Options)) (*eventbridge.PutEventsOutput, error) {
	f.puts = append(f.puts, in)
	return &eventbridge.PutEventsOutput{}, nil
}
//@@ res.eventBus

// Put{{Name}}Event puts an event on EventBridge bus {{id}} (name in ${{env}}),
// with source "{{app}}".
func Put{{Name}}Event(ctx context.Context, detailType string, detail any) error {
	bus, err := env("{{env}}")
	if err != nil {
		return err
	}
	text, err := json.Marshal(detail)
	if err != nil {
		return err
	}
	client, err := eventBridgeClient(ctx)
	if err != nil {
		return err
	}
	out, err := client.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{{
		EventBusName: aws.String(bus), Source: aws.String("{{app}}"), DetailType: aws.String(detailType),
		Detail: aws.String(string(text))}}})
	if err != nil {
		return err
	}
	if out.FailedEntryCount > 0 {
		return fmt.Errorf("event not put: %v", out.Entries)
	}
	return nil
}
//@@ restest.eventBus

func TestPut{{Name}}EventPutsOnTheBusNamedIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "{{id}}-from-env")
	fake := &fakeEventBridge{}
	EventBridgeClient = fake
	if err := Put{{Name}}Event(ctx, "OrderPlaced", map[string]string{"orderId": "42"}); err != nil {
		t.Fatal(err)
	}
	e := fake.puts[0].Entries[0]
	check(t, []string{*e.EventBusName, *e.Source, *e.DetailType, *e.Detail},
		[]string{"{{id}}-from-env", "{{app}}", "OrderPlaced", `{"orderId":"42"}`})
}
//@@ imports.lambda
	lambdasvc "github.com/aws/aws-sdk-go-v2/service/lambda"
//@@ service.lambda

// LambdaAPI is what the helpers use of the Lambda client.
type LambdaAPI interface {
	Invoke(ctx context.Context, in *lambdasvc.InvokeInput, opts ...func(*lambdasvc.Options)) (*lambdasvc.InvokeOutput, error)
}

// LambdaClient is made on first use; tests may set it.
var LambdaClient LambdaAPI

func lambdaClient(ctx context.Context) (LambdaAPI, error) {
	if LambdaClient == nil {
		cfg, err := AWSConfig(ctx)
		if err != nil {
			return nil, err
		}
		LambdaClient = lambdasvc.NewFromConfig(cfg)
	}
	return LambdaClient, nil
}
//@@ testimports.lambda
	lambdasvc "github.com/aws/aws-sdk-go-v2/service/lambda"
//@@ testservice.lambda

type fakeLambda struct{ invokes []*lambdasvc.InvokeInput }

func (f *fakeLambda) Invoke(ctx context.Context, in *lambdasvc.InvokeInput, _ ...func(*lambdasvc.Options)) (*lambdasvc.InvokeOutput, error) {
	f.invokes = append(f.invokes, in)
	return &lambdasvc.InvokeOutput{StatusCode: 200, Payload: []byte(`{"ok":true}`)}, nil
}
//@@ res.fn

// Invoke{{Name}} invokes function {{id}} (name in ${{env}}) synchronously and
// gives its result.
func Invoke{{Name}}(ctx context.Context, payload any) (any, error) {
	function, err := env("{{env}}")
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(payload)
	if err != nil {
		return nil, err
	}
	client, err := lambdaClient(ctx)
	if err != nil {
		return nil, err
	}
	out, err := client.Invoke(ctx, &lambdasvc.InvokeInput{FunctionName: aws.String(function), Payload: b})
	if err != nil {
		return nil, err
	}
	if out.FunctionError != nil {
		return nil, fmt.Errorf("{{id}} failed: %s", out.Payload)
	}
	var result any
	if len(out.Payload) > 0 {
		if err := json.Unmarshal(out.Payload, &result); err != nil {
			return nil, err
		}
	}
	return result, nil
}
//@@ restest.fn

func TestInvoke{{Name}}InvokesTheFunctionNamedIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "{{id}}-from-env")
	fake := &fakeLambda{}
	LambdaClient = fake
	result, err := Invoke{{Name}}(ctx, map[string]string{"id": "1"})
	if err != nil {
		t.Fatal(err)
	}
	check(t, result, map[string]any{"ok": true})
	check(t, []string{*fake.invokes[0].FunctionName, string(fake.invokes[0].Payload)}, []string{"{{id}}-from-env", `{"id":"1"}`})
}
//@@ imports.sfn
	"github.com/aws/aws-sdk-go-v2/service/sfn"
//@@ service.sfn

// SFNAPI is what the helpers use of the Step Functions client.
type SFNAPI interface {
	StartExecution(ctx context.Context, in *sfn.StartExecutionInput, opts ...func(*sfn.Options)) (*sfn.StartExecutionOutput, error)
}

// SFNClient is made on first use; tests may set it.
var SFNClient SFNAPI

func sfnClient(ctx context.Context) (SFNAPI, error) {
	if SFNClient == nil {
		cfg, err := AWSConfig(ctx)
		if err != nil {
			return nil, err
		}
		SFNClient = sfn.NewFromConfig(cfg)
	}
	return SFNClient, nil
}
//@@ testimports.sfn
	"github.com/aws/aws-sdk-go-v2/service/sfn"
//@@ testservice.sfn

type fakeSFN struct{ starts []*sfn.StartExecutionInput }

func (f *fakeSFN) StartExecution(ctx context.Context, in *sfn.StartExecutionInput, _ ...func(*sfn.Options)) (*sfn.StartExecutionOutput, error) {
	f.starts = append(f.starts, in)
	arn := "arn:exec"
	return &sfn.StartExecutionOutput{ExecutionArn: &arn}, nil
}
//@@ res.stepFn

// Start{{Name}}Execution starts an execution of state machine {{id}} (ARN in
// ${{env}}) with that input (as JSON). Gives the execution's ARN.
func Start{{Name}}Execution(ctx context.Context, input any) (string, error) {
	machine, err := env("{{env}}")
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(input)
	if err != nil {
		return "", err
	}
	client, err := sfnClient(ctx)
	if err != nil {
		return "", err
	}
	out, err := client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(machine), Input: aws.String(string(b))})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.ExecutionArn), nil
}
//@@ restest.stepFn

func TestStart{{Name}}ExecutionStartsTheStateMachineIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "arn:aws:states:us-east-1:123456789012:stateMachine:{{id}}")
	fake := &fakeSFN{}
	SFNClient = fake
	arn, err := Start{{Name}}Execution(ctx, map[string]string{"id": "1"})
	if err != nil {
		t.Fatal(err)
	}
	check(t, arn, "arn:exec")
	check(t, []string{*fake.starts[0].StateMachineArn, *fake.starts[0].Input},
		[]string{"arn:aws:states:us-east-1:123456789012:stateMachine:{{id}}", `{"id":"1"}`})
}
//@@ imports.http
	"bytes"
	"io"
	"net/http"
	"strings"
//@@ service.http

var _, _ = bytes.NewReader, io.ReadAll

// HTTPDo sends the requests of the API helpers; tests may replace it.
var HTTPDo = http.DefaultClient.Do
//@@ testimports.http
	"bytes"
	"io"
	"net/http"
//@@ testservice.http
//@@ res.api

// Call{{Name}} calls API {{id}} (base URL in ${{env}}) and gives its JSON answer.
// (Unsigned: an API with IAM auth needs a SigV4-signed request.)
func Call{{Name}}(ctx context.Context, method, path string, body any) (any, error) {
	base, err := env("{{env}}")
	if err != nil {
		return nil, err
	}
	var reader io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		reader = bytes.NewReader(b)
	}
	request, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(base, "/")+"/"+strings.TrimLeft(path, "/"), reader)
	if err != nil {
		return nil, err
	}
	request.Header.Set("Content-Type", "application/json")
	response, err := HTTPDo(request)
	if err != nil {
		return nil, err
	}
	defer response.Body.Close()
	text, err := io.ReadAll(response.Body)
	if err != nil {
		return nil, err
	}
	if response.StatusCode >= 300 {
		return nil, fmt.Errorf("{{id}} answered %d", response.StatusCode)
	}
	return ParseJSON(string(text)), nil
}
//@@ restest.api

func TestCall{{Name}}CallsTheAPIAt{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "https://abc.execute-api.us-east-1.amazonaws.com/prod/")
	var seen []string
	old := HTTPDo
	defer func() { HTTPDo = old }()
	HTTPDo = func(r *http.Request) (*http.Response, error) {
		body, _ := io.ReadAll(r.Body)
		seen = append(seen, r.Method, r.URL.String(), string(body))
		return &http.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader([]byte(`{"ok":true}`)))}, nil
	}
	result, err := Call{{Name}}(ctx, "POST", "/items", map[string]string{"id": "1"})
	if err != nil {
		t.Fatal(err)
	}
	check(t, result, map[string]any{"ok": true})
	check(t, seen, []string{"POST", "https://abc.execute-api.us-east-1.amazonaws.com/prod/items", `{"id":"1"}`})
}
//@@ imports.secretsmanager
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
//@@ service.secretsmanager

// SecretsManagerAPI is what the helpers use of the Secrets Manager client.
type SecretsManagerAPI interface {
	GetSecretValue(ctx context.Context, in *secretsmanager.GetSecretValueInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}

// SecretsManagerClient is made on first use; tests may set it.
var SecretsManagerClient SecretsManagerAPI

func secretsManagerClient(ctx context.Context) (SecretsManagerAPI, error) {
	if SecretsManagerClient == nil {
		cfg, err := AWSConfig(ctx)
		if err != nil {
			return nil, err
		}
		SecretsManagerClient = secretsmanager.NewFromConfig(cfg)
	}
	return SecretsManagerClient, nil
}
//@@ testimports.secretsmanager
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
//@@ testservice.secretsmanager

type fakeSecretsManager struct {
	gets []*secretsmanager.GetSecretValueInput
}

func (f *fakeSecretsManager) GetSecretValue(ctx context.Context, in *secretsmanager.GetSecretValueInput, _ ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error) {
	f.gets = append(f.gets, in)
	value := "s3cr3t"
	return &secretsmanager.GetSecretValueOutput{SecretString: &value}, nil
}
//@@ res.secret

// Get{{Name}}Secret gives the value of secret {{id}} (ARN in ${{env}}).
func Get{{Name}}Secret(ctx context.Context) (string, error) {
	secret, err := env("{{env}}")
	if err != nil {
		return "", err
	}
	client, err := secretsManagerClient(ctx)
	if err != nil {
		return "", err
	}
	out, err := client.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(secret)})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.SecretString), nil
}
//@@ restest.secret

func TestGet{{Name}}SecretReadsTheSecretIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "arn:aws:secretsmanager:us-east-1:123456789012:secret:{{id}}")
	fake := &fakeSecretsManager{}
	SecretsManagerClient = fake
	value, err := Get{{Name}}Secret(ctx)
	if err != nil {
		t.Fatal(err)
	}
	check(t, value, "s3cr3t")
	check(t, *fake.gets[0].SecretId, "arn:aws:secretsmanager:us-east-1:123456789012:secret:{{id}}")
}
//@@ imports.ssm
	"github.com/aws/aws-sdk-go-v2/service/ssm"
//@@ service.ssm

// SSMAPI is what the helpers use of the SSM client.
type SSMAPI interface {
	GetParameter(ctx context.Context, in *ssm.GetParameterInput, opts ...func(*ssm.Options)) (*ssm.GetParameterOutput, error)
}

// SSMClient is made on first use; tests may set it.
var SSMClient SSMAPI

func ssmClient(ctx context.Context) (SSMAPI, error) {
	if SSMClient == nil {
		cfg, err := AWSConfig(ctx)
		if err != nil {
			return nil, err
		}
		SSMClient = ssm.NewFromConfig(cfg)
	}
	return SSMClient, nil
}
//@@ testimports.ssm
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"
//@@ testservice.ssm

type fakeSSM struct{ gets []*ssm.GetParameterInput }

func (f *fakeSSM) GetParameter(ctx context.Context, in *ssm.GetParameterInput, _ ...func(*ssm.Options)) (*ssm.GetParameterOutput, error) {
	f.gets = append(f.gets, in)
	value := "v1"
	return &ssm.GetParameterOutput{Parameter: &ssmtypes.Parameter{Value: &value}}, nil
}
//@@ res.parameter

// Get{{Name}}Parameter gives the value of SSM parameter {{id}} (name in ${{env}}).
func Get{{Name}}Parameter(ctx context.Context) (string, error) {
	name, err := env("{{env}}")
	if err != nil {
		return "", err
	}
	client, err := ssmClient(ctx)
	if err != nil {
		return "", err
	}
	out, err := client.GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String(name), WithDecryption: aws.Bool(true)})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.Parameter.Value), nil
}
//@@ restest.parameter

func TestGet{{Name}}ParameterReadsTheParameterNamedIn{{env}}(t *testing.T) {
	t.Setenv("{{env}}", "/{{app}}/{{id}}")
	fake := &fakeSSM{}
	SSMClient = fake
	value, err := Get{{Name}}Parameter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	check(t, value, "v1")
	check(t, []any{*fake.gets[0].Name, *fake.gets[0].WithDecryption}, []any{"/{{app}}/{{id}}", true})
}
