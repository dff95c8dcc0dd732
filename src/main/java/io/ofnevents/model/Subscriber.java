package io.ofnevents.model;

/** A Trigger subscriber: a condition and where matching events go. */
public record Subscriber(
    @Required @Doc("CEL boolean expression over the input names, e.g. eventA && eventB.")
        String condition,
    @Doc("HTTP target of matching events.") SinkSpec sink,
    @Doc("HTTP target of events whose delivery failed.") SinkSpec deadLetterSink,
    @Doc("Bus topic matching events are published to (used verbatim).") String topic,
    @Doc("Bus topic of events whose delivery failed.") String deadLetterTopic,
    @Doc("Retries, backoff and timeout (Knative `delivery` shape).") DeliverySpec delivery) {}
