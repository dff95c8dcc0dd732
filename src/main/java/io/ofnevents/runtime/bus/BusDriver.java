package io.ofnevents.runtime.bus;

/**
 * One bus backend (in-memory, NATS core, NATS JetStream). Subjects are the topics verbatim, so
 * plain NATS clients interoperate.
 */
public interface BusDriver extends AutoCloseable {
  /** Publishes and returns once the bus has the message (for JetStream: the publish ack). */
  void publish(String subject, BusMessage message) throws Exception;

  /** Starts delivering `subject` to `handler` as the consumer `settings.name()`. */
  Subscription subscribe(String subject, ConsumerSettings settings, MessageHandler handler)
      throws Exception;

  /**
   * Null while the backend is reachable; otherwise which connection, which servers and what went
   * wrong, for /health/ready.
   */
  default String downReason() {
    return null;
  }

  /** Whether the backend is reachable right now. */
  default boolean isHealthy() {
    return downReason() == null;
  }

  /**
   * The context is stopping: a publish that waits for a server never reached gives up now instead
   * of holding up the stop (its source keeps the record, or the event is lost as when stopped).
   */
  default void stopWaiting() {}

  @Override
  void close();
}
