package io.ofnevents.model;

/** A Trigger subscriber: a condition and where matching events go. */
public record Subscriber(
    @Required @Doc("CEL boolean expression over the input names, e.g. eventA && eventB.")
        String condition,
    @Doc("HTTP target of matching events.") SinkSpec sink,
    @Doc("HTTP target of events whose delivery failed (or delivery.deadLetterSink, not both).")
        SinkSpec deadLetterSink,
    @Doc("Bus topic matching events are published to (used verbatim).") String topic,
    @Doc("Bus topic of events whose delivery failed.") String deadLetterTopic,
    @Doc("Retries, backoff, timeout and dead letter (Knative `delivery` shape).")
        DeliverySpec delivery) {

  /** The dead-letter sink wherever it was set: here (upstream) or in `delivery` (Knative). */
  public SinkSpec effectiveDeadLetterSink() {
    if (deadLetterSink != null) return deadLetterSink;
    return delivery == null ? null : delivery.deadLetterSink();
  }

  /** The field path of {@link #effectiveDeadLetterSink()} below the subscriber's own path. */
  public String deadLetterSinkPath() {
    return deadLetterSink != null ? "deadLetterSink" : "delivery.deadLetterSink";
  }
}
