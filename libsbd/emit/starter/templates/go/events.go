// Turns the events of AWS Lambda's event sources into plain, typed values.
//
// Written by sbd (Serverless by Design) for the event sources of {{fn_id}}
// (and the helpers of resources.go): the handler (main.go) uses it so that the
// business logic (logic.go) never sees the shape of a Lambda event.
package main

import (
//@@if on.sqs on.dynamodb on.kinesis on.firehose
	"context"
//@@end
//@@if on.api on.http_api
	"encoding/base64"
//@@end
	"encoding/json"
//@@if on.firehose
	"fmt"
//@@end
//@@if on.sqs on.dynamodb on.kinesis on.firehose
	"log"
//@@end
//@@if on.s3
	"net/url"
//@@end
//@@if on.dynamodb svc.dynamodb
	"strconv"
//@@end
//@@if on.dynamodb svc.dynamodb on.api on.http_api
	"strings"
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.api on.http_api

	"github.com/aws/aws-lambda-go/events"
//@@end
)

// SourceOf names the kind of event, among the sources of {{fn_id}};
// anything else is "invoke" (a direct invocation by a function, a state
// machine or the CLI, or an IoT rule's message).
func SourceOf(raw json.RawMessage) string {
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.api on.http_api on.schedule on.eventbridge
	var probe map[string]json.RawMessage
	if json.Unmarshal(raw, &probe) != nil {
		return "invoke"
	}
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis
	if recs, ok := probe["Records"]; ok {
		var records []map[string]json.RawMessage
		if json.Unmarshal(recs, &records) == nil && len(records) > 0 {
			source := stringField(records[0], "eventSource")
			if source == "" {
				source = stringField(records[0], "EventSource")
			}
			switch source {
//@@if on.s3
			case "aws:s3":
				return "s3"
//@@end
//@@if on.sqs
			case "aws:sqs":
				return "sqs"
//@@end
//@@if on.sns
			case "aws:sns":
				return "sns"
//@@end
//@@if on.dynamodb
			case "aws:dynamodb":
				return "dynamodb"
//@@end
//@@if on.kinesis
			case "aws:kinesis":
				return "kinesis"
//@@end
			}
			return "invoke"
		}
	}
//@@end
//@@if on.firehose
	if _, ok := probe["deliveryStreamArn"]; ok {
		if _, ok := probe["records"]; ok {
			return "firehose"
		}
	}
//@@end
//@@if on.api on.http_api
	if ctxRaw, ok := probe["requestContext"]; ok {
		var requestContext map[string]json.RawMessage
		if json.Unmarshal(ctxRaw, &requestContext) == nil {
//@@if on.http_api
			if _, http := requestContext["http"]; http && stringField(probe, "version") == "2.0" {
				return "http_api"
			}
//@@end
//@@if on.api
			if _, ok := probe["httpMethod"]; ok {
				return "api"
			}
//@@end
		}
	}
//@@end
//@@if on.schedule
//@@if on.eventbridge
	if _, ok := probe["detail-type"]; ok {
		if _, ok := probe["source"]; ok {
			if stringField(probe, "detail-type") == "Scheduled Event" && stringField(probe, "source") == "aws.events" {
				return "schedule"
			}
			return "eventbridge"
		}
	}
//@@end
//@@if !on.eventbridge
	if stringField(probe, "detail-type") == "Scheduled Event" && stringField(probe, "source") == "aws.events" {
		return "schedule"
	}
//@@end
//@@end
//@@if on.eventbridge
//@@if !on.schedule
	if _, ok := probe["detail-type"]; ok {
		if _, ok := probe["source"]; ok {
			return "eventbridge"
		}
	}
//@@end
//@@end
	return "invoke"
}
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.http_api on.schedule on.eventbridge

func stringField(m map[string]json.RawMessage, key string) string {
	var s string
	if raw, ok := m[key]; ok && json.Unmarshal(raw, &s) == nil {
		return s
	}
	return ""
}
//@@end
//@@if on.sqs on.sns on.kinesis on.api on.http_api res.api

// ParseJSON gives the JSON value of a text, or the text itself when it is not JSON.
func ParseJSON(text string) any {
	var v any
	if json.Unmarshal([]byte(text), &v) != nil {
		return text
	}
	return v
}
//@@end
//@@if on.s3

// --- S3 ----------------------------------------------------------------------

// S3Object is an object that was created (or removed) in a bucket.
type S3Object struct {
	Bucket    string
	Key       string // decoded: "my photo.jpg", not "my+photo.jpg"
	Size      int64
	EventName string // e.g. "ObjectCreated:Put"
}

func S3Objects(raw json.RawMessage) ([]S3Object, error) {
	var event events.S3Event
	if err := json.Unmarshal(raw, &event); err != nil {
		return nil, err
	}
	out := make([]S3Object, 0, len(event.Records))
	for _, r := range event.Records {
		key, err := url.QueryUnescape(r.S3.Object.Key)
		if err != nil {
			key = r.S3.Object.Key
		}
		out = append(out, S3Object{Bucket: r.S3.Bucket.Name, Key: key, Size: r.S3.Object.Size, EventName: r.EventName})
	}
	return out, nil
}
//@@end
//@@if on.sqs

// --- SQS ---------------------------------------------------------------------

// QueueMessage is one message of an SQS queue.
type QueueMessage struct {
	MessageID string
	Body      any // the parsed JSON body, or the text
	QueueArn  string
}

func QueueMessages(raw json.RawMessage) ([]QueueMessage, error) {
	var event events.SQSEvent
	if err := json.Unmarshal(raw, &event); err != nil {
		return nil, err
	}
	out := make([]QueueMessage, 0, len(event.Records))
	for _, r := range event.Records {
		out = append(out, QueueMessage{MessageID: r.MessageId, Body: ParseJSON(r.Body), QueueArn: r.EventSourceARN})
	}
	return out, nil
}
//@@end
//@@if on.sns

// --- SNS ---------------------------------------------------------------------

// Notification is one SNS notification.
type Notification struct {
	MessageID string
	TopicArn  string
	Subject   string
	Message   any // the parsed JSON message, or the text
}

func Notifications(raw json.RawMessage) ([]Notification, error) {
	var event events.SNSEvent
	if err := json.Unmarshal(raw, &event); err != nil {
		return nil, err
	}
	out := make([]Notification, 0, len(event.Records))
	for _, r := range event.Records {
		out = append(out, Notification{MessageID: r.SNS.MessageID, TopicArn: r.SNS.TopicArn, Subject: r.SNS.Subject,
			Message: ParseJSON(r.SNS.Message)})
	}
	return out, nil
}
//@@end
//@@if on.dynamodb svc.dynamodb

// --- DynamoDB ----------------------------------------------------------------

// Item is a DynamoDB item as plain values (string, int64, float64, bool, nil,
// []byte, map[string]any, []any, []string).
type Item = map[string]any
//@@end
//@@if on.dynamodb

func fromDynamo(v events.DynamoDBAttributeValue) any {
	switch v.DataType() {
	case events.DataTypeString:
		return v.String()
	case events.DataTypeNumber:
		return parseNumber(v.Number())
	case events.DataTypeBoolean:
		return v.Boolean()
	case events.DataTypeNull:
		return nil
	case events.DataTypeBinary:
		return v.Binary()
	case events.DataTypeMap:
		return itemFromStream(v.Map())
	case events.DataTypeList:
		out := []any{}
		for _, x := range v.List() {
			out = append(out, fromDynamo(x))
		}
		return out
	case events.DataTypeStringSet:
		return v.StringSet()
	case events.DataTypeNumberSet:
		return v.NumberSet()
	case events.DataTypeBinarySet:
		return v.BinarySet()
	}
	return nil
}
//@@end
//@@if on.dynamodb svc.dynamodb

func parseNumber(s string) any {
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i
		}
	}
	f, _ := strconv.ParseFloat(s, 64)
	return f
}
//@@end
//@@if on.dynamodb

func itemFromStream(image map[string]events.DynamoDBAttributeValue) Item {
	if image == nil {
		return nil
	}
	out := Item{}
	for k, v := range image {
		out[k] = fromDynamo(v)
	}
	return out
}

// TableChange is one change of a DynamoDB table.
type TableChange struct {
	EventName      string // INSERT, MODIFY or REMOVE
	Keys           Item
	NewImage       Item // nil when the stream does not carry it
	OldImage       Item
	SequenceNumber string
}

func TableChanges(raw json.RawMessage) ([]TableChange, error) {
	var event events.DynamoDBEvent
	if err := json.Unmarshal(raw, &event); err != nil {
		return nil, err
	}
	out := make([]TableChange, 0, len(event.Records))
	for _, r := range event.Records {
		out = append(out, TableChange{EventName: r.EventName, Keys: itemFromStream(r.Change.Keys),
			NewImage: itemFromStream(r.Change.NewImage), OldImage: itemFromStream(r.Change.OldImage),
			SequenceNumber: r.Change.SequenceNumber})
	}
	return out, nil
}
//@@end
//@@if on.kinesis

// --- Kinesis -----------------------------------------------------------------

// StreamRecord is one Kinesis record, its data decoded from base64.
type StreamRecord struct {
	PartitionKey   string
	SequenceNumber string
	Data           []byte
}

// JSON gives the parsed JSON data, or the data as text.
func (r StreamRecord) JSON() any { return ParseJSON(string(r.Data)) }

func StreamRecords(raw json.RawMessage) ([]StreamRecord, error) {
	var event events.KinesisEvent
	if err := json.Unmarshal(raw, &event); err != nil {
		return nil, err
	}
	out := make([]StreamRecord, 0, len(event.Records))
	for _, r := range event.Records {
		out = append(out, StreamRecord{PartitionKey: r.Kinesis.PartitionKey, SequenceNumber: r.Kinesis.SequenceNumber,
			Data: r.Kinesis.Data})
	}
	return out, nil
}
//@@end
//@@if on.sqs on.dynamodb on.kinesis

// --- Partial batch failures (SQS, Kinesis, DynamoDB streams) -----------------

type BatchItemFailure struct {
	ItemIdentifier string `json:"itemIdentifier"`
}

type BatchResponse struct {
	BatchItemFailures []BatchItemFailure `json:"batchItemFailures"`
}

// ProcessBatch processes each item in turn; the ids of those that failed are
// reported so that only they are retried (the event source's
// ReportBatchItemFailures).
func ProcessBatch[T any](ctx context.Context, items []T, id func(T) string, process func(context.Context, T) error) BatchResponse {
	out := BatchResponse{BatchItemFailures: []BatchItemFailure{}}
	for _, item := range items {
		if err := process(ctx, item); err != nil {
			log.Printf("item %s failed: %v", id(item), err)
			out.BatchItemFailures = append(out.BatchItemFailures, BatchItemFailure{ItemIdentifier: id(item)})
		}
	}
	return out
}
//@@end
//@@if on.api on.http_api

// --- API Gateway (REST proxy and HTTP API v2) --------------------------------

// Request is one API request (REST or HTTP API alike).
type Request struct {
	Method         string
	Path           string
	PathParameters map[string]string
	Query          map[string]string
	Headers        map[string]string // lower-case names
	Body           string
}

// JSON gives the parsed JSON body, or the body as text.
func (r Request) JSON() any { return ParseJSON(r.Body) }

// Response is the answer to a Request: a string Body is sent as is, anything
// else as JSON.
type Response struct {
	Status  int
	Body    any
	Headers map[string]string
}

// ProxyResponse is what API Gateway expects of a proxy integration (REST and
// HTTP APIs alike).
type ProxyResponse struct {
	StatusCode      int               `json:"statusCode"`
	Headers         map[string]string `json:"headers"`
	Body            string            `json:"body"`
	IsBase64Encoded bool              `json:"isBase64Encoded"`
}

func lowerKeys(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}

func decodeBody(body string, base64Encoded bool) string {
	if base64Encoded {
		if b, err := base64.StdEncoding.DecodeString(body); err == nil {
			return string(b)
		}
	}
	return body
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

//@@if on.api
// APIRequest reads a REST API (API Gateway v1) proxy integration request.
func APIRequest(raw json.RawMessage) (Request, error) {
	var e events.APIGatewayProxyRequest
	if err := json.Unmarshal(raw, &e); err != nil {
		return Request{}, err
	}
	return Request{Method: e.HTTPMethod, Path: e.Path, PathParameters: orEmpty(e.PathParameters),
		Query: orEmpty(e.QueryStringParameters), Headers: lowerKeys(e.Headers), Body: decodeBody(e.Body, e.IsBase64Encoded)}, nil
}

//@@end
//@@if on.http_api
// HTTPAPIRequest reads an HTTP API (payload format 2.0) request.
func HTTPAPIRequest(raw json.RawMessage) (Request, error) {
	var e events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(raw, &e); err != nil {
		return Request{}, err
	}
	return Request{Method: e.RequestContext.HTTP.Method, Path: e.RawPath, PathParameters: orEmpty(e.PathParameters),
		Query: orEmpty(e.QueryStringParameters), Headers: lowerKeys(e.Headers), Body: decodeBody(e.Body, e.IsBase64Encoded)}, nil
}

//@@end
// APIResponse builds the proxy response of a Response.
func APIResponse(r Response) (ProxyResponse, error) {
	headers := map[string]string{}
	for k, v := range r.Headers {
		headers[k] = v
	}
	status := r.Status
	if status == 0 {
		status = 200
	}
	body := ""
	switch b := r.Body.(type) {
	case nil:
	case string:
		body = b
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return ProxyResponse{}, err
		}
		body = string(data)
		if _, ok := headers["Content-Type"]; !ok {
			headers["Content-Type"] = "application/json"
		}
	}
	return ProxyResponse{StatusCode: status, Headers: headers, Body: body}, nil
}
//@@end
//@@if on.eventbridge on.schedule

// --- EventBridge and schedules -----------------------------------------------

type rawBusEvent struct {
	Source     string          `json:"source"`
	DetailType string          `json:"detail-type"`
	Detail     json.RawMessage `json:"detail"`
	Time       string          `json:"time"`
	Resources  []string        `json:"resources"`
}
//@@end
//@@if on.eventbridge

// BusEvent is one EventBridge event.
type BusEvent struct {
	Source     string
	DetailType string
	Detail     any
	Time       string
}

func ReadBusEvent(raw json.RawMessage) (BusEvent, error) {
	var e rawBusEvent
	if err := json.Unmarshal(raw, &e); err != nil {
		return BusEvent{}, err
	}
	var detail any
	if len(e.Detail) > 0 {
		if err := json.Unmarshal(e.Detail, &detail); err != nil {
			return BusEvent{}, err
		}
	}
	return BusEvent{Source: e.Source, DetailType: e.DetailType, Detail: detail, Time: e.Time}, nil
}
//@@end
//@@if on.schedule

// Tick is one firing of a schedule.
type Tick struct {
	Time  string // ISO 8601
	Rules []string
}

func ReadTick(raw json.RawMessage) (Tick, error) {
	var e rawBusEvent
	if err := json.Unmarshal(raw, &e); err != nil {
		return Tick{}, err
	}
	return Tick{Time: e.Time, Rules: e.Resources}, nil
}
//@@end
//@@if on.firehose

// --- Firehose data transformation --------------------------------------------

// ErrDrop, returned by a Firehose transformation, drops the record.
var ErrDrop = fmt.Errorf("drop this record")

// FirehoseResponse transforms each record: new data -> Ok, ErrDrop ->
// Dropped, another error -> ProcessingFailed (Firehose sends it to the error
// prefix).
func FirehoseResponse(ctx context.Context, raw json.RawMessage, transform func(context.Context, []byte) ([]byte, error)) (events.KinesisFirehoseResponse, error) {
	var event events.KinesisFirehoseEvent
	if err := json.Unmarshal(raw, &event); err != nil {
		return events.KinesisFirehoseResponse{}, err
	}
	out := events.KinesisFirehoseResponse{Records: []events.KinesisFirehoseResponseRecord{}}
	for _, r := range event.Records {
		data, err := transform(ctx, r.Data)
		record := events.KinesisFirehoseResponseRecord{RecordID: r.RecordID, Result: events.KinesisFirehoseTransformedStateOk, Data: data}
		if err == ErrDrop {
			record.Result, record.Data = events.KinesisFirehoseTransformedStateDropped, r.Data
		} else if err != nil {
			log.Printf("record %s failed: %v", r.RecordID, err)
			record.Result, record.Data = events.KinesisFirehoseTransformedStateProcessingFailed, r.Data
		}
		out.Records = append(out.Records, record)
	}
	return out, nil
}
//@@end
