package io.ofnevents.runtime.knative;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * What happens to an event entering a Broker, however it comes (its ingress, a Trigger's reply, an
 * OpenFunction sink, a PingSource): Knative's ingress rules (eventing pkg/broker/ttl.go
 * TTLDefaulter, pkg/broker/ingress). `knativebrokerttl` absent (or not an integer) becomes {@value
 * #MAX_TTL}, else it is decremented (not below 0), and a TTL of 0 is refused: the event has passed
 * through too many Brokers (a loop). `knativearrivaltime` is set to now.
 */
final class BrokerEntry {
  /** Knative's MAX_TTL. */
  static final int MAX_TTL = 255;

  static final String TTL = "ce-knativebrokerttl";
  static final String ARRIVAL = "ce-knativearrivaltime";

  private BrokerEntry() {}

  /**
   * Applies the rules to the event headers `headers` (Camel's, any case): true when the event may
   * enter, with its TTL and arrival time set; false when its TTL ran out (headers unchanged).
   */
  static boolean admit(Map<String, Object> headers, Clock clock) {
    if (!admitTtl(headers)) return false;
    headers.put(ARRIVAL, DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock)));
    return true;
  }

  /** The TTL rule alone (a flow's door): true with the TTL set, false when it ran out. */
  static boolean admitTtl(Map<String, Object> headers) {
    int ttl = next(headers.get(TTL));
    if (ttl <= 0) return false;
    headers.put(TTL, String.valueOf(ttl));
    return true;
  }

  /** The TTL an event with `ttl` gets at a Broker's door. */
  static int next(Object ttl) {
    Integer current = parse(ttl);
    return current == null ? MAX_TTL : Math.max(0, current - 1);
  }

  /** The integer value of a TTL header, or null when absent or not an integer. */
  static Integer parse(Object ttl) {
    if (ttl == null) return null;
    try {
      return Integer.valueOf(ttl.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
