package io.ofnevents.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Backoff growth and its cap, and the two retry tables (OpenFunction, Knative). */
class RetryPolicyTest {
  private static RetryPolicy policy(boolean exponential, Duration delay) {
    return new RetryPolicy(100, exponential, delay, Duration.ofSeconds(10));
  }

  @Test
  void backoffGrowsLinearlyOrExponentially() {
    assertThat(policy(false, Duration.ofMillis(100)).delayBefore(3)).hasMillis(300);
    assertThat(policy(true, Duration.ofMillis(100)).delayBefore(1)).hasMillis(100);
    assertThat(policy(true, Duration.ofMillis(100)).delayBefore(3)).hasMillis(400);
  }

  @Test
  void knativesLinearBackoffRetriesOnceImmediatelyAndItsExponentialStartsAtTheDelay() {
    Duration d = Duration.ofMillis(200);
    RetryPolicy linear = new RetryPolicy(5, false, d, Duration.ofSeconds(1), Retryable.KNATIVE);
    assertThat(List.of(linear.delayBefore(1), linear.delayBefore(2), linear.delayBefore(3)))
        .containsExactly(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(400));
    RetryPolicy exponential = new RetryPolicy(5, true, d, Duration.ofSeconds(1), Retryable.KNATIVE);
    assertThat(List.of(exponential.delayBefore(1), exponential.delayBefore(2)))
        .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void noWaitIsLongerThanThirtySecondsWhateverRetryAndDelaySay() {
    // retry may be 100: 2^99 (or, clamped, 2^20) times the delay used to be waited out in full
    assertThat(policy(true, Duration.ofSeconds(1)).delayBefore(20))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(policy(true, Duration.ofMillis(200)).delayBefore(100))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(policy(false, Duration.ofSeconds(1)).delayBefore(100))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(policy(false, Duration.ofMinutes(5)).delayBefore(1))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.MAX_BACKOFF).isEqualTo(Duration.ofSeconds(30));
  }

  @ParameterizedTest(name = "{0}: openfunction={1} knative={2}")
  @CsvSource({
    "-1, true, true",
    "500, true, true",
    "503, true, true",
    "408, true, true",
    "429, true, true",
    "404, false, true",
    "409, false, true",
    "400, false, false",
    "401, false, false",
    "410, false, false",
    "302, false, false",
  })
  void theRetryTableIsAParameter(int status, boolean openFunction, boolean knative) {
    assertThat(Retryable.OPENFUNCTION.test(status)).isEqualTo(openFunction);
    assertThat(Retryable.KNATIVE.test(status)).isEqualTo(knative);
    RetryPolicy kn =
        new RetryPolicy(1, true, Duration.ZERO, Duration.ofSeconds(1), Retryable.KNATIVE);
    assertThat(kn.isRetryable(status)).isEqualTo(knative);
    assertThat(Retryable.of(Retryable.KNATIVE.parameter())).isEqualTo(Retryable.KNATIVE);
  }
}
