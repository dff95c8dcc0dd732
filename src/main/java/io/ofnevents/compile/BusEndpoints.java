package io.ofnevents.compile;

import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.NatsSpec;
import io.ofnevents.model.NatsStreamingSpec;
import io.ofnevents.model.ResourceId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a bus spec into the Kamelet endpoints that publish to and consume from it. The in-memory
 * bus needs only topic names; NATS buses carry their connection settings in every endpoint so each
 * generated file stands alone (the runtime shares one connection per server and credentials).
 */
public final class BusEndpoints {
  static final String MEMORY_SOURCE = "ofn-inmemory-source";
  static final String MEMORY_SINK = "ofn-inmemory-sink";
  static final String NATS_SOURCE = "ofn-nats-source";
  static final String NATS_SINK = "ofn-nats-sink";

  private final EventBusSpec bus;
  private final Kamelets used;
  private final Compilation c;
  private final ResourceId owner;

  public BusEndpoints(EventBusSpec bus, Kamelets used, Compilation c, ResourceId owner) {
    this.bus = bus;
    this.used = used;
    this.c = c;
    this.owner = owner;
  }

  public boolean inMemory() {
    return bus.inMemory() != null;
  }

  /**
   * Publishes the exchange to `topic`; `dedupScope` makes republished ids distinct per Trigger
   * subscriber.
   */
  public Map<String, Object> publish(String topic, String dedupScope) {
    if (inMemory()) return Y.to(used.use(MEMORY_SINK), Y.map("topic", topic));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("servers", servers());
    p.put("subject", topic);
    if (dedupScope != null) p.put("dedupScope", dedupScope);
    p.putAll(streamAndAuth());
    return Y.to(used.use(NATS_SINK), p);
  }

  /**
   * Consumes `topic` as the Trigger's durable, shared consumer, `concurrency` events at once (the
   * Kamelet's default of 1 when null).
   */
  public Map<String, Object> consume(
      String topic, String trigger, String namespace, Integer concurrency) {
    return consumeAs(topic, Names.triggerConsumer(namespace, trigger), concurrency);
  }

  /**
   * Consumes `topic` as the durable, shared consumer `consumer` (prefixed with a natsStreaming
   * bus's `durableSubscriptionName`, as every consumer of that bus).
   */
  public Map<String, Object> consumeAs(String topic, String consumer, Integer concurrency) {
    if (inMemory()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("topic", topic);
      p.put("consumer", consumer);
      if (concurrency != null) p.put("concurrency", concurrency);
      return Y.endpoint(used.use(MEMORY_SOURCE), p);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("servers", servers());
    p.put("subject", topic);
    NatsStreamingSpec stan = bus.natsStreaming();
    String prefix = stan == null ? null : stan.durableSubscriptionName();
    p.put("consumer", prefix == null ? consumer : prefix + "-" + consumer);
    if (concurrency != null) p.put("concurrency", concurrency);
    p.putAll(NatsSettings.consumer(bus));
    p.putAll(streamAndAuth());
    return Y.endpoint(used.use(NATS_SOURCE), p);
  }

  /** Connection and stream settings shared by every NATS endpoint of this bus. */
  public Map<String, Object> connection() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("servers", servers());
    p.putAll(streamAndAuth());
    return p;
  }

  /**
   * The `ofn-bus:` URI of `subject` on this bus, for a tool that opens it outside a route (secrets
   * stay placeholders, resolved by the Camel context that opens it).
   */
  public String uri(String subject) {
    if (inMemory()) return "ofn-bus:" + subject + "?driver=memory";
    Map<String, Object> p = connection();
    Object mode = p.remove("mode");
    StringBuilder uri =
        new StringBuilder("ofn-bus:")
            .append(subject)
            .append("?driver=")
            .append(mode == null ? "jetstream" : mode);
    p.forEach((k, v) -> uri.append('&').append(k).append('=').append(v));
    return uri.toString();
  }

  private String servers() {
    NatsSpec nats = bus.nats();
    return nats != null ? nats.url() : bus.natsStreaming().natsURL();
  }

  /** After the subject and consumer, so that what differs between endpoints is read first. */
  private Map<String, Object> streamAndAuth() {
    Map<String, Object> p = new LinkedHashMap<>(NatsSettings.stream(bus));
    p.putAll(NatsSettings.auth(bus, c, owner));
    return p;
  }
}
