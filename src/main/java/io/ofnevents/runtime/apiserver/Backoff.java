package io.ofnevents.runtime.apiserver;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Exponential waits between attempts (with jitter, so replicas do not retry in lockstep). */
final class Backoff {
  static final Duration FIRST = Duration.ofMillis(500);
  static final Duration MAX = Duration.ofSeconds(30);
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private long nextMillis = FIRST.toMillis();

  /** The wait before the next attempt, doubled each time up to {@link #MAX}. */
  Duration next() {
    long d = nextMillis;
    nextMillis = Math.min(nextMillis * 2, MAX.toMillis());
    return Duration.ofMillis(d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1));
  }

  void reset() {
    nextMillis = FIRST.toMillis();
  }

  /** Waits `wait`, returning early once `running` turns false. */
  static void await(Duration wait, BooleanSupplier running) {
    long end = System.nanoTime() + wait.toNanos();
    while (running.getAsBoolean()) {
      long left = end - System.nanoTime();
      if (left <= 0) return;
      LockSupport.parkNanos(Math.min(left, SLICE_NANOS));
    }
  }
}
