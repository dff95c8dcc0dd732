package io.ofnevents.runtime.bus;

/** A running subscription; closing it lets in-flight messages finish and stops fetching. */
public interface Subscription extends AutoCloseable {
  @Override
  void close();

  /**
   * Takes no new messages from now on, without waiting; {@link #close()} still lets the ones taken
   * finish. Called on every subscription at once when the context stops, so that their pending
   * fetches wind down together instead of one close after the other.
   */
  default void stopFetching() {}

  /**
   * The consumer's backlog, or null when the driver cannot tell; may ask the server, so it is
   * polled every few seconds, never per event.
   */
  default ConsumerBacklog backlog() throws Exception {
    return null;
  }

  /** Why the consumer is not set up right now (`subject: why`), null while it consumes. */
  default String problem() {
    return null;
  }

  /**
   * Whether {@link #problem()} is the server refusing the consumer while reachable (a stream or
   * consumer configuration conflict): a fault of this resource's set-up, retried, not of the
   * connection that the bus's other resources share.
   */
  default boolean refused() {
    return false;
  }
}
