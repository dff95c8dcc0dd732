package io.ofnevents.runtime.knative;

import io.ofnevents.runtime.bus.EventTooLargeException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers of an ingress (a Broker's, Sequence's or Parallel's): `ofn-kn:accepted` (202, empty,
 * once the bus stored the event) and `ofn-kn:unavailable` (the bus could not store it: 503, or 413
 * for an event larger than the bus takes). Every answer carries no event header, so a client never
 * mistakes it for a reply.
 */
final class Answers {
  private static final Logger LOG = LoggerFactory.getLogger(Answers.class);
  static final long LOG_EVERY_MILLIS = 10_000;

  private Answers() {}

  /** Makes the message the HTTP answer `code` with `text` (one line) as its body, and stops. */
  static void answer(Exchange exchange, int code, String text) {
    Message m = exchange.getMessage();
    m.getHeaders().clear();
    m.setHeader(Exchange.HTTP_RESPONSE_CODE, code);
    if (text == null) {
      m.setBody(new byte[0]);
    } else {
      m.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
      m.setBody((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
    exchange.setRouteStop(true);
  }

  /** `ofn-kn:accepted`. */
  static Processor accepted(KnMeters.DoorMeters meters) {
    return exchange -> {
      meters.accepted.increment();
      answer(exchange, 202, null);
    };
  }

  /** `ofn-kn:unavailable`: logged at most every {@value #LOG_EVERY_MILLIS} ms per door. */
  static Processor unavailable(Door door) {
    KnMeters.DoorMeters meters = door.meters();
    long[] lastLog = {0};
    return exchange -> {
      Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
      boolean tooLarge = e instanceof EventTooLargeException;
      meters.refused(tooLarge ? "too-large" : "unavailable");
      String why = String.valueOf(e == null ? null : e.getMessage()).lines().findFirst().orElse("");
      synchronized (lastLog) {
        long now = System.currentTimeMillis();
        if (now - lastLog[0] >= LOG_EVERY_MILLIS) {
          lastLog[0] = now;
          LOG.warn(
              "{} could not store an event ({}): {}", door.describe(), tooLarge ? 413 : 503, why);
        }
      }
      answer(
          exchange,
          tooLarge ? 413 : 503,
          (tooLarge
                  ? "the event is too large for the bus: "
                  : "the bus could not store the event: ")
              + why);
    };
  }
}
