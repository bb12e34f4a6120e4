// Turns the events of AWS Lambda's event sources into plain, typed values.
//
// Written by sbd (Serverless by Design) for the event sources of {{fn_id}}
// (and the helpers of Resources.java): the handler (Handler.java) uses it so
// that the business logic (Logic.java) never sees the shape of a Lambda event.
package starter;

import com.fasterxml.jackson.jr.ob.JSON;
//@@if on.s3
import java.net.URLDecoder;
//@@end
//@@if on.s3 on.kinesis on.api on.http_api
import java.nio.charset.StandardCharsets;
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.schedule
import java.util.ArrayList;
//@@end
//@@if on.dynamodb on.kinesis on.api on.http_api on.firehose
import java.util.Base64;
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.api on.http_api
import java.util.LinkedHashMap;
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.schedule
import java.util.List;
//@@end
import java.util.Map;
//@@if on.sqs on.dynamodb on.kinesis
import java.util.function.Function;
//@@end
//@@if on.sqs on.dynamodb on.kinesis on.firehose
import java.util.logging.Logger;
//@@end

/** Event parsing and the response shapes of Lambda's event sources. */
public final class Events {
//@@if on.sqs on.dynamodb on.kinesis on.firehose
  private static final Logger LOG = Logger.getLogger(Events.class.getName());
//@@end
  /** JSON reading and writing; null values are written, not dropped. */
  private static final JSON JSON_IO = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

  private Events() {}

//@@if on.sqs on.dynamodb on.kinesis on.s3 on.sns on.schedule on.eventbridge on.iot
  /** A step of the business logic that may throw. */
  @FunctionalInterface
  public interface Step<T> {
    void accept(T item) throws Exception;
  }
//@@end

  /** A business function that may throw. */
  @FunctionalInterface
  public interface Call<T> {
    T get() throws Exception;
  }

//@@if on.firehose
  /** A Firehose transformation: new data, or null to drop the record. */
  @FunctionalInterface
  public interface Transform {
    byte[] apply(byte[] data) throws Exception;
  }
//@@end

  /** Runs business code, rethrowing a checked exception unchecked. */
  public static <T> T call(Call<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

//@@if on.s3 on.sns on.schedule on.eventbridge on.iot
  public static void run(Step<Void> step) {
    call(() -> {
      step.accept(null);
      return null;
    });
  }
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.api on.http_api

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object v) {
    return v instanceof Map ? (Map<String, Object>) v : new LinkedHashMap<>();
  }
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.schedule

  @SuppressWarnings("unchecked")
  static List<Object> list(Object v) {
    return v instanceof List ? (List<Object>) v : new ArrayList<>();
  }
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.api on.http_api on.schedule on.eventbridge

  static String str(Object v) {
    return v == null ? null : String.valueOf(v);
  }
//@@end

  /**
   * The kind of event, among the sources of {{fn_id}}; anything else is
   * "invoke" (a direct invocation by a function, a state machine or the CLI,
   * or an IoT rule's message).
   */
  public static String sourceOf(Map<String, Object> event) {
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.firehose on.api on.http_api on.schedule on.eventbridge
    if (event == null) return "invoke";
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis
    List<Object> records = list(event.get("Records"));
    if (!records.isEmpty() && records.get(0) instanceof Map) {
      Map<String, Object> first = map(records.get(0));
      Object source = first.containsKey("eventSource") ? first.get("eventSource") : first.get("EventSource");
      switch (String.valueOf(source)) {
//@@if on.s3
        case "aws:s3": return "s3";
//@@end
//@@if on.sqs
        case "aws:sqs": return "sqs";
//@@end
//@@if on.sns
        case "aws:sns": return "sns";
//@@end
//@@if on.dynamodb
        case "aws:dynamodb": return "dynamodb";
//@@end
//@@if on.kinesis
        case "aws:kinesis": return "kinesis";
//@@end
        default: return "invoke";
      }
    }
//@@end
//@@if on.firehose
    if (event.containsKey("deliveryStreamArn") && event.get("records") instanceof List) return "firehose";
//@@end
//@@if on.api on.http_api
    if (event.get("requestContext") instanceof Map) {
//@@if on.http_api
      if ("2.0".equals(event.get("version")) && map(event.get("requestContext")).get("http") instanceof Map) {
        return "http_api";
      }
//@@end
//@@if on.api
      if (event.containsKey("httpMethod")) return "api";
//@@end
    }
//@@end
//@@if on.schedule
//@@if on.eventbridge
    if (event.containsKey("detail-type") && event.containsKey("source")) {
      return "Scheduled Event".equals(event.get("detail-type")) && "aws.events".equals(event.get("source"))
          ? "schedule" : "eventbridge";
    }
//@@end
//@@if !on.eventbridge
    if ("Scheduled Event".equals(event.get("detail-type")) && "aws.events".equals(event.get("source"))) {
      return "schedule";
    }
//@@end
//@@end
//@@if on.eventbridge
//@@if !on.schedule
    if (event.containsKey("detail-type") && event.containsKey("source")) return "eventbridge";
//@@end
//@@end
    return "invoke";
  }
//@@if on.sqs on.sns on.kinesis on.api on.http_api on.dynamodb svc.dynamodb res.fn res.api

  /** The JSON value of a text (Map, List, String, Integer, Double, ...), or the text itself. */
  public static Object parseJson(String text) {
    if (text == null) return null;
    try {
      return JSON_IO.anyFrom(text);
    } catch (Exception e) {
      return text;
    }
  }
//@@end

  /** A value as JSON text. */
  public static String toJson(Object value) {
    return call(() -> JSON_IO.asString(value));
  }
//@@if on.s3

  // --- S3 ---------------------------------------------------------------------

  /** An object that was created (or removed) in a bucket; key decoded. */
  public record S3Object(String bucket, String key, long size, String eventName) {}

  public static List<S3Object> s3Objects(Map<String, Object> event) {
    List<S3Object> out = new ArrayList<>();
    for (Object r : list(event.get("Records"))) {
      Map<String, Object> s3 = map(map(r).get("s3"));
      Map<String, Object> object = map(s3.get("object"));
      Object size = object.get("size");
      out.add(new S3Object(str(map(s3.get("bucket")).get("name")),
          URLDecoder.decode(str(object.get("key")), StandardCharsets.UTF_8),
          size instanceof Number ? ((Number) size).longValue() : 0L, str(map(r).get("eventName"))));
    }
    return out;
  }
//@@end
//@@if on.sqs

  // --- SQS --------------------------------------------------------------------

  /** One message of a queue; body parsed from JSON when it is JSON. */
  public record QueueMessage(String messageId, Object body, String queueArn) {}

  public static List<QueueMessage> queueMessages(Map<String, Object> event) {
    List<QueueMessage> out = new ArrayList<>();
    for (Object r : list(event.get("Records"))) {
      Map<String, Object> m = map(r);
      out.add(new QueueMessage(str(m.get("messageId")), parseJson(str(m.get("body"))), str(m.get("eventSourceARN"))));
    }
    return out;
  }
//@@end
//@@if on.sns

  // --- SNS --------------------------------------------------------------------

  /** One SNS notification; message parsed from JSON when it is JSON. */
  public record Notification(String messageId, String topicArn, String subject, Object message) {}

  public static List<Notification> notifications(Map<String, Object> event) {
    List<Notification> out = new ArrayList<>();
    for (Object r : list(event.get("Records"))) {
      Map<String, Object> sns = map(map(r).get("Sns"));
      out.add(new Notification(str(sns.get("MessageId")), str(sns.get("TopicArn")), str(sns.get("Subject")),
          parseJson(str(sns.get("Message")))));
    }
    return out;
  }
//@@end
//@@if on.dynamodb

  // --- DynamoDB ---------------------------------------------------------------

  /** A plain value from a DynamoDB attribute value in JSON form ({"S": "x"} -> "x"). */
  public static Object fromDynamo(Map<String, Object> value) {
    Map.Entry<String, Object> e = value.entrySet().iterator().next();
    Object v = e.getValue();
    switch (e.getKey()) {
      case "S": case "BOOL": return v;
      case "N": return parseJson(str(v));
      case "NULL": return null;
      case "B": return Base64.getDecoder().decode(str(v));
      case "M": return itemFromDynamo(map(v));
      case "L": {
        List<Object> out = new ArrayList<>();
        for (Object x : list(v)) out.add(fromDynamo(map(x)));
        return out;
      }
      case "SS": return list(v);
      case "NS": {
        List<Object> out = new ArrayList<>();
        for (Object x : list(v)) out.add(parseJson(str(x)));
        return out;
      }
      default: throw new IllegalArgumentException("unknown DynamoDB type " + e.getKey());
    }
  }

  /** A plain item from a DynamoDB image in JSON form, or null. */
  public static Map<String, Object> itemFromDynamo(Map<String, Object> image) {
    if (image == null) return null;
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : image.entrySet()) out.put(e.getKey(), fromDynamo(map(e.getValue())));
    return out;
  }

  /** One change of a DynamoDB table (INSERT, MODIFY, REMOVE), images as plain values. */
  public record TableChange(String eventName, Map<String, Object> keys, Map<String, Object> newImage,
      Map<String, Object> oldImage, String sequenceNumber) {}

  public static List<TableChange> tableChanges(Map<String, Object> event) {
    List<TableChange> out = new ArrayList<>();
    for (Object r : list(event.get("Records"))) {
      Map<String, Object> d = map(map(r).get("dynamodb"));
      out.add(new TableChange(str(map(r).get("eventName")), itemFromDynamo(map(d.get("Keys"))),
          d.get("NewImage") == null ? null : itemFromDynamo(map(d.get("NewImage"))),
          d.get("OldImage") == null ? null : itemFromDynamo(map(d.get("OldImage"))), str(d.get("SequenceNumber"))));
    }
    return out;
  }
//@@end
//@@if on.kinesis

  // --- Kinesis ----------------------------------------------------------------

  /** One Kinesis record, its data decoded from base64. */
  public record StreamRecord(String partitionKey, String sequenceNumber, byte[] data) {
    /** The data parsed from JSON, or as text. */
    public Object json() {
      return parseJson(new String(data, StandardCharsets.UTF_8));
    }
  }

  public static List<StreamRecord> streamRecords(Map<String, Object> event) {
    List<StreamRecord> out = new ArrayList<>();
    for (Object r : list(event.get("Records"))) {
      Map<String, Object> k = map(map(r).get("kinesis"));
      out.add(new StreamRecord(str(k.get("partitionKey")), str(k.get("sequenceNumber")),
          Base64.getDecoder().decode(str(k.get("data")))));
    }
    return out;
  }
//@@end
//@@if on.sqs on.dynamodb on.kinesis

  // --- Partial batch failures (SQS, Kinesis, DynamoDB streams) ----------------

  /**
   * Processes each item in turn; the ids of those that threw are reported so
   * that only they are retried (the event source's ReportBatchItemFailures).
   */
  public static <T> Map<String, Object> batchResponse(List<T> items, Function<T, String> id, Step<T> process) {
    List<Map<String, String>> failures = new ArrayList<>();
    for (T item : items) {
      try {
        process.accept(item);
      } catch (Exception e) {
        LOG.warning("item " + id.apply(item) + " failed: " + e);
        failures.add(Map.of("itemIdentifier", id.apply(item)));
      }
    }
    return Map.of("batchItemFailures", failures);
  }
//@@end
//@@if on.api on.http_api

  // --- API Gateway (REST proxy and HTTP API v2) -------------------------------

  /** One API request (REST or HTTP API alike); header names in lower case. */
  public record Request(String method, String path, Map<String, String> pathParameters, Map<String, String> query,
      Map<String, String> headers, String body) {
    /** The body parsed from JSON, or as text. */
    public Object json() {
      return parseJson(body);
    }
  }

  /** The answer to a Request: a String body is sent as is, anything else as JSON. */
  public record Response(int status, Object body, Map<String, String> headers) {
    public Response(int status, Object body) {
      this(status, body, Map.of());
    }
  }

  private static Map<String, String> strings(Object v, boolean lower) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(v).entrySet()) {
      out.put(lower ? e.getKey().toLowerCase(java.util.Locale.ROOT) : e.getKey(), str(e.getValue()));
    }
    return out;
  }

  private static String body(Map<String, Object> event) {
    String body = str(event.get("body"));
    if (body != null && Boolean.TRUE.equals(event.get("isBase64Encoded"))) {
      body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
    }
    return body;
  }

//@@if on.api
  /** A REST API (API Gateway v1) proxy integration request. */
  public static Request apiRequest(Map<String, Object> event) {
    return new Request(str(event.get("httpMethod")), str(event.get("path")), strings(event.get("pathParameters"), false),
        strings(event.get("queryStringParameters"), false), strings(event.get("headers"), true), body(event));
  }

//@@end
//@@if on.http_api
  /** An HTTP API (payload format 2.0) request. */
  public static Request httpApiRequest(Map<String, Object> event) {
    Map<String, Object> http = map(map(event.get("requestContext")).get("http"));
    return new Request(str(http.get("method")), str(event.get("rawPath")), strings(event.get("pathParameters"), false),
        strings(event.get("queryStringParameters"), false), strings(event.get("headers"), true), body(event));
  }

//@@end
  /** The proxy response of a REST API or an HTTP API. */
  public static Map<String, Object> apiResponse(Response response) {
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    String text;
    if (response.body() == null) {
      text = "";
    } else if (response.body() instanceof String) {
      text = (String) response.body();
    } else {
      text = toJson(response.body());
      headers.putIfAbsent("Content-Type", "application/json");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("statusCode", response.status());
    out.put("headers", headers);
    out.put("body", text);
    out.put("isBase64Encoded", false);
    return out;
  }
//@@end
//@@if on.eventbridge

  // --- EventBridge ------------------------------------------------------------

  /** One EventBridge event. */
  public record BusEvent(String source, String detailType, Object detail, String time) {}

  public static BusEvent busEvent(Map<String, Object> event) {
    return new BusEvent(str(event.get("source")), str(event.get("detail-type")), event.get("detail"),
        str(event.get("time")));
  }
//@@end
//@@if on.schedule

  // --- Schedules --------------------------------------------------------------

  /** One firing of a schedule. */
  public record Tick(String time, List<Object> rules) {}

  public static Tick scheduleTick(Map<String, Object> event) {
    return new Tick(str(event.get("time")), list(event.get("resources")));
  }
//@@end
//@@if on.firehose

  // --- Firehose data transformation -------------------------------------------

  /**
   * Transforms each record: new data -> Ok, null -> Dropped, an exception ->
   * ProcessingFailed (Firehose sends it to the error prefix).
   */
  public static Map<String, Object> firehoseResponse(Map<String, Object> event, Transform transform) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (Object r : list(event.get("records"))) {
      String id = str(map(r).get("recordId"));
      String data = str(map(r).get("data"));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("recordId", id);
      try {
        byte[] result = transform.apply(Base64.getDecoder().decode(data));
        out.put("result", result == null ? "Dropped" : "Ok");
        out.put("data", result == null ? data : Base64.getEncoder().encodeToString(result));
      } catch (Exception e) {
        LOG.warning("record " + id + " failed: " + e);
        out.put("result", "ProcessingFailed");
        out.put("data", data);
      }
      records.add(out);
    }
    return Map.of("records", records);
  }
//@@end
}
