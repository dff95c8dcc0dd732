package io.ofnevents.compile;

import io.ofnevents.model.DeliverySpec;
import io.ofnevents.model.Durations;
import java.time.Duration;

/**
 * Effective delivery settings of a sink: the user's `delivery` with defaults filled in, written
 * into generated routes explicitly so a reader sees what applies.
 */
record Delivery(int retry, String backoffPolicy, Duration backoffDelay, Duration timeout) {
  static final int DEFAULT_RETRY = 3;
  static final String DEFAULT_POLICY = "exponential";
  static final Duration DEFAULT_DELAY = Duration.ofMillis(200);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  static Delivery of(DeliverySpec spec) {
    if (spec == null)
      return new Delivery(DEFAULT_RETRY, DEFAULT_POLICY, DEFAULT_DELAY, DEFAULT_TIMEOUT);
    return new Delivery(
        spec.retry() == null ? DEFAULT_RETRY : spec.retry(),
        spec.backoffPolicy() == null ? DEFAULT_POLICY : spec.backoffPolicy(),
        spec.backoffDelay() == null ? DEFAULT_DELAY : Durations.parse(spec.backoffDelay()),
        spec.timeout() == null ? DEFAULT_TIMEOUT : Durations.parse(spec.timeout()));
  }
}
