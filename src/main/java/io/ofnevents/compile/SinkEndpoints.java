package io.ofnevents.compile;

import io.ofnevents.model.DeliverySpec;
import java.util.List;
import java.util.Map;

/** Steps that deliver to HTTP sinks, with retries and an optional dead letter. */
public final class SinkEndpoints {
  static final String HTTP_SINK = "ofn-http-sink";

  /** Thrown by the HTTP sink when every attempt failed; caught to dead-letter the event. */
  static final String DELIVERY_FAILED = "io.ofnevents.runtime.delivery.DeliveryFailedException";

  private SinkEndpoints() {}

  /** The step posting to `url` with the effective delivery settings. */
  static Map<String, Object> http(String url, DeliverySpec delivery, Kamelets used) {
    Delivery d = Delivery.of(delivery);
    return Y.to(
        used.use(HTTP_SINK),
        Y.map(
            "url", url,
            "retry", d.retry(),
            "backoffPolicy", d.backoffPolicy(),
            "backoffDelay", d.backoffDelay().toString(),
            // not `timeout`: the kamelet component consumes a parameter of that name itself
            "requestTimeout", d.timeout().toString()));
  }

  /**
   * `deliver` as is, or wrapped so that a failed delivery goes to the dead-letter steps with the
   * error recorded in the event's extensions.
   */
  static List<Object> withDeadLetter(Map<String, Object> deliver, List<Object> deadLetterSteps) {
    return withDeadLetter(deliver, deadLetterSteps, null);
  }

  /**
   * As {@link #withDeadLetter(Map, List)}, the error recorded with `deadLetterParameters` (Knative
   * resources: `attributes: knative`, Knative's own extensions).
   */
  public static List<Object> withDeadLetter(
      Map<String, Object> deliver,
      List<Object> deadLetterSteps,
      Map<String, Object> deadLetterParameters) {
    if (deadLetterSteps.isEmpty()) return Y.list(deliver);
    List<Object> catchSteps = Y.list(Y.to("ofn-cloudevents:dead-letter", deadLetterParameters));
    catchSteps.addAll(deadLetterSteps);
    return Y.list(
        Y.map(
            "doTry",
            Y.map(
                "steps", Y.list(deliver),
                "doCatch",
                    Y.list(Y.map("exception", List.of(DELIVERY_FAILED), "steps", catchSteps)))));
  }
}
