package io.ofnevents.runtime.delivery;

/**
 * Every attempt to deliver an event to a sink failed. Carries what the dead letter records and
 * whether another delivery could succeed (a retryable last answer) or the receiver said no, which
 * decides whether the bus redelivers the event or parks it. The message is one line for logs and
 * has no stack trace because it is an outcome, not a bug.
 */
public final class DeliveryFailedException extends Exception {
  private final String destination;
  private final int statusCode;
  private final transient byte[] responseBody;
  private final boolean retryable;

  public DeliveryFailedException(
      String destination, int statusCode, byte[] responseBody, boolean retryable, String message) {
    super(message, null, false, false);
    this.destination = destination;
    this.statusCode = statusCode;
    this.responseBody = responseBody;
    this.retryable = retryable;
  }

  public String destination() {
    return destination;
  }

  /** HTTP status of the last attempt, or -1 when no response came (refused, timed out). */
  public int statusCode() {
    return statusCode;
  }

  public byte[] responseBody() {
    return responseBody;
  }

  /** Whether the last failure was one the sink's retry table retries (so may pass later). */
  public boolean retryable() {
    return retryable;
  }
}
