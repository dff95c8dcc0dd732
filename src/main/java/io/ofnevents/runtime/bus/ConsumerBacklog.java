package io.ofnevents.runtime.bus;

/**
 * What waits for a bus consumer: events on the bus it has not received yet (JetStream
 * `num_pending`) and events it received but has not acknowledged (`num_ack_pending`).
 */
public record ConsumerBacklog(long pending, long ackPending) {}
