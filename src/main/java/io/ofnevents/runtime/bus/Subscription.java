package io.ofnevents.runtime.bus;

/** A running subscription; closing it lets in-flight messages finish and stops fetching. */
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
