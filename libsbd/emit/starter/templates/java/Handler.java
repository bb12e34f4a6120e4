// The Lambda handler of {{fn_id}}: an adapter from each event source wired to
// the function to the plain business functions of Logic.java.
//
// Written by sbd (Serverless by Design) as starter code: keep this class thin
// and put the business logic in Logic.java, where it can be tested without
// Lambda. Event sources:
{{sources_doc}}
package starter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The Lambda entry point: starter.Handler::handleRequest. */
public class Handler implements RequestHandler<Map<String, Object>, Object> {
  private final Logic logic;

  public Handler() {
    this(new Logic());
  }

  /** A handler over other business functions (tests pass their own). */
  public Handler(Logic logic) {
    this.logic = logic;
  }

  @Override
  public Object handleRequest(Map<String, Object> event, Context context) {
    String source = Events.sourceOf(event);
{{dispatch}}    throw new IllegalArgumentException("{{fn_id}} is not wired to receive " + source + " events");
  }
}
