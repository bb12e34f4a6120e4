// The business logic of {{fn_id}}: plain methods with typed inputs and no
// Lambda event shapes, called by Handler.java. Replace the bodies.
//
// Outgoing connections (helpers in Resources.java):
{{wires_doc}}
package starter;

//@@if on.api on.http_api on.iot on.invoke
import java.util.Map;
//@@end
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.schedule on.eventbridge on.iot
import java.util.logging.Logger;
//@@end

/** The business functions of {{fn_id}}; tests override single methods. */
public class Logic {
//@@if on.s3 on.sqs on.sns on.dynamodb on.kinesis on.schedule on.eventbridge on.iot
  private static final Logger LOG = Logger.getLogger(Logic.class.getName());
//@@end
{{logic}}
}
