package io.ofnevents.model;

/** Upstream NATS Streaming settings, mapped field by field onto JetStream. */
public record NatsStreamingSpec(
    @Required @Doc("NATS server URL(s), comma-separated.") String natsURL,
    @Required @Unused("NATS Streaming cluster ids have no JetStream equivalent")
        String natsStreamingClusterID,
    @Required
        @OneOf({"topic", "queue"})
        @Doc("queue: one durable consumer shared by replicas; topic: one per replica.")
        String subscriptionType,
    @Required @Doc("Prefix of the durable consumer names.") String durableSubscriptionName,
    @Doc("JetStream AckWait, e.g. 30s.") String ackWaitTime,
    @Doc("JetStream MaxAckPending.") Long maxInFlight,
    @Doc("Deliver only new messages (default).") Boolean deliverNew,
    @Doc("Deliver the last message, then new ones.") Boolean startWithLastReceived,
    @Doc("Deliver every stored message.") Boolean deliverAll,
    @Doc("Deliver from this stream sequence.") Long startAtSequence,
    @Doc("Deliver from now minus this duration, e.g. 10m.") String startAtTimeDelta,
    @Doc("Deliver from this time (see startAtTimeFormat).") String startAtTime,
    @Doc("Go time layout of startAtTime (default RFC3339).") String startAtTimeFormat,
    @Unused("consumer names are generated: {namespace}-ebft-{trigger}") String consumerID,
    @Doc("KEDA stan scaler options (honoured by the operator only).")
        NatsStreamingScaleOption scaleOption) {}
