package io.ofnevents.runtime.delivery;

import io.ofnevents.model.DeliveryDefaults;
import java.time.Duration;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Knative `delivery` semantics: `retry` attempts after the first; the n-th retry waits
 * `backoffDelay * n` (linear) or `backoffDelay * 2^(n-1)` (exponential), never more than {@link
 * #MAX_BACKOFF}; which answers are retried is {@link #retryable}. With {@link Retryable#KNATIVE}
 * linear waits `backoffDelay * (n-1)`, as Knative does (its backoff counts retries from 0, so the
 * first retry is immediate), for Knative resources to behave as they do in Knative.
 */
@UriParams
public record RetryPolicy(
    @UriParam(defaultValue = "3", description = "Attempts after the first one.") int retry,
    @UriParam(
            name = "backoffPolicy",
            javaType = "java.lang.String",
            enums = "linear,exponential",
            defaultValue = "exponential",
            description =
                "linear: backoffDelay times n; exponential: backoffDelay times 2^(n-1); at most"
                    + " 30 s.")
        boolean exponential,
    @UriParam(
            defaultValue = "PT0.2S",
            description = "Base delay between attempts, ISO-8601 (PT0.2S) or Go style (200ms).")
        Duration backoffDelay,
    @UriParam(
            defaultValue = "PT10S",
            description = "Timeout of each attempt, ISO-8601 (PT10S) or Go style (10s).")
        Duration timeout,
    @UriParam(
            name = "retryOn",
            javaType = "java.lang.String",
            enums = "openfunction,knative",
            defaultValue = "openfunction",
            description =
                "Which answers are retried: openfunction (no answer, 5xx, 408, 429) or knative"
                    + " (also 404 and 409, as Knative's SelectiveRetry).")
        Retryable retryable) {

  /**
   * The longest wait between two attempts. Knative hands its retry client (go-retryablehttp) the
   * same bound, `defaultRetryWaitMax = 30 * time.Second` in eventing
   * pkg/kncloudevents/http_client.go (RetryWaitMax in event_dispatcher.go DoWithRetries). Its
   * DeliverySpec backoff function (generateBackoffFn) ignores that argument, so there `retry: 100`
   * with an exponential policy can wait for years; here the bound applies, and a stop of the
   * context ends any wait at once.
   */
  public static final Duration MAX_BACKOFF = DeliveryDefaults.maxBackoff();

  /** The OpenFunction table; the Knative API passes {@link Retryable#KNATIVE}. */
  public RetryPolicy(int retry, boolean exponential, Duration backoffDelay, Duration timeout) {
    this(retry, exponential, backoffDelay, timeout, Retryable.OPENFUNCTION);
  }

  /** Delay before retry number `n` (1-based), at most {@link #MAX_BACKOFF}. */
  public Duration delayBefore(int n) {
    long base = backoffDelay.toMillis();
    long max = MAX_BACKOFF.toMillis();
    if (base >= max) return MAX_BACKOFF;
    // base < 30 000 and the factor is at most 2^20 or 100, so the product cannot overflow
    long linear = retryable == Retryable.KNATIVE ? n - 1 : n;
    long millis = exponential ? base * (1L << Math.min(n - 1, 20)) : base * linear;
    return Duration.ofMillis(Math.min(millis, max));
  }

  public boolean isRetryable(int statusCode) {
    return retryable.test(statusCode);
  }

  public static boolean isSuccess(int statusCode) {
    return statusCode >= 200 && statusCode < 300;
  }

  /** The end of a give-up message: why no more attempts were made. */
  String describe(int statusCode, int attempts) {
    return isRetryable(statusCode)
        ? " after " + attempts + (attempts == 1 ? " attempt" : " attempts")
        : " (not retried: the receiver rejected the event)";
  }
}
