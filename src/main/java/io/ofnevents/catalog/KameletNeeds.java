package io.ofnevents.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/**
 * Why a Kamelet needs the ofn-events-camel artifact rather than stock Camel: one reason per piece
 * of our code its template uses, naming what stock Camel 4.17 lacks. A template that uses none runs
 * on stock Camel with its `camel:` dependencies only. The catalog page prints these, and the
 * catalog test requires the slim dependency exactly when there is a reason.
 */
public final class KameletNeeds {
  /**
   * Our components (`ofn-x:...` as an endpoint URI) and languages (`ofn-condition:` as an
   * expression key), not Kamelet names (`kamelet:ofn-...`) nor names inside other URIs.
   */
  private static final Pattern OURS =
      Pattern.compile("(?:^|[\\s'\"])(ofn-[a-z-]+):", Pattern.MULTILINE);

  private static final String MEMORY_BUS = "(in-memory bus)";
  private static final String NATS_CONSUMER = "(NATS bus consumer)";
  private static final String NATS_PRODUCER = "(NATS bus producer)";

  /** What the template contains (text, or one of the bus cases above) → why stock Camel cannot. */
  static final Map<String, String> REASONS = new LinkedHashMap<>();

  static {
    REASONS.put(
        MEMORY_BUS,
        "`ofn-bus` with the in-process bus: no Camel component shares a topic between named"
            + " consumer groups, redelivers a failed event behind the ones after it and parks what"
            + " a subscriber rejects (seda has none of these).");
    REASONS.put(
        NATS_CONSUMER,
        "`ofn-bus` on NATS JetStream: camel-nats 4.17 cannot acknowledge a message after the route"
            + " succeeded (its pull consumer never pulls and its push consumer acknowledges even a"
            + " failed route: CAMEL-23419, CAMEL-23483, fixed in Camel 4.18), appends `-durable` to"
            + " durable names, never creates the stream and does not decode the percent-encoded"
            + " header values of the NATS binding; ours also parks what a Trigger's subscribers"
            + " reject.");
    REASONS.put(
        NATS_PRODUCER,
        "`ofn-bus` publishing to NATS JetStream: camel-nats 4.17 never creates the stream (a"
            + " publish fails with 503 No Responders until one exists) and writes header values"
            + " unencoded where the NATS binding needs percent-encoding; ours also sets a"
            + " `Nats-Msg-Id` JetStream de-duplicates republished events by.");
    REASONS.put(
        "ofn-http:",
        "`ofn-http`: Camel's redelivery belongs to the calling route's error handler (a Kamelet"
            + " runs without one of its own), so `http:` in a Kamelet cannot carry the sink's own"
            + " Knative retry policy (retry, linear or exponential backoff, retried codes 408, 429,"
            + " 5xx, SelectiveRetry); ours also ends a wait between attempts at once when the"
            + " integration stops, where a delayed redelivery waits it out, and counts every"
            + " attempt.");
    REASONS.put(
        "ofn-mqtt:",
        "`ofn-mqtt`: camel-paho acknowledges a QoS 1 or 2 message once the route returns, also"
            + " when it failed, so a failed event is lost; ours acknowledges after success only and"
            + " retries, with a session per replica for shared subscriptions.");
    REASONS.put(
        "ofn-redis:",
        "`ofn-redis`: Camel 4.17 has no Redis Streams consumer (camel-redis is an aggregation"
            + " repository, camel-spring-redis pub/sub only); ours reads with a consumer group,"
            + " acknowledges (XACK) after delivery and claims stale entries again (XAUTOCLAIM).");
    REASONS.put(
        "io.ofnevents.runtime.kafka.",
        "its Kafka SSL engine factory: the CA and client certificates travel base64-encoded (PEM"
            + " line breaks cannot pass through an endpoint URI) and Kafka's own factory reads PEM"
            + " text only.");
  }

  private KameletNeeds() {}

  /** The reasons `template` (a Kamelet's spec.template) needs ofn-events-camel; empty: none. */
  public static List<String> of(Object template) {
    String text = text(template);
    String bus =
        !text.contains("ofn-bus:")
            ? null
            : text.contains("driver: memory")
                ? MEMORY_BUS
                : from(template).startsWith("ofn-bus:") ? NATS_CONSUMER : NATS_PRODUCER;
    List<String> reasons = new ArrayList<>();
    REASONS.forEach(
        (key, reason) -> {
          if (key.equals(bus) || (!key.startsWith("(") && text.contains(key))) reasons.add(reason);
        });
    for (String scheme : unexplained(template)) {
      reasons.add("`" + scheme + "`: ofn-events code (no reason recorded yet).");
    }
    return reasons;
  }

  /**
   * Our components and languages the template uses that {@link #REASONS} does not explain: each
   * needs a line there saying what stock Camel lacks (the catalog test insists).
   */
  public static List<String> unexplained(Object template) {
    String text = text(template);
    List<String> out = new ArrayList<>();
    Matcher m = OURS.matcher(text);
    while (m.find()) {
      String scheme = m.group(1);
      boolean explained =
          scheme.equals("ofn-bus")
              || REASONS.keySet().stream().anyMatch(k -> k.startsWith(scheme + ":"));
      if (!explained && !out.contains(scheme)) out.add(scheme);
    }
    return out;
  }

  private static String text(Object template) {
    return template instanceof String t
        ? t
        : new Dump(DumpSettings.builder().setWidth(10_000).build()).dumpToString(template);
  }

  private static String from(Object template) {
    if (!(template instanceof Map<?, ?> t) || !(t.get("from") instanceof Map<?, ?> from)) return "";
    return String.valueOf(from.get("uri"));
  }
}
