package io.ofnevents.runtime.delivery;

import java.time.Duration;

/**
 * Knative `delivery` semantics: `retry` attempts after the first; the n-th retry waits
 * `backoffDelay * n` (linear) or `backoffDelay * 2^(n-1)` (exponential). 4xx answers other than 408
 * and 429 are the receiver saying no, so they are not retried.
 */
public record RetryPolicy(int retry, boolean exponential, Duration backoffDelay, Duration timeout) {

  /** Delay before retry number `n` (1-based). */
  public Duration delayBefore(int n) {
    long base = backoffDelay.toMillis();
    long millis = exponential ? base * (1L << Math.min(n - 1, 20)) : base * n;
    return Duration.ofMillis(millis);
  }

  public static boolean isRetryable(int statusCode) {
    if (statusCode < 0) return true; // no response: connection refused, reset or timed out
    if (statusCode == 408 || statusCode == 429) return true;
    return statusCode >= 500;
  }

  public static boolean isSuccess(int statusCode) {
    return statusCode >= 200 && statusCode < 300;
  }

  /** The end of a give-up message: why no more attempts were made. */
  static String describe(int statusCode, int attempts) {
    return isRetryable(statusCode)
        ? " after " + attempts + (attempts == 1 ? " attempt" : " attempts")
        : " (not retried: the receiver rejected the event)";
  }
}
