package io.ofnevents.runtime.knative;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.runtime.observe.Meters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of one Broker or one Knative Trigger (docs/observability.md), created once per step
 * when its route is built. Labels are the resource's namespace and name (and a fixed reason), never
 * anything from an event.
 */
final class KnMeters {
  private KnMeters() {}

  /** A Broker's counters: what its ingress accepted and refused, and TTLs that ran out. */
  static final class BrokerMeters {
    final Counter accepted;
    final Counter ttlExhausted;
    private final MeterRegistry registry;
    private final String[] tags;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    BrokerMeters(MeterRegistry registry, String namespace, String broker) {
      this.registry = registry;
      this.tags = new String[] {"namespace", namespace, "broker", broker};
      accepted =
          Meters.counter(
              registry, Meters.KN_BROKER_ACCEPTED, "Events the ingress stored on the bus", tags);
      ttlExhausted =
          Meters.counter(
              registry,
              Meters.KN_BROKER_TTL_EXHAUSTED,
              "Events (replies, forwards) not put on the Broker: their knativebrokerttl ran out",
              tags);
    }

    /** Counts a refusal of the ingress for `reason` (malformed, ttl, unavailable, too-large). */
    void refused(String reason) {
      refused
          .computeIfAbsent(
              reason,
              r ->
                  Meters.counter(
                      registry,
                      Meters.KN_BROKER_REFUSED,
                      "Events the ingress refused, by reason",
                      tags[0],
                      tags[1],
                      tags[2],
                      tags[3],
                      "reason",
                      r))
          .increment();
    }
  }

  /** A Knative Trigger's delivery outcomes (the filter counts are {@link KnFilterMeters}'). */
  static final class TriggerMeters {
    final Counter delivered;
    final Counter replies;
    final Counter deadLettered;

    TriggerMeters(MeterRegistry r, String namespace, String trigger) {
      String[] tags = {"namespace", namespace, "trigger", trigger};
      delivered =
          Meters.counter(
              r, Meters.KN_TRIGGER_DELIVERED, "Events the subscriber answered 2xx", tags);
      replies =
          Meters.counter(
              r, Meters.KN_TRIGGER_REPLIES, "Reply events the subscriber answered", tags);
      deadLettered =
          Meters.counter(
              r, Meters.KN_TRIGGER_DEAD_LETTERED, "Events sent to the dead letter sink", tags);
    }
  }
}
