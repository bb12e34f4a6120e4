// AWS SDK for Java v2 clients and small helpers for {{fn_id}}'s outgoing
// connections, configured from the environment variables that the template
// sets. Clients are made on first use, so the handler loads without
// credentials or network, and tests can replace a client (use...) and the
// environment.
package starter;

//@@if res.bucket.write res.stream res.deliveryStream
import java.nio.charset.StandardCharsets;
//@@end
//@@if res.table.read res.table.write
import java.util.Map;
//@@end
import java.util.function.Function;
{{imports}}
/** The SDK clients and helpers of {{fn_id}}'s outgoing connections. */
public final class Resources {
  private Resources() {}

  /** Where the helpers read environment variables (tests replace it). */
  static Function<String, String> environment = System::getenv;

  static String env(String name) {
    String value = environment.apply(name);
    if (value == null) throw new IllegalStateException("environment variable " + name + " is not set");
    return value;
  }

//@@if res.bucket.write res.stream res.deliveryStream

  /** Bytes as they are, a String's bytes, or a value as JSON. */
  static byte[] bytes(Object data) {
    if (data instanceof byte[]) return (byte[]) data;
    return text(data).getBytes(StandardCharsets.UTF_8);
  }
//@@end
//@@if res.queue res.topic res.deliveryStream res.bucket.write res.stream

  /** A String as it is, or a value as JSON. */
  static String text(Object data) {
    return data instanceof String ? (String) data : Events.toJson(data);
  }
//@@end
{{services}}{{resources}}
}
