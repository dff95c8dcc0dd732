package io.ofnevents.runtime.bus;

/** Processes one bus message; throwing means "not processed", so the bus redelivers it later. */
@FunctionalInterface
public interface MessageHandler {
  void handle(BusMessage message, Delivery delivery) throws Exception;

  /**
   * What the handler may learn about this delivery of a message: its number (1 for the first), the
   * subject, a key that tells this message from every other one of the consumer (a JetStream stream
   * sequence; null when the bus cannot tell, as core NATS) and whether the bus will not deliver it
   * again whatever the handler does (core NATS; JetStream at maxDeliver).
   */
  record Delivery(long attempt, String subject, String key, boolean last) {
    public Delivery(long attempt, String subject) {
      this(attempt, subject, null, false);
    }
  }
}
