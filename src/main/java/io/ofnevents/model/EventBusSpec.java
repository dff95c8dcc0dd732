package io.ofnevents.model;

/** The backend of a bus: exactly one of natsStreaming (upstream), nats or inMemory. */
public record EventBusSpec(
    @Unused("topics are always {namespace}-{eventSource}-{event}") String topic,
    @Doc("Upstream NATS Streaming bus, served by NATS JetStream on the same URL.")
        NatsStreamingSpec natsStreaming,
    @Doc("NATS bus (JetStream by default, or core NATS).") NatsSpec nats,
    @Doc("In-process bus for single-process runs; no server needed, nothing survives a restart.")
        InMemoryBusSpec inMemory) {}
