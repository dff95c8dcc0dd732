package io.ofnevents.compile;

import io.ofnevents.model.DeliveryDefaults;
import io.ofnevents.model.DeliverySpec;
import io.ofnevents.model.Durations;
import java.time.Duration;

/**
 * Effective delivery settings of a sink: the user's `delivery` with the {@link DeliveryDefaults}
 * filled in, written into generated routes explicitly so a reader sees what applies.
 */
record Delivery(int retry, String backoffPolicy, Duration backoffDelay, Duration timeout) {
  static Delivery of(DeliverySpec spec) {
    DeliverySpec s = spec == null ? new DeliverySpec(null, null, null, null, null) : spec;
    return new Delivery(
        s.retry() == null ? DeliveryDefaults.RETRY : s.retry(),
        s.backoffPolicy() == null ? DeliveryDefaults.BACKOFF_POLICY : s.backoffPolicy(),
        s.backoffDelay() == null
            ? DeliveryDefaults.backoffDelay()
            : Durations.parse(s.backoffDelay()),
        s.timeout() == null ? DeliveryDefaults.timeout() : Durations.parse(s.timeout()));
  }
}
