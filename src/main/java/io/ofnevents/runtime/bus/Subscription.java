package io.ofnevents.runtime.bus;

/** A running subscription; closing it lets in-flight messages finish and stops fetching. */
public interface Subscription extends AutoCloseable {
  @Override
  void close();

  /**
   * The consumer's backlog, or null when the driver cannot tell; may ask the server, so it is
   * polled every few seconds, never per event.
   */
  default ConsumerBacklog backlog() throws Exception {
    return null;
  }
}
