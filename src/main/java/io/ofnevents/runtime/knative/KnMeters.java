package io.ofnevents.runtime.knative;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.runtime.observe.Meters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of one Broker, Sequence, Parallel or Knative Trigger (docs/observability.md),
 * created once per step when its route is built. Labels are the resource's namespace and name (and
 * a fixed reason), never anything from an event.
 */
final class KnMeters {
  private KnMeters() {}

  /**
   * The counters of a door events enter by (a Broker, Sequence or Parallel): what its ingress
   * accepted and refused, and events whose TTL ran out there. Named `ofn.kn.{kind}.…`, tagged with
   * the namespace and `{kind}: name`.
   */
  static final class DoorMeters {
    final Counter accepted;
    final Counter ttlExhausted;

    /** The Prometheus name of {@link #ttlExhausted}, for log lines. */
    final String ttlExhaustedName;

    private final MeterRegistry registry;
    private final String refusedName;
    private final String[] tags;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    DoorMeters(MeterRegistry registry, Door.Kind kind, String namespace, String name) {
      this.registry = registry;
      this.tags = new String[] {"namespace", namespace, kind.label(), name};
      String prefix = "ofn.kn." + kind.label();
      refusedName = prefix + ".events.refused";
      accepted =
          Meters.counter(
              registry, prefix + ".events.accepted", "Events the ingress stored on the bus", tags);
      String ttl = prefix + ".ttl.exhausted";
      ttlExhausted =
          Meters.counter(
              registry,
              ttl,
              "Events (replies, forwards) not put on it: their knativebrokerttl ran out",
              tags);
      ttlExhaustedName = ttl.replace('.', '_') + "_total";
    }

    /** Counts a refusal of the ingress for `reason` (malformed, ttl, unavailable, too-large). */
    void refused(String reason) {
      refused
          .computeIfAbsent(
              reason,
              r ->
                  Meters.counter(
                      registry,
                      refusedName,
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
