package io.ofnevents.testing;

/**
 * The resources that runtime tests write again and again, as YAML documents in namespace `default`
 * (join them with {@link #of}): a JetStream bus `default`, Kafka and Redis stream EventSources, a
 * one-input Trigger with one subscriber.
 */
public final class Fixtures {
  private Fixtures() {}

  /** The documents as one multi-document YAML text. */
  public static String of(String... documents) {
    return String.join("---\n", documents);
  }

  /** EventBus `default` on the NATS JetStream at `natsUrl` with consumer `ackWait` (e.g. `5s`). */
  public static String jetStreamBus(String natsUrl, String ackWait) {
    return bus(natsUrl, "ackWait: " + ackWait);
  }

  /** {@link #jetStreamBus(String, String)} whose streams are stored on `replicas` servers. */
  public static String jetStreamBus(String natsUrl, String ackWait, int replicas) {
    return bus(natsUrl, "ackWait: " + ackWait + ", replicas: " + replicas);
  }

  private static String bus(String natsUrl, String jetstream) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventBus
        metadata: {name: default}
        spec:
          nats:
            url: "%s"
            jetstream: {%s}
        """
        .formatted(natsUrl, jetstream);
  }

  /** EventSource `name` on bus `default` with one Kafka event `event` read from `topic`. */
  public static String kafkaSource(String name, String event, String brokers, String topic) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: %s}
        spec:
          eventBus: default
          kafka:
            %s:
              brokers: "%s"
              topic: "%s"
              authRequired: false
        """
        .formatted(name, event, brokers, topic);
  }

  /**
   * EventSource `name` on bus `default` with one Redis stream event `event` read from `stream`
   * (consumer group `default-{name}-{event}`); entries pending longer than 2 s are claimed again.
   */
  public static String redisStreamSource(String name, String event, String host, String stream) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: %s}
        spec:
          eventBus: default
          redis:
            %s:
              redisHost: "%s"
              stream: %s
              redeliverInterval: 500ms
              processingTimeout: 2s
        """
        .formatted(name, event, host, stream);
  }

  /**
   * Trigger `name` on bus `default` with input `event` of EventSource `eventSource` (subject
   * `default-{eventSource}-{event}`) and one subscriber to `sinkUrl`; `delivery` is the
   * subscriber's delivery as a YAML flow mapping (`{retry: 1}`), or null.
   */
  public static String trigger(
      String name, String eventSource, String event, String sinkUrl, String delivery) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: Trigger
        metadata: {name: %s}
        spec:
          eventBus: default
          inputs:
            %s: {eventSource: %s, event: %s}
          subscribers:
            - condition: %s
              sink: {uri: "%s"}
        """
            .formatted(name, event, eventSource, event, event, sinkUrl)
        + (delivery == null ? "" : "      delivery: " + delivery + "\n");
  }
}
