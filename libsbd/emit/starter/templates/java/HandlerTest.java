// Unit tests of {{fn_id}}: the handler with a sample event of each source
// (events/*.json, also usable with `sam local invoke -e`) and the SDK helpers
// with fake clients. No AWS access needed: run `mvn test` here.
package starter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
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

  /** An expected value, written as JSON. */
  static Object js(String text) throws Exception {
    return JSON.std.anyFrom(text);
  }

  static Object handle(Logic logic, Map<String, Object> event) throws Exception {
    return asJson(new Handler(logic).handleRequest(event, null));
  }

  @AfterEach
  void restoreEnvironment() {
    Resources.environment = System::getenv;
  }
{{tests}}
}
