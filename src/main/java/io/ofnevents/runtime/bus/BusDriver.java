package io.ofnevents.runtime.bus;

import io.ofnevents.runtime.parking.ParkingLot;

/**
 * One bus backend (in-memory, NATS core, NATS JetStream). Subjects are the topics verbatim, so
 * plain NATS clients interoperate.
 */
public interface BusDriver extends AutoCloseable {
  /** Publishes and returns once the bus has the message (for JetStream: the publish ack). */
  void publish(String subject, BusMessage message) throws Exception;

  /**
   * Publishes as {@link #publish} does and says whether the bus stored the event or dropped it as a
   * duplicate (JetStream); a bus that does not de-duplicate always stores.
   */
  default PublishOutcome publishChecked(String subject, BusMessage message) throws Exception {
    publish(subject, message);
    return PublishOutcome.STORED;
  }

  /**
   * Starts delivering `subject` to `handler` as the consumer `settings.name()`; when the backend is
   * reachable, the consumer exists when this returns.
   */
  Subscription subscribe(String subject, ConsumerSettings settings, MessageHandler handler)
      throws Exception;

  /**
   * As {@link #subscribe}, but may return before the consumer exists, so that many are set up at
   * once (a runtime starting 1,000 Trigger inputs); {@link #awaitSettled} waits for them.
   */
  default Subscription subscribeAsync(
      String subject, ConsumerSettings settings, MessageHandler handler) throws Exception {
    return subscribe(subject, settings, handler);
  }

  /**
   * Waits (at most `timeout`) until every subscription made so far had its first attempt at setting
   * up its consumer; publishes of this bus wait for the same.
   */
  default void awaitSettled(java.time.Duration timeout) throws InterruptedException {}

  /**
   * Where this bus keeps parked events, or null when it stores nothing (the runtime keeps them in
   * memory then).
   */
  default ParkingLot parkingLot() {
    return null;
  }

  /**
   * Null while the backend is reachable; otherwise which connection, which servers and what went
   * wrong, for /health/ready.
   */
  default String downReason() {
    return null;
  }

  /**
   * Null while the connection itself is up; unlike {@link #downReason()} it leaves out the
   * consumers that cannot be set up, which concern their own resources only.
   */
  default String linkProblem() {
    return downReason();
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
