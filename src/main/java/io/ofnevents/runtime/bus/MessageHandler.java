package io.ofnevents.runtime.bus;

/** Processes one bus message; throwing means "not processed", so the bus redelivers it later. */
@FunctionalInterface
public interface MessageHandler {
  void handle(BusMessage message, Delivery delivery) throws Exception;

  /**
   * A message the bus could not read as a CloudEvent (a broken structured envelope, a batch where
   * one event was expected): `raw` holds its `ce-` headers (decoded where they can be, its id
   * defaulted as for any plain message) and `Content-Type` as sent, and its bytes. Delivering it
   * again cannot help, so the handler sets it aside (a Trigger input parks it) and returns true,
   * and the bus acknowledges it; false (the default) when nothing here can keep it: the bus then
   * stops delivering it, with an ERROR saying where it stays. Throwing means: try again later.
   */
  default boolean unreadable(BusMessage raw, Delivery delivery, Exception error) throws Exception {
    return false;
  }

  /**
   * A header value of the event `id` (null: none) was taken as sent, not percent-decoded, because
   * it was not percent-encoded as the CloudEvents bindings ask (`reason`); the event goes on.
   */
  default void keptRaw(String id, String header, String reason) {}

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
