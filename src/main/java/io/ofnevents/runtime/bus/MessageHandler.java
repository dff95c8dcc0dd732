package io.ofnevents.runtime.bus;

/** Processes one bus message; throwing means "not processed", so the bus redelivers it later. */
@FunctionalInterface
public interface MessageHandler {
  void handle(BusMessage message, Delivery delivery) throws Exception;

  /** What the handler may learn about this delivery of a message. */
  record Delivery(long attempt, String subject) {}
}
