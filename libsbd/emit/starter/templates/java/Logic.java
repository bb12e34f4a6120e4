// The business logic of {{fn_id}}: plain methods with typed inputs and no
// Lambda event shapes, called by Handler.java. Replace the bodies.
//
// Outgoing connections (helpers in Resources.java):
{{wires_doc}}
package starter;

import java.util.Map;
import java.util.logging.Logger;

/** The business functions of {{fn_id}}; tests override single methods. */
public class Logic {
  private static final Logger LOG = Logger.getLogger(Logic.class.getName());
{{logic}}
}
