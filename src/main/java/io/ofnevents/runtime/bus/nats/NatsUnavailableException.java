package io.ofnevents.runtime.bus.nats;

/** NATS could not be reached or did not answer in time; the operation may succeed later. */
public final class NatsUnavailableException extends RuntimeException {
  public NatsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
