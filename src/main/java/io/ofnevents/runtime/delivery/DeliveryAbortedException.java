package io.ofnevents.runtime.delivery;

/**
 * A delivery waiting between two attempts gave up because the Camel context is stopping. It is not
 * a {@link DeliveryFailedException} on purpose: no dead letter takes it and nothing parks it, the
 * event stays unacknowledged on the bus (or in its source) and is delivered again later.
 */
public final class DeliveryAbortedException extends Exception {
  public DeliveryAbortedException(String message) {
    super(message, null, false, false);
  }
}
