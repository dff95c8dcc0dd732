package io.ofnevents.runtime.delivery;

import java.util.Locale;

/**
 * Which answers of a sink are worth another attempt: the classification is a parameter of the
 * delivery, so the OpenFunction and the Knative APIs share one retry loop, dead letter and parking
 * and differ only in this table. No answer at all (refused, reset, timed out: status -1) and 5xx
 * are retried by both.
 */
public enum Retryable {
  /**
   * No answer, 5xx, 408 Request Timeout, 429 Too Many Requests; other 4xx are the receiver's no.
   */
  OPENFUNCTION,
  /**
   * Knative's `SelectiveRetry` (eventing pkg/kncloudevents/retries.go): also 404 (a pod becoming
   * ready) and 409. Knative's linear backoff comes with it ({@link RetryPolicy#delayBefore}).
   */
  KNATIVE;

  public boolean test(int statusCode) {
    if (statusCode < 0 || statusCode >= 500) return true;
    if (statusCode == 408 || statusCode == 429) return true;
    return this == KNATIVE && (statusCode == 404 || statusCode == 409);
  }

  /** The `retryOn` parameter value naming this table. */
  public String parameter() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Retryable of(String parameter) {
    return valueOf(parameter.toUpperCase(Locale.ROOT));
  }
}
