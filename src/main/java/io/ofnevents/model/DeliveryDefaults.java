package io.ofnevents.model;

import java.time.Duration;

/**
 * The one place delivery defaults live: the compiler fills them into generated routes, the HTTP
 * sink component and its Kamelet fall back to them, and the CRD descriptions quote them (the
 * constants are compile-time strings so `@Doc` can). {@code DeliveryDefaultsTest} fails when the
 * Kamelet, the README or the CRDs say anything else.
 */
public final class DeliveryDefaults {
  /** Retries after the first attempt. */
  public static final int RETRY = 3;

  /** How the delay grows between retries. */
  public static final String BACKOFF_POLICY = "exponential";

  /** Base delay between retries (ISO-8601). */
  public static final String BACKOFF_DELAY = "PT0.2S";

  /** Timeout of each attempt (ISO-8601). */
  public static final String TIMEOUT = "PT10S";

  /**
   * The longest wait between two attempts, whatever the policy computes: Knative's retry client is
   * given the same bound (`defaultRetryWaitMax`, see RetryPolicy).
   */
  public static final String MAX_BACKOFF = "PT30S";

  /**
   * Deliveries of one event from the bus (the first included) before a subscriber that still fails
   * with a retryable error has it parked. With the bus's redelivery backoff (0.5 s doubling to 30
   * s) ten deliveries span about two minutes.
   */
  public static final int MAX_DELIVERIES = 10;

  /** The most a Trigger may ask for: with the 30 s redelivery cap, about 50 minutes. */
  public static final int MAX_DELIVERIES_LIMIT = 100;

  private DeliveryDefaults() {}

  public static Duration backoffDelay() {
    return Duration.parse(BACKOFF_DELAY);
  }

  public static Duration timeout() {
    return Duration.parse(TIMEOUT);
  }

  public static Duration maxBackoff() {
    return Duration.parse(MAX_BACKOFF);
  }
}
