package io.ofnevents.runtime.observe;

import java.util.regex.Pattern;

/**
 * The log lines operators and tests look for, as SLF4J patterns: the classes that log them use
 * these constants, and {@link #regex} turns one into a pattern a test can search a log for.
 */
public final class LogLines {
  /** Every attempt at a sink failed and the event goes to its dead letter (id, URL, status). */
  public static final String DEAD_LETTERED =
      "Event {} could not be delivered to {} (status {}): sending it to the dead letter";

  /** The bus refused an event for its size (id, bytes, limit, subject); the source retries it. */
  public static final String EVENT_TOO_LARGE =
      "event {} is {} bytes with its headers, more than the {} bytes the NATS server accepts"
          + " (max_payload) on {}; it is kept by its source and retried, raise max_payload to let"
          + " it through";

  /**
   * A subscriber could not deliver an event and it had no dead letter (id, subscriber index,
   * Trigger, delivery number, the failure, parking subject): it is parked and the input moves on.
   */
  public static final String PARKED =
      "Event {} could not be delivered by subscriber {} of {} (delivery {}: {}): parked on"
          + " {}; see `ofn-events parked list`";

  /**
   * A message on a Trigger's input is no readable CloudEvent (id or `{stream}-{sequence}`, subject,
   * why, parking subject, Trigger): parked at once, as delivering it again cannot help.
   */
  public static final String PARKED_UNREADABLE =
      "Event {} on {} is not a readable CloudEvent ({}): parked on {} for {} without"
          + " another delivery; see `ofn-events parked list`";

  /**
   * A header value was not percent-encoded as the CloudEvents bindings ask and is taken as sent
   * (event id, subject, consumer, header, why); logged once per consumer and header.
   */
  public static final String HEADER_KEPT_AS_SENT =
      "Event {} on {} (consumer {}): header {} is taken as sent, not percent-decoded: {}. The"
          + " official SDKs send values unencoded; logged once per header, counted in"
          + " ofn_bus_header_values_raw_total";

  /** A parked event was delivered again by `ofn-events parked replay` (id, subscriber, Trigger). */
  public static final String REPLAYED = "Parked event {} replayed to subscriber {} of Trigger {}";

  /**
   * An in-memory bus subject that no Trigger consumes got an event (subject); logged once per
   * subject, every such event is counted in ofn_bus_events_unconsumed_total.
   */
  public static final String UNCONSUMED =
      "Events published to {} on the in-memory bus are dropped: nothing consumes that topic"
          + " (logged once; counted in ofn_bus_events_unconsumed_total)";

  /** JetStream already had this event (id, subject, stream, sequence): a republish, dropped. */
  public static final String REPUBLISHED =
      "Event {} on {} was already on the bus ({} sequence {}): a republish, dropped by JetStream";

  /**
   * JetStream dropped an event as a duplicate of a different one (id, source, subject, stored id,
   * stored source, stream, sequence, Nats-Msg-Id): the event is lost to the bus.
   */
  public static final String DUPLICATE_COLLISION =
      "Event {} (source {}) on {} was dropped by JetStream as a duplicate of a different event {}"
          + " (source {}) at {} sequence {}: both have Nats-Msg-Id {}";

  /** JetStream dropped an event as a duplicate of a message it no longer has (id, source, ...). */
  public static final String DUPLICATE_UNVERIFIED =
      "Event {} (source {}) on {} was dropped by JetStream as a duplicate of {} sequence {}, which"
          + " cannot be read to compare ({}): it may have been a different event";

  /**
   * An event was not put on a Knative Broker, Sequence or Parallel because its `knativebrokerttl`
   * ran out (id, `Kind ns/name`, the TTL it starts with, the counter): it went round through
   * Brokers and flows that many times, a loop.
   */
  public static final String TTL_EXHAUSTED =
      "Event {} is not put on {}: its knativebrokerttl ran out (it entered a Broker or flow {}"
          + " times: a loop?); counted in {}";

  /** The NATS connection dropped (servers); /health/ready is DOWN until it is back. */
  public static final String BUS_LOST = "Lost the connection to NATS {}; reconnecting";

  /** The NATS connection is back (servers, the server connected to). */
  public static final String BUS_RECONNECTED = "Reconnected to NATS {} ({})";

  /**
   * A NATS connection (what, the reason) could not be made at start; the runtime runs,
   * /health/ready says why, and it is retried in the background (first retry in ms).
   */
  public static final String NATS_UNREACHABLE =
      "Cannot connect {} yet, retrying in the background (first in {} ms): {}";

  /** A NATS connection that was retried from the start is up (what, servers, attempts). */
  public static final String NATS_CONNECTED = "Connected {} to NATS {} after {} attempts";

  private LogLines() {}

  /** `line` with each `{}` matching any text, for searching a log. */
  public static Pattern regex(String line) {
    String[] parts = line.split("\\{}", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) sb.append(".*?");
      sb.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(sb.toString());
  }

  /** `line` with its `{}` replaced by `args` in order, as SLF4J would log it. */
  public static String format(String line, Object... args) {
    return org.slf4j.helpers.MessageFormatter.arrayFormat(line, args).getMessage();
  }
}
