package io.ofnevents.model;

/** JetStream stream and consumer settings of a NATS bus. */
public record JetStreamSpec(
    @Doc("One stream with this name holds every subject of the bus (default: one per subject).")
        String stream,
    @OneOf({"file", "memory"}) @Doc("Stream storage (default file).") String storage,
    @Doc("Stream replicas (default 1).") Integer replicas,
    @Doc("Discard messages older than this, e.g. 72h (default: keep).") String maxAge,
    @Doc("Nats-Msg-Id de-duplication window (default 2m).") String duplicateWindow,
    @Doc("Redeliver unacknowledged messages after this (default 30s).") String ackWait,
    @Doc("Deliveries of one message before it is given up (default unlimited).") Long maxDeliver,
    @Doc("Unacknowledged messages in flight per consumer (default 1000).") Long maxAckPending) {}
