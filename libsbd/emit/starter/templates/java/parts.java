// Snippets of the Java starter code, one per "//@@ name" marker, assembled by
// libsbd/emit/starter/starter.cpp. Not a Java file.
//@@ dispatch.s3
    if (source.equals("s3")) {
      for (Events.S3Object object : Events.s3Objects(event)) Events.run(x -> logic.onObject(object));
      return null;
    }
//@@ dispatch.sqs
    if (source.equals("sqs")) {
      return Events.batchResponse(Events.queueMessages(event), Events.QueueMessage::messageId, logic::onQueueMessage);
    }
//@@ dispatch.sns
    if (source.equals("sns")) {
      for (Events.Notification n : Events.notifications(event)) Events.run(x -> logic.onNotification(n));
      return null;
    }
//@@ dispatch.dynamodb
    if (source.equals("dynamodb")) {
      return Events.batchResponse(Events.tableChanges(event), Events.TableChange::sequenceNumber, logic::onTableChange);
    }
//@@ dispatch.kinesis
    if (source.equals("kinesis")) {
      return Events.batchResponse(Events.streamRecords(event), Events.StreamRecord::sequenceNumber, logic::onStreamRecord);
    }
//@@ dispatch.firehose
    if (source.equals("firehose")) return Events.firehoseResponse(event, logic::transformRecord);
//@@ dispatch.api
    if (source.equals("api")) return Events.apiResponse(Events.call(() -> logic.handleRequest(Events.apiRequest(event))));
//@@ dispatch.http_api
    if (source.equals("http_api")) {
      return Events.apiResponse(Events.call(() -> logic.handleRequest(Events.httpApiRequest(event))));
    }
//@@ dispatch.schedule
    if (source.equals("schedule")) {
      Events.run(x -> logic.onSchedule(Events.scheduleTick(event)));
      return null;
    }
//@@ dispatch.eventbridge
    if (source.equals("eventbridge")) {
      Events.run(x -> logic.onEvent(Events.busEvent(event)));
      return null;
    }
//@@ dispatch.iot
    if (source.equals("invoke")) { // an IoT rule sends the result of its SELECT as is
      Events.run(x -> logic.onIotMessage(event));
      return null;
    }
//@@ dispatch.invoke
    if (source.equals("invoke")) { // a direct invocation: another function, a state machine, the CLI
      return Events.call(() -> logic.onInvoke(event));
    }
//@@ logic.on_object

  /** An object was created (or removed) in a bucket. */
  public void onObject(Events.S3Object object) throws Exception {
    LOG.info(object.eventName() + " s3://" + object.bucket() + "/" + object.key() + " (" + object.size() + " bytes)");
  }
//@@ logic.on_queue_message

  /** One message of a queue. Throw to have it retried (only this one). */
  public void onQueueMessage(Events.QueueMessage message) throws Exception {
    LOG.info("message " + message.messageId() + ": " + message.body());
  }
//@@ logic.on_notification

  /** One SNS notification. */
  public void onNotification(Events.Notification notification) throws Exception {
    LOG.info("notification " + notification.messageId() + " (" + notification.subject() + "): " + notification.message());
  }
//@@ logic.on_table_change

  /** One change of a DynamoDB table (INSERT, MODIFY, REMOVE). Throw to have the stream retried from it. */
  public void onTableChange(Events.TableChange change) throws Exception {
    LOG.info(change.eventName() + " " + change.keys() + ": " + change.oldImage() + " -> " + change.newImage());
  }
//@@ logic.on_stream_record

  /** One Kinesis record (data decoded from base64). Throw to have the stream retried from it. */
  public void onStreamRecord(Events.StreamRecord record) throws Exception {
    LOG.info("record " + record.sequenceNumber() + " from " + record.partitionKey() + ": " + record.data().length + " bytes");
  }
//@@ logic.transform_record

  /** Transforms one Firehose record: return the new data, or null to drop it; throw to mark it failed. */
  public byte[] transformRecord(byte[] data) throws Exception {
    return data;
  }
//@@ logic.handle_request

  /** One API request (REST or HTTP API alike). */
  public Events.Response handleRequest(Events.Request request) throws Exception {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("function", "{{fn_id}}");
    body.put("method", request.method());
    body.put("path", request.path());
    body.put("input", request.json());
    return new Events.Response(200, body);
  }
//@@ logic.on_schedule

  /** The schedule fired. */
  public void onSchedule(Events.Tick tick) throws Exception {
    LOG.info("scheduled run at " + tick.time());
  }
//@@ logic.on_event

  /** One EventBridge event. */
  public void onEvent(Events.BusEvent event) throws Exception {
    LOG.info(event.detailType() + " from " + event.source() + ": " + event.detail());
  }
//@@ logic.on_iot_message

  /** One message selected by an IoT rule (the result of its SQL SELECT). */
  public void onIotMessage(Map<String, Object> message) throws Exception {
    LOG.info("IoT message: " + message);
  }
//@@ logic.on_invoke

  /**
   * A direct invocation (by a function, a state machine's task state, or the
   * CLI{{invoke_doc}}): the result is returned to the caller.
   */
  public Object onInvoke(Map<String, Object> payload) throws Exception {
    return Map.of("function", "{{fn_id}}", "received", payload);
  }
//@@ test.s3

  @Test
  void s3EventGivesEachObjectToOnObject() throws Exception {
    Map<String, Object> event = load("s3");
    assertNull(handle(new Logic(), event)); // the starter logic runs
    List<Events.S3Object> seen = new ArrayList<>();
    handle(new Logic() {
      @Override
      public void onObject(Events.S3Object object) {
        seen.add(object);
      }
    }, event);
    assertEquals(List.of(new Events.S3Object("{{source_name}}", "uploads/my photo.jpg", 1024, "ObjectCreated:Put")), seen);
  }
//@@ test.sqs

  @Test
  void sqsEventReportsOnlyTheFailedMessages() throws Exception {
    Map<String, Object> event = load("sqs");
    assertEquals(js("{\"batchItemFailures\": []}"), handle(new Logic(), event));
    List<Object> seen = new ArrayList<>();
    Object result = handle(new Logic() {
      @Override
      public void onQueueMessage(Events.QueueMessage message) {
        seen.add(message.body());
        if ("plain text".equals(message.body())) throw new IllegalStateException("cannot process");
      }
    }, event);
    assertEquals(List.of(Map.of("id", "1", "action", "resize"), "plain text"), seen);
    assertEquals(js("{\"batchItemFailures\": [{\"itemIdentifier\": \"2e1424d4-f796-459a-8184-9c92662be6da\"}]}"), result);
  }
//@@ test.sns

  @Test
  void snsEventGivesEachNotificationToOnNotification() throws Exception {
    Map<String, Object> event = load("sns");
    assertNull(handle(new Logic(), event));
    List<Object> seen = new ArrayList<>();
    handle(new Logic() {
      @Override
      public void onNotification(Events.Notification n) {
        seen.add(List.of(n.subject(), n.message()));
      }
    }, event);
    assertEquals(List.of(List.of("Example", Map.of("id", "1"))), seen);
  }
//@@ test.dynamodb

  @Test
  void dynamoDbStreamEventGivesPlainItemsAndReportsFailures() throws Exception {
    Map<String, Object> event = load("dynamodb");
    assertEquals(js("{\"batchItemFailures\": []}"), handle(new Logic(), event));
    List<Events.TableChange> seen = new ArrayList<>();
    Object result = handle(new Logic() {
      @Override
      public void onTableChange(Events.TableChange change) {
        seen.add(change);
        if (change.eventName().equals("MODIFY")) throw new IllegalStateException("cannot process");
      }
    }, event);
    assertEquals(js("{\"batchItemFailures\": [{\"itemIdentifier\": \"4421584500000000017450439092\"}]}"), result);
    assertEquals(Map.of("id", "1"), seen.get(0).keys());
    assertEquals(js("{\"id\": \"1\", \"count\": 2, \"tags\": [\"a\", true], \"meta\": {\"size\": 1.5, \"note\": null}}"),
        seen.get(0).newImage());
    assertNull(seen.get(0).oldImage());
    assertEquals(Map.of("id", "2", "count", 1), seen.get(1).oldImage());
  }
//@@ test.kinesis

  @Test
  void kinesisEventDecodesRecordsAndReportsFailures() throws Exception {
    Map<String, Object> event = load("kinesis");
    assertEquals(js("{\"batchItemFailures\": []}"), handle(new Logic(), event));
    List<Object> seen = new ArrayList<>();
    Object result = handle(new Logic() {
      @Override
      public void onStreamRecord(Events.StreamRecord record) {
        seen.add(List.of(record.partitionKey(), record.json()));
        if (new String(record.data(), StandardCharsets.UTF_8).equals("hello")) throw new IllegalStateException("no");
      }
    }, event);
    assertEquals(List.of(List.of("user-1", Map.of("clicks", 3)), List.of("user-2", "hello")), seen);
    assertEquals(js("{\"batchItemFailures\": [{\"itemIdentifier\": "
        + "\"49590338271490256608559692540925702759324208523137515618\"}]}"), result);
  }
//@@ test.firehose

  @Test
  @SuppressWarnings("unchecked")
  void firehoseTransformReturnsOkDroppedAndFailedRecords() throws Exception {
    Map<String, Object> event = load("firehose");
    List<Map<String, Object>> in = (List<Map<String, Object>>) event.get("records");
    Map<String, Object> result = (Map<String, Object>) handle(new Logic(), event);
    List<Map<String, Object>> out = (List<Map<String, Object>>) result.get("records");
    assertEquals(List.of("Ok", "Ok"), List.of(out.get(0).get("result"), out.get(1).get("result")));
    assertEquals(in.get(0).get("data"), out.get(0).get("data"));
    result = (Map<String, Object>) handle(new Logic() {
      @Override
      public byte[] transformRecord(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.equals("plain line")) throw new IllegalArgumentException("not JSON");
        return text.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
      }
    }, event);
    out = (List<Map<String, Object>>) result.get("records");
    assertEquals(List.of(in.get(0).get("recordId"), "Ok", in.get(1).get("recordId"), "ProcessingFailed"),
        List.of(out.get(0).get("recordId"), out.get(0).get("result"), out.get(1).get("recordId"), out.get(1).get("result")));
    assertEquals("{\"LEVEL\": \"INFO\", \"MESSAGE\": \"HELLO\"}",
        new String(Base64.getDecoder().decode((String) out.get(0).get("data")), StandardCharsets.UTF_8));
    result = (Map<String, Object>) handle(new Logic() {
      @Override
      public byte[] transformRecord(byte[] data) {
        return null;
      }
    }, event);
    out = (List<Map<String, Object>>) result.get("records");
    assertEquals(List.of("Dropped", "Dropped"), List.of(out.get(0).get("result"), out.get(1).get("result")));
  }
//@@ test.api

  @Test
  @SuppressWarnings("unchecked")
  void restApiRequestAndResponse() throws Exception {
    Map<String, Object> event = load("api");
    Map<String, Object> response = (Map<String, Object>) handle(new Logic(), event);
    assertEquals(200, response.get("statusCode"));
    assertEquals(Map.of("name", "example"), ((Map<String, Object>) js((String) response.get("body"))).get("input"));
    List<Events.Request> seen = new ArrayList<>();
    response = (Map<String, Object>) handle(new Logic() {
      @Override
      public Events.Response handleRequest(Events.Request request) {
        seen.add(request);
        return new Events.Response(201, Map.of("id", request.pathParameters().get("id")));
      }
    }, event);
    Events.Request r = seen.get(0);
    assertEquals(List.of("POST", "/items/42", Map.of("verbose", "true"), Map.of("name", "example")),
        List.of(r.method(), r.path(), r.query(), r.json()));
    assertEquals("application/json", r.headers().get("content-type"));
    assertEquals(201, response.get("statusCode"));
    assertEquals(Map.of("id", "42"), js((String) response.get("body")));
    assertEquals(Map.of("Content-Type", "application/json"), response.get("headers"));
  }
//@@ test.http_api

  @Test
  @SuppressWarnings("unchecked")
  void httpApiRequestAndResponse() throws Exception {
    Map<String, Object> event = load("http_api");
    Map<String, Object> response = (Map<String, Object>) handle(new Logic(), event);
    assertEquals(200, response.get("statusCode"));
    assertEquals(Map.of("name", "example"), ((Map<String, Object>) js((String) response.get("body"))).get("input"));
    List<Events.Request> seen = new ArrayList<>();
    response = (Map<String, Object>) handle(new Logic() {
      @Override
      public Events.Response handleRequest(Events.Request request) {
        seen.add(request);
        return new Events.Response(404, "no such item");
      }
    }, event);
    Events.Request r = seen.get(0);
    assertEquals(List.of("POST", "/items/42", Map.of("id", "42"), Map.of("name", "example")),
        List.of(r.method(), r.path(), r.pathParameters(), r.json()));
    assertEquals(List.of(404, "no such item"), List.of(response.get("statusCode"), response.get("body")));
  }
//@@ test.schedule

  @Test
  void scheduleEventCallsOnSchedule() throws Exception {
    Map<String, Object> event = load("schedule");
    assertNull(handle(new Logic(), event));
    List<String> seen = new ArrayList<>();
    handle(new Logic() {
      @Override
      public void onSchedule(Events.Tick tick) {
        seen.add(tick.time());
      }
    }, event);
    assertEquals(List.of("2026-01-01T03:00:00Z"), seen);
  }
//@@ test.eventbridge

  @Test
  void eventBridgeEventCallsOnEvent() throws Exception {
    Map<String, Object> event = load("eventbridge");
    assertNull(handle(new Logic(), event));
    List<Events.BusEvent> seen = new ArrayList<>();
    handle(new Logic() {
      @Override
      public void onEvent(Events.BusEvent e) {
        seen.add(e);
      }
    }, event);
    assertEquals(List.of(new Events.BusEvent("{{app}}", "OrderPlaced", Map.of("orderId", "42", "total", 19.5),
        "2026-01-01T12:00:00Z")), seen);
  }
//@@ test.iot

  @Test
  void iotMessageCallsOnIotMessage() throws Exception {
    Map<String, Object> event = load("iot");
    handle(new Logic(), event);
    List<Object> seen = new ArrayList<>();
    handle(new Logic() {
      @Override
      public void onIotMessage(Map<String, Object> message) {
        seen.add(message);
      }
    }, event);
    assertEquals(List.of(Map.of("device", "sensor-1", "temperature", 21.5, "humidity", 40)), seen);
  }
//@@ test.invoke

  @Test
  @SuppressWarnings("unchecked")
  void directInvocationReturnsTheResultOfOnInvoke() throws Exception {
    Map<String, Object> event = load("invoke");
    assertEquals(Map.of("id", "42", "action", "process"), ((Map<String, Object>) handle(new Logic(), event)).get("received"));
    Object result = handle(new Logic() {
      @Override
      public Object onInvoke(Map<String, Object> payload) {
        return Map.of("done", payload.get("id"));
      }
    }, event);
    assertEquals(Map.of("done", "42"), result);
  }
//@@ dep.dynamodb
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>dynamodb</artifactId>
    </dependency>
//@@ imports.dynamodb
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;
//@@ testimports.dynamodb
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;
//@@ service.dynamodb

  private static DynamoDbClient dynamoDb;

  /** The DynamoDbClient, made on first use. */
  static synchronized DynamoDbClient dynamoDb() {
    if (dynamoDb == null) dynamoDb = DynamoDbClient.create();
    return dynamoDb;
  }

  /** Replaces the DynamoDbClient (for tests). */
  static synchronized void useDynamoDb(DynamoDbClient client) {
    dynamoDb = client;
  }

  /** A DynamoDB attribute value from a plain value. */
  static AttributeValue toDynamo(Object v) {
    if (v == null) return AttributeValue.fromNul(true);
    if (v instanceof Boolean) return AttributeValue.fromBool((Boolean) v);
    if (v instanceof Number) return AttributeValue.fromN(v.toString());
    if (v instanceof String) return AttributeValue.fromS((String) v);
    if (v instanceof byte[]) return AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray((byte[]) v));
    if (v instanceof java.util.List) {
      java.util.List<AttributeValue> out = new java.util.ArrayList<>();
      for (Object x : (java.util.List<?>) v) out.add(toDynamo(x));
      return AttributeValue.fromL(out);
    }
    if (v instanceof Map) {
      Map<String, AttributeValue> out = new java.util.LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) out.put(String.valueOf(e.getKey()), toDynamo(e.getValue()));
      return AttributeValue.fromM(out);
    }
    throw new IllegalArgumentException("cannot store " + v.getClass().getName() + " in DynamoDB");
  }

  static Map<String, AttributeValue> itemToDynamo(Map<String, Object> item) {
    return toDynamo(item).m();
  }

  /** A plain value from a DynamoDB attribute value. */
  static Object fromDynamo(AttributeValue v) {
    switch (v.type()) {
      case S: return v.s();
      case N: return Events.parseJson(v.n());
      case BOOL: return v.bool();
      case NUL: return null;
      case B: return v.b().asByteArray();
      case M: return itemFromDynamo(v.m());
      case L: {
        java.util.List<Object> out = new java.util.ArrayList<>();
        for (AttributeValue x : v.l()) out.add(fromDynamo(x));
        return out;
      }
      case SS: return v.ss();
      default: throw new IllegalArgumentException("unsupported DynamoDB type " + v.type());
    }
  }

  static Map<String, Object> itemFromDynamo(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) return null;
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) out.put(e.getKey(), fromDynamo(e.getValue()));
    return out;
  }
//@@ dep.s3
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>s3</artifactId>
    </dependency>
//@@ imports.s3
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;
//@@ testimports.s3
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;
//@@ service.s3

  private static S3Client s3;

  /** The S3Client, made on first use. */
  static synchronized S3Client s3() {
    if (s3 == null) s3 = S3Client.create();
    return s3;
  }

  /** Replaces the S3Client (for tests). */
  static synchronized void useS3(S3Client client) {
    s3 = client;
  }
//@@ dep.sqs
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>sqs</artifactId>
    </dependency>
//@@ imports.sqs
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.*;
//@@ testimports.sqs
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.*;
//@@ service.sqs

  private static SqsClient sqs;

  /** The SqsClient, made on first use. */
  static synchronized SqsClient sqs() {
    if (sqs == null) sqs = SqsClient.create();
    return sqs;
  }

  /** Replaces the SqsClient (for tests). */
  static synchronized void useSqs(SqsClient client) {
    sqs = client;
  }
//@@ dep.sns
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>sns</artifactId>
    </dependency>
//@@ imports.sns
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.*;
//@@ testimports.sns
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.*;
//@@ service.sns

  private static SnsClient sns;

  /** The SnsClient, made on first use. */
  static synchronized SnsClient sns() {
    if (sns == null) sns = SnsClient.create();
    return sns;
  }

  /** Replaces the SnsClient (for tests). */
  static synchronized void useSns(SnsClient client) {
    sns = client;
  }
//@@ dep.kinesis
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>kinesis</artifactId>
    </dependency>
//@@ imports.kinesis
import software.amazon.awssdk.services.kinesis.KinesisClient;
//@@ testimports.kinesis
import software.amazon.awssdk.services.kinesis.KinesisClient;
//@@ service.kinesis

  private static KinesisClient kinesis;

  /** The KinesisClient, made on first use. */
  static synchronized KinesisClient kinesis() {
    if (kinesis == null) kinesis = KinesisClient.create();
    return kinesis;
  }

  /** Replaces the KinesisClient (for tests). */
  static synchronized void useKinesis(KinesisClient client) {
    kinesis = client;
  }
//@@ dep.firehose
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>firehose</artifactId>
    </dependency>
//@@ imports.firehose
import software.amazon.awssdk.services.firehose.FirehoseClient;
//@@ testimports.firehose
import software.amazon.awssdk.services.firehose.FirehoseClient;
//@@ service.firehose

  private static FirehoseClient firehose;

  /** The FirehoseClient, made on first use. */
  static synchronized FirehoseClient firehose() {
    if (firehose == null) firehose = FirehoseClient.create();
    return firehose;
  }

  /** Replaces the FirehoseClient (for tests). */
  static synchronized void useFirehose(FirehoseClient client) {
    firehose = client;
  }
//@@ dep.eventbridge
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>eventbridge</artifactId>
    </dependency>
//@@ imports.eventbridge
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.*;
//@@ testimports.eventbridge
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.*;
//@@ service.eventbridge

  private static EventBridgeClient eventBridge;

  /** The EventBridgeClient, made on first use. */
  static synchronized EventBridgeClient eventBridge() {
    if (eventBridge == null) eventBridge = EventBridgeClient.create();
    return eventBridge;
  }

  /** Replaces the EventBridgeClient (for tests). */
  static synchronized void useEventBridge(EventBridgeClient client) {
    eventBridge = client;
  }
//@@ dep.lambda
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>lambda</artifactId>
    </dependency>
//@@ imports.lambda
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.*;
//@@ testimports.lambda
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.*;
//@@ service.lambda

  private static LambdaClient lambda;

  /** The LambdaClient, made on first use. */
  static synchronized LambdaClient lambda() {
    if (lambda == null) lambda = LambdaClient.create();
    return lambda;
  }

  /** Replaces the LambdaClient (for tests). */
  static synchronized void useLambda(LambdaClient client) {
    lambda = client;
  }
//@@ dep.sfn
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>sfn</artifactId>
    </dependency>
//@@ imports.sfn
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.*;
//@@ testimports.sfn
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.*;
//@@ service.sfn

  private static SfnClient sfn;

  /** The SfnClient, made on first use. */
  static synchronized SfnClient sfn() {
    if (sfn == null) sfn = SfnClient.create();
    return sfn;
  }

  /** Replaces the SfnClient (for tests). */
  static synchronized void useSfn(SfnClient client) {
    sfn = client;
  }
//@@ dep.secretsmanager
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>secretsmanager</artifactId>
    </dependency>
//@@ imports.secretsmanager
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.*;
//@@ testimports.secretsmanager
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.*;
//@@ service.secretsmanager

  private static SecretsManagerClient secretsManager;

  /** The SecretsManagerClient, made on first use. */
  static synchronized SecretsManagerClient secretsManager() {
    if (secretsManager == null) secretsManager = SecretsManagerClient.create();
    return secretsManager;
  }

  /** Replaces the SecretsManagerClient (for tests). */
  static synchronized void useSecretsManager(SecretsManagerClient client) {
    secretsManager = client;
  }
//@@ dep.ssm
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>ssm</artifactId>
    </dependency>
//@@ imports.ssm
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.*;
//@@ testimports.ssm
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.*;
//@@ service.ssm

  private static SsmClient ssm;

  /** The SsmClient, made on first use. */
  static synchronized SsmClient ssm() {
    if (ssm == null) ssm = SsmClient.create();
    return ssm;
  }

  /** Replaces the SsmClient (for tests). */
  static synchronized void useSsm(SsmClient client) {
    ssm = client;
  }
//@@ dep.http
//@@ imports.http
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
//@@ testimports.http
//@@ service.http

  /** An HTTP answer: status and body. */
  record Answer(int status, String body) {}

  /** Sends the API helpers' requests (tests replace it). */
  @FunctionalInterface
  interface Http {
    Answer send(String method, String url, String body) throws Exception;
  }

  static Http http = (method, url, body) -> {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  };
//@@ testservice.dynamodb

  static final class FakeDynamoDb implements DynamoDbClient {
    final List<Object> calls = new ArrayList<>();
    Map<String, AttributeValue> item = Map.of();

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
      calls.add(request);
      return GetItemResponse.builder().item(item).build();
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
      calls.add(request);
      return PutItemResponse.builder().build();
    }
  }
//@@ testservice.s3

  static final class FakeS3 implements S3Client {
    final List<Object> calls = new ArrayList<>();
    final List<String> bodies = new ArrayList<>();

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}

    @Override
    public software.amazon.awssdk.core.ResponseBytes<GetObjectResponse> getObjectAsBytes(GetObjectRequest request) {
      calls.add(request);
      return software.amazon.awssdk.core.ResponseBytes.fromByteArray(GetObjectResponse.builder().build(),
          "content".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, software.amazon.awssdk.core.sync.RequestBody body) {
      calls.add(request);
      try (java.io.InputStream in = body.contentStreamProvider().newStream()) {
        bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return PutObjectResponse.builder().build();
    }
  }
//@@ testservice.sqs

  static final class FakeSqs implements SqsClient {
    final List<Object> calls = new ArrayList<>();

    @Override
    public String serviceName() {
      return "sqs";
    }

    @Override
    public void close() {}

    @Override
    public SendMessageResponse sendMessage(SendMessageRequest request) {
      calls.add(request);
      return SendMessageResponse.builder().messageId("m-1").build();
    }
  }
//@@ testservice.sns

  static final class FakeSns implements SnsClient {
    final List<Object> calls = new ArrayList<>();

    @Override
    public String serviceName() {
      return "sns";
    }

    @Override
    public void close() {}

    @Override
    public PublishResponse publish(PublishRequest request) {
      calls.add(request);
      return PublishResponse.builder().messageId("m-1").build();
    }
  }
//@@ testservice.kinesis

  static final class FakeKinesis implements KinesisClient {
    final List<Object> calls = new ArrayList<>();

    @Override
    public String serviceName() {
      return "kinesis";
    }

    @Override
    public void close() {}

    @Override
    public software.amazon.awssdk.services.kinesis.model.PutRecordResponse putRecord(
        software.amazon.awssdk.services.kinesis.model.PutRecordRequest request) {
      calls.add(request);
      return software.amazon.awssdk.services.kinesis.model.PutRecordResponse.builder().sequenceNumber("1").build();
    }
  }
//@@ testservice.firehose

  static final class FakeFirehose implements FirehoseClient {
    final List<Object> calls = new ArrayList<>();

    @Override
    public String serviceName() {
      return "firehose";
    }

    @Override
    public void close() {}

    @Override
    public software.amazon.awssdk.services.firehose.model.PutRecordResponse putRecord(
        software.amazon.awssdk.services.firehose.model.PutRecordRequest request) {
      calls.add(request);
      return software.amazon.awssdk.services.firehose.model.PutRecordResponse.builder().recordId("r-1").build();
    }
  }
//@@ testservice.eventbridge

  static final class FakeEventBridge implements EventBridgeClient {
    final List<Object> calls = new ArrayList<>();

    @Override
    public String serviceName() {
      return "eventbridge";
    }

    @Override
    public void close() {}

    @Override
    public PutEventsResponse putEvents(PutEventsRequest request) {
      calls.add(request);
      return PutEventsResponse.builder().failedEntryCount(0).build();
    }
  }
//@@ testservice.lambda

  static final class FakeLambda implements LambdaClient {
    final List<Object> calls = new ArrayList<>();

    @Override
    public String serviceName() {
      return "lambda";
    }

    @Override
    public void close() {}

    @Override
    public InvokeResponse invoke(InvokeRequest request) {
      calls.add(request);
      return InvokeResponse.builder().statusCode(200)
          .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"ok\":true}")).build();
    }
  }
//@@ testservice.sfn

  static final class FakeSfn implements SfnClient {
    final List<Object> calls = new ArrayList<>();

    @Override
    public String serviceName() {
      return "sfn";
    }

    @Override
    public void close() {}

    @Override
    public StartExecutionResponse startExecution(StartExecutionRequest request) {
      calls.add(request);
      return StartExecutionResponse.builder().executionArn("arn:exec").build();
    }
  }
//@@ testservice.secretsmanager

  static final class FakeSecretsManager implements SecretsManagerClient {
    final List<Object> calls = new ArrayList<>();

    @Override
    public String serviceName() {
      return "secretsmanager";
    }

    @Override
    public void close() {}

    @Override
    public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
      calls.add(request);
      return GetSecretValueResponse.builder().secretString("s3cr3t").build();
    }
  }
//@@ testservice.ssm

  static final class FakeSsm implements SsmClient {
    final List<Object> calls = new ArrayList<>();

    @Override
    public String serviceName() {
      return "ssm";
    }

    @Override
    public void close() {}

    @Override
    public GetParameterResponse getParameter(GetParameterRequest request) {
      calls.add(request);
      return GetParameterResponse.builder().parameter(Parameter.builder().value("v1").build()).build();
    }
  }
//@@ testservice.http
//@@ res.table.read

  /** The item of table {{id}} (name in ${{env}}) with that key, e.g. {"id": "1"}, or null. */
  public static Map<String, Object> get{{Name}}Item(Map<String, Object> key) {
    GetItemResponse response = dynamoDb().getItem(GetItemRequest.builder().tableName(env("{{env}}"))
        .key(itemToDynamo(key)).build());
    return response.hasItem() ? itemFromDynamo(response.item()) : null;
  }
//@@ res.table.write

  /** Writes an item (plain values) to table {{id}} (name in ${{env}}). */
  public static void put{{Name}}Item(Map<String, Object> item) {
    dynamoDb().putItem(PutItemRequest.builder().tableName(env("{{env}}")).item(itemToDynamo(item)).build());
  }
//@@ res.bucket.read

  /** The content of an object of bucket {{id}} (name in ${{env}}). */
  public static byte[] get{{Name}}Object(String key) {
    return s3().getObjectAsBytes(GetObjectRequest.builder().bucket(env("{{env}}")).key(key).build()).asByteArray();
  }
//@@ res.bucket.write

  /** Writes an object (bytes, text, or a value as JSON) to bucket {{id}} (name in ${{env}}). */
  public static void put{{Name}}Object(String key, Object body, String contentType) {
    s3().putObject(PutObjectRequest.builder().bucket(env("{{env}}")).key(key).contentType(contentType).build(),
        software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes(body)));
  }
//@@ res.queue

  /**
   * Sends a message (text, or a value as JSON) to queue {{id}} (URL in ${{env}});
   * a FIFO queue needs a groupId (null for none). Returns the message id.
   */
  public static String send{{Name}}Message(Object body, String groupId) {
    SendMessageRequest.Builder request = SendMessageRequest.builder().queueUrl(env("{{env}}")).messageBody(text(body));
    if (groupId != null) request.messageGroupId(groupId);
    return sqs().sendMessage(request.build()).messageId();
  }
//@@ res.topic

  /** Publishes a message (text, or a value as JSON) to topic {{id}} (ARN in ${{env}}); subject may be null. */
  public static String publish{{Name}}(Object message, String subject) {
    PublishRequest.Builder request = PublishRequest.builder().topicArn(env("{{env}}")).message(text(message));
    if (subject != null) request.subject(subject);
    return sns().publish(request.build()).messageId();
  }
//@@ res.stream

  /** Puts a record (bytes, text, or a value as JSON) to Kinesis stream {{id}} (name in ${{env}}). */
  public static String put{{Name}}Record(Object data, String partitionKey) {
    return kinesis().putRecord(software.amazon.awssdk.services.kinesis.model.PutRecordRequest.builder()
        .streamName(env("{{env}}")).data(software.amazon.awssdk.core.SdkBytes.fromByteArray(bytes(data)))
        .partitionKey(partitionKey).build()).sequenceNumber();
  }
//@@ res.deliveryStream

  /** Puts a record (bytes, text, or a value as a JSON line) to Firehose stream {{id}} (name in ${{env}}). */
  public static void put{{Name}}Record(Object data) {
    byte[] payload = data instanceof byte[] || data instanceof String ? bytes(data) : bytes(text(data) + "\n");
    firehose().putRecord(software.amazon.awssdk.services.firehose.model.PutRecordRequest.builder()
        .deliveryStreamName(env("{{env}}"))
        .record(software.amazon.awssdk.services.firehose.model.Record.builder()
            .data(software.amazon.awssdk.core.SdkBytes.fromByteArray(payload)).build())
        .build());
  }
//@@ res.eventBus

  /** Puts an event on EventBridge bus {{id}} (name in ${{env}}), with source "{{app}}". */
  public static void put{{Name}}Event(String detailType, Object detail) {
    PutEventsResponse response = eventBridge().putEvents(PutEventsRequest.builder().entries(
        PutEventsRequestEntry.builder().eventBusName(env("{{env}}")).source("{{app}}").detailType(detailType)
            .detail(Events.toJson(detail)).build()).build());
    if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
      throw new IllegalStateException("event not put: " + response.entries());
    }
  }
//@@ res.fn

  /** Invokes function {{id}} (name in ${{env}}) synchronously and returns its result. */
  public static Object invoke{{Name}}(Object payload) {
    InvokeResponse response = lambda().invoke(InvokeRequest.builder().functionName(env("{{env}}"))
        .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String(Events.toJson(payload))).build());
    String result = response.payload() == null ? "null" : response.payload().asUtf8String();
    if (response.functionError() != null) throw new IllegalStateException("{{id}} failed: " + result);
    return Events.parseJson(result);
  }
//@@ res.stepFn

  /** Starts an execution of state machine {{id}} (ARN in ${{env}}); returns its ARN. */
  public static String start{{Name}}Execution(Object input) {
    return sfn().startExecution(StartExecutionRequest.builder().stateMachineArn(env("{{env}}"))
        .input(Events.toJson(input)).build()).executionArn();
  }
//@@ res.api

  /**
   * Calls API {{id}} (base URL in ${{env}}) and returns its JSON answer.
   * (Unsigned: an API with IAM auth needs a SigV4-signed request.)
   */
  public static Object call{{Name}}(String method, String path, Object body) throws Exception {
    String url = env("{{env}}").replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
    Answer answer = http.send(method, url, body == null ? null : Events.toJson(body));
    if (answer.status() >= 300) throw new IllegalStateException("{{id}} answered " + answer.status());
    return Events.parseJson(answer.body());
  }
//@@ res.secret

  /** The value of secret {{id}} (ARN in ${{env}}). */
  public static String get{{Name}}Secret() {
    return secretsManager().getSecretValue(GetSecretValueRequest.builder().secretId(env("{{env}}")).build()).secretString();
  }
//@@ res.parameter

  /** The value of SSM parameter {{id}} (name in ${{env}}). */
  public static String get{{Name}}Parameter() {
    return ssm().getParameter(GetParameterRequest.builder().name(env("{{env}}")).withDecryption(true).build())
        .parameter().value();
  }
//@@ restest.table.read

  @Test
  void get{{Name}}ItemReadsTheTableNamedIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "{{id}}-from-env")::get;
    FakeDynamoDb fake = new FakeDynamoDb();
    fake.item = Map.of("id", AttributeValue.fromS("1"), "count", AttributeValue.fromN("2"));
    Resources.useDynamoDb(fake);
    assertEquals(Map.of("id", "1", "count", 2), Resources.get{{Name}}Item(Map.of("id", "1")));
    assertEquals(List.of(GetItemRequest.builder().tableName("{{id}}-from-env")
        .key(Map.of("id", AttributeValue.fromS("1"))).build()), fake.calls);
  }
//@@ restest.table.write

  @Test
  void put{{Name}}ItemWritesToTheTableNamedIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "{{id}}-from-env")::get;
    FakeDynamoDb fake = new FakeDynamoDb();
    Resources.useDynamoDb(fake);
    Resources.put{{Name}}Item(Map.of("id", "1", "count", 2));
    assertEquals(List.of(PutItemRequest.builder().tableName("{{id}}-from-env")
        .item(Map.of("id", AttributeValue.fromS("1"), "count", AttributeValue.fromN("2"))).build()), fake.calls);
  }
//@@ restest.bucket.read

  @Test
  void get{{Name}}ObjectReadsTheBucketNamedIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "{{id}}-from-env")::get;
    FakeS3 fake = new FakeS3();
    Resources.useS3(fake);
    assertEquals("content", new String(Resources.get{{Name}}Object("a/b.txt"), StandardCharsets.UTF_8));
    assertEquals(List.of(GetObjectRequest.builder().bucket("{{id}}-from-env").key("a/b.txt").build()), fake.calls);
  }
//@@ restest.bucket.write

  @Test
  void put{{Name}}ObjectWritesToTheBucketNamedIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "{{id}}-from-env")::get;
    FakeS3 fake = new FakeS3();
    Resources.useS3(fake);
    Resources.put{{Name}}Object("a/b.json", Map.of("x", 1), "application/json");
    assertEquals(List.of(PutObjectRequest.builder().bucket("{{id}}-from-env").key("a/b.json")
        .contentType("application/json").build()), fake.calls);
    assertEquals(List.of("{\"x\":1}"), fake.bodies);
  }
//@@ restest.queue

  @Test
  void send{{Name}}MessageSendsToTheQueueIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "https://sqs.us-east-1.amazonaws.com/123456789012/{{id}}")::get;
    FakeSqs fake = new FakeSqs();
    Resources.useSqs(fake);
    assertEquals("m-1", Resources.send{{Name}}Message(Map.of("id", "1"), null));
    assertEquals(List.of(SendMessageRequest.builder().queueUrl("https://sqs.us-east-1.amazonaws.com/123456789012/{{id}}")
        .messageBody("{\"id\":\"1\"}").build()), fake.calls);
  }
//@@ restest.topic

  @Test
  void publish{{Name}}PublishesToTheTopicIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "arn:aws:sns:us-east-1:123456789012:{{id}}")::get;
    FakeSns fake = new FakeSns();
    Resources.useSns(fake);
    assertEquals("m-1", Resources.publish{{Name}}("hello", "Greeting"));
    assertEquals(List.of(PublishRequest.builder().topicArn("arn:aws:sns:us-east-1:123456789012:{{id}}").message("hello")
        .subject("Greeting").build()), fake.calls);
  }
//@@ restest.stream

  @Test
  void put{{Name}}RecordPutsToTheStreamNamedIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "{{id}}-from-env")::get;
    FakeKinesis fake = new FakeKinesis();
    Resources.useKinesis(fake);
    assertEquals("1", Resources.put{{Name}}Record(Map.of("clicks", 1), "user-1"));
    assertEquals(List.of(software.amazon.awssdk.services.kinesis.model.PutRecordRequest.builder().streamName("{{id}}-from-env")
        .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"clicks\":1}")).partitionKey("user-1").build()),
        fake.calls);
  }
//@@ restest.deliveryStream

  @Test
  void put{{Name}}RecordPutsToTheDeliveryStreamNamedIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "{{id}}-from-env")::get;
    FakeFirehose fake = new FakeFirehose();
    Resources.useFirehose(fake);
    Resources.put{{Name}}Record(Map.of("level", "info"));
    assertEquals(List.of(software.amazon.awssdk.services.firehose.model.PutRecordRequest.builder()
        .deliveryStreamName("{{id}}-from-env").record(software.amazon.awssdk.services.firehose.model.Record.builder()
            .data(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"level\":\"info\"}\n")).build()).build()),
        fake.calls);
  }
//@@ restest.eventBus

  @Test
  void put{{Name}}EventPutsOnTheBusNamedIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "{{id}}-from-env")::get;
    FakeEventBridge fake = new FakeEventBridge();
    Resources.useEventBridge(fake);
    Resources.put{{Name}}Event("OrderPlaced", Map.of("orderId", "42"));
    assertEquals(List.of(PutEventsRequest.builder().entries(PutEventsRequestEntry.builder().eventBusName("{{id}}-from-env")
        .source("{{app}}").detailType("OrderPlaced").detail("{\"orderId\":\"42\"}").build()).build()), fake.calls);
  }
//@@ restest.fn

  @Test
  void invoke{{Name}}InvokesTheFunctionNamedIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "{{id}}-from-env")::get;
    FakeLambda fake = new FakeLambda();
    Resources.useLambda(fake);
    assertEquals(Map.of("ok", true), Resources.invoke{{Name}}(Map.of("id", "1")));
    assertEquals(List.of(InvokeRequest.builder().functionName("{{id}}-from-env")
        .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"id\":\"1\"}")).build()), fake.calls);
  }
//@@ restest.stepFn

  @Test
  void start{{Name}}ExecutionStartsTheStateMachineIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "arn:aws:states:us-east-1:123456789012:stateMachine:{{id}}")::get;
    FakeSfn fake = new FakeSfn();
    Resources.useSfn(fake);
    assertEquals("arn:exec", Resources.start{{Name}}Execution(Map.of("id", "1")));
    assertEquals(List.of(StartExecutionRequest.builder()
        .stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:{{id}}").input("{\"id\":\"1\"}").build()),
        fake.calls);
  }
//@@ restest.api

  @Test
  void call{{Name}}CallsTheApiAt{{env}}() throws Exception {
    Resources.environment = Map.of("{{env}}", "https://abc.execute-api.us-east-1.amazonaws.com/prod/")::get;
    List<String> seen = new ArrayList<>();
    Resources.Http old = Resources.http;
    Resources.http = (method, url, body) -> {
      seen.addAll(List.of(method, url, body));
      return new Resources.Answer(200, "{\"ok\":true}");
    };
    try {
      assertEquals(Map.of("ok", true), Resources.call{{Name}}("POST", "/items", Map.of("id", "1")));
    } finally {
      Resources.http = old;
    }
    assertEquals(List.of("POST", "https://abc.execute-api.us-east-1.amazonaws.com/prod/items", "{\"id\":\"1\"}"), seen);
  }
//@@ restest.secret

  @Test
  void get{{Name}}SecretReadsTheSecretIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "arn:aws:secretsmanager:us-east-1:123456789012:secret:{{id}}")::get;
    FakeSecretsManager fake = new FakeSecretsManager();
    Resources.useSecretsManager(fake);
    assertEquals("s3cr3t", Resources.get{{Name}}Secret());
    assertEquals(List.of(GetSecretValueRequest.builder()
        .secretId("arn:aws:secretsmanager:us-east-1:123456789012:secret:{{id}}").build()), fake.calls);
  }
//@@ restest.parameter

  @Test
  void get{{Name}}ParameterReadsTheParameterNamedIn{{env}}() {
    Resources.environment = Map.of("{{env}}", "/{{app}}/{{id}}")::get;
    FakeSsm fake = new FakeSsm();
    Resources.useSsm(fake);
    assertEquals("v1", Resources.get{{Name}}Parameter());
    assertEquals(List.of(GetParameterRequest.builder().name("/{{app}}/{{id}}").withDecryption(true).build()), fake.calls);
  }
