package io.ofnevents.model;

/** A NATS bus: JetStream (at-least-once, default) or core NATS (at-most-once). */
public record NatsSpec(
    @Required @Doc("NATS server URL(s), comma-separated.") String url,
    @OneOf({"jetstream", "core"})
        @Doc("jetstream (default): durable, acknowledged; core: at-most-once, nothing stored.")
        String mode,
    @Doc("JetStream stream and consumer settings.") JetStreamSpec jetstream,
    @Doc("Authentication, every secret by reference.") NatsAuthSpec auth,
    @Doc("TLS settings.") TlsSpec tls,
    @OneOf({"topic", "queue"})
        @Doc("queue (default): replicas of a Trigger share one consumer; topic: one per replica.")
        String subscriptionType) {}
