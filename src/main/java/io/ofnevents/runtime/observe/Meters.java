package io.ofnevents.runtime.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;

/**
 * The names of every ofn-events meter (Micrometer names; Prometheus shows them with `_` for `.` and
 * `_total` after counters, see docs/observability.md) and where they are registered: the context's
 * {@link MeterRegistry} that camel-micrometer binds when `camel.metrics.enabled=true`.
 */
public final class Meters {
  public static final String EVENTSOURCE_READ = "ofn.eventsource.events.read";
  public static final String EVENTSOURCE_PUBLISHED = "ofn.eventsource.events.published";
  public static final String EVENTSOURCE_FAILED = "ofn.eventsource.events.failed";
  public static final String TRIGGER_RECEIVED = "ofn.trigger.events.received";
  public static final String TRIGGER_FAILED = "ofn.trigger.events.failed";
  public static final String CONDITION_EVALUATIONS = "ofn.condition.evaluations";
  public static final String CONDITION_FIRES = "ofn.condition.fires";
  public static final String SUBSCRIBER_DELIVERED = "ofn.subscriber.events.delivered";
  public static final String SUBSCRIBER_DEAD_LETTERED = "ofn.subscriber.events.dead.lettered";
  public static final String SUBSCRIBER_FAILED = "ofn.subscriber.events.failed";
  public static final String SUBSCRIBER_PARKED = "ofn.subscriber.events.parked";
  public static final String SUBSCRIBER_REPLAYED = "ofn.subscriber.events.replayed";
  public static final String SINK_ATTEMPTS = "ofn.sink.attempts";
  public static final String SINK_RETRIES = "ofn.sink.retries";
  public static final String SINK_DELIVERED = "ofn.sink.delivered";
  public static final String SINK_FAILED = "ofn.sink.failed";
  public static final String SINK_DEAD_LETTERED = "ofn.sink.dead.lettered";
  public static final String SINK_DELIVERY = "ofn.sink.delivery";
  public static final String BUS_PENDING = "ofn.bus.consumer.pending";
  public static final String BUS_ACK_PENDING = "ofn.bus.consumer.ack.pending";
  public static final String BUS_UP = "ofn.bus.up";
  public static final String BUS_UNCONSUMED = "ofn.bus.events.unconsumed";

  public static final String BUS_DUPLICATES = "ofn.bus.duplicates";
  public static final String BUS_HEADER_RAW = "ofn.bus.header.values.raw";
  public static final String BUS_UNREADABLE = "ofn.bus.events.unreadable";

  // Knative kinds (docs/observability.md#knative-kinds)
  public static final String KN_BROKER_ACCEPTED = "ofn.kn.broker.events.accepted";
  public static final String KN_BROKER_REFUSED = "ofn.kn.broker.events.refused";
  public static final String KN_BROKER_TTL_EXHAUSTED = "ofn.kn.broker.ttl.exhausted";
  public static final String KN_TRIGGER_RECEIVED = "ofn.kn.trigger.events.received";
  public static final String KN_TRIGGER_MATCHED = "ofn.kn.trigger.events.matched";
  public static final String KN_TRIGGER_FILTERED = "ofn.kn.trigger.events.filtered.out";
  public static final String KN_TRIGGER_DELIVERED = "ofn.kn.trigger.events.delivered";
  public static final String KN_TRIGGER_REPLIES = "ofn.kn.trigger.replies";
  public static final String KN_TRIGGER_DEAD_LETTERED = "ofn.kn.trigger.events.dead.lettered";
  public static final String KN_TRIGGER_FAILED = "ofn.kn.trigger.events.failed";
  public static final String KN_TRIGGER_PARKED = "ofn.kn.trigger.events.parked";
  public static final String KN_TRIGGER_REPLAYED = "ofn.kn.trigger.events.replayed";
  public static final String KN_PING_TICKS = "ofn.kn.pingsource.ticks";
  public static final String KN_PING_PARKED = "ofn.kn.pingsource.ticks.parked";
  public static final String KN_PING_REPLAYED = "ofn.kn.pingsource.ticks.replayed";
  public static final String KN_APISERVER_CHANGES = "ofn.kn.apiserversource.events";
  public static final String KN_APISERVER_PARKED = "ofn.kn.apiserversource.events.parked";
  public static final String KN_APISERVER_REPLAYED = "ofn.kn.apiserversource.events.replayed";
  public static final String KN_APISERVER_LISTS = "ofn.kn.apiserversource.lists";
  public static final String KN_APISERVER_WATCH_RESTARTS = "ofn.kn.apiserversource.watch.restarts";

  /** Where meters go when Camel has no registry (metrics off): counted nowhere, cheaply. */
  private static final MeterRegistry NONE = new CompositeMeterRegistry();

  private Meters() {}

  /** The context's meter registry, or one that records nothing when metrics are off. */
  public static MeterRegistry registry(CamelContext context) {
    MeterRegistry r = context.getRegistry().findSingleByType(MeterRegistry.class);
    return r != null ? r : NONE;
  }

  /** The counter `name` with `tags` (key, value, ...), registered once and then looked up. */
  public static Counter counter(MeterRegistry registry, String name, String help, String... tags) {
    return Counter.builder(name).description(help).tags(tags).register(registry);
  }
}
