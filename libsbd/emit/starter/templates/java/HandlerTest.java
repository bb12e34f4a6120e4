// Unit tests of {{fn_id}}: the handler with a sample event of each source
// (events/*.json, also usable with `sam local invoke -e`) and the SDK helpers
// with fake clients. No AWS access needed: run `mvn test` here.
package starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
//@@if on.dynamodb on.eventbridge on.s3 on.schedule on.sns
import static org.junit.jupiter.api.Assertions.assertNull;
//@@end

import com.fasterxml.jackson.jr.ob.JSON;
//@@if on.firehose on.kinesis svc.s3
import java.nio.charset.StandardCharsets;
//@@end
import java.nio.file.Files;
import java.nio.file.Path;
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.api on.http_api on.schedule on.eventbridge on.iot wires
import java.util.ArrayList;
//@@end
//@@if on.firehose
import java.util.Base64;
//@@end
//@@if on.firehose on.s3 on.sqs on.sns on.dynamodb on.kinesis on.api on.http_api on.schedule on.eventbridge on.iot wires
import java.util.List;
//@@end
import java.util.Map;
//@@if wires
import org.junit.jupiter.api.AfterEach;
//@@end
import org.junit.jupiter.api.Test;
{{test_imports}}
class HandlerTest {
  @SuppressWarnings("unchecked")
  static Map<String, Object> load(String name) throws Exception {
    return (Map<String, Object>) JSON.std.anyFrom(Files.readString(Path.of("events", name + ".json")));
  }

  /** A value as the Lambda runtime would send it back: JSON, read into plain values. */
  static Object asJson(Object value) throws Exception {
    return JSON.std.anyFrom(Events.toJson(value));
  }
//@@if on.sqs on.dynamodb on.kinesis on.api on.http_api

  /** An expected value, written as JSON. */
  static Object js(String text) throws Exception {
    return JSON.std.anyFrom(text);
  }
//@@end

  static Object handle(Logic logic, Map<String, Object> event) throws Exception {
    return asJson(new Handler(logic).handleRequest(event, null));
  }
//@@if wires

  @AfterEach
  void restoreEnvironment() {
    Resources.environment = System::getenv;
  }
//@@end
{{tests}}
}
