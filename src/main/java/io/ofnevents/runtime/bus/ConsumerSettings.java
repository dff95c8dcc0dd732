package io.ofnevents.runtime.bus;

import java.time.Duration;

/**
 * How a Trigger consumes a subject: the durable/group name, whether replicas share it, and the
 * JetStream tuning that the natsStreaming and nats bus specs map to. Drivers ignore what they do
 * not support (the in-memory bus uses only the name and concurrency).
 */
public record ConsumerSettings(
    String name,
    boolean shared,
    int concurrency,
    Duration ackWait,
    long maxDeliver,
    long maxAckPending,
    String deliverPolicy,
    Long startSequence,
    java.time.Instant startTime) {

  public static ConsumerSettings shared(String name, int concurrency) {
    return new ConsumerSettings(
        name, true, concurrency, Duration.ofSeconds(30), -1, 1000, "new", null, null);
  }
}
