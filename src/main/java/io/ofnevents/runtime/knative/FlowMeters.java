package io.ofnevents.runtime.knative;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ofnevents.runtime.observe.Meters;

/**
 * The meters of one hop of a flow (docs/observability.md#knative-kinds), tagged by {@link
 * FlowHop#tags()}: what its consumer received and failed, how long a hop took (the call with its
 * retries and the publish after it), and what became of each event ({@link FlowStep}).
 */
final class FlowMeters {
  final Counter received;
  final Counter replied;
  final Counter ended;
  final Counter filtered;
  final Counter delivered;
  final Counter deadLettered;
  final Counter failed;
  final Counter dropped;
  final Timer latency;

  FlowMeters(MeterRegistry r, FlowHop hop) {
    String[] t = hop.tags();
    received =
        Meters.counter(r, hop.meter("events.received"), "Events the hop took from its subject", t);
    replied =
        Meters.counter(
            r,
            hop.meter("events.replied"),
            "Events passed on: the reply event of the step, filter or subscriber (a branch"
                + " without a filter: every event)",
            t);
    ended =
        Meters.counter(
            r,
            hop.meter("events.ended"),
            "Events the step or subscriber answered without an event: the flow ends for them",
            t);
    filtered =
        Meters.counter(
            r, hop.meter("events.filtered"), "Events the branch's filter answered without", t);
    delivered =
        Meters.counter(
            r,
            hop.meter("events.delivered"),
            "Events delivered to a reply, or handed to the Broker or flow the step names",
            t);
    deadLettered =
        Meters.counter(
            r, hop.meter("events.dead.lettered"), "Events sent to the dead letter sink", t);
    failed =
        Meters.counter(
            r,
            hop.meter("events.failed"),
            "Events neither passed on nor dead-lettered; redelivered by the bus, or parked",
            t);
    dropped =
        Meters.counter(
            r,
            hop.meter("replies.dropped"),
            "Reply events with nowhere to go (no spec.reply), dropped as in Knative",
            t);
    latency =
        Timer.builder(hop.meter("latency"))
            .description(
                "Time of one delivery of the hop: the call, its retries, the publish after")
            .tags(t)
            .register(r);
  }
}
