package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Coalescing, ordering and backoff of the work queue, on a clock the test moves. */
class WorkQueueTest {
  final AtomicLong now = new AtomicLong();
  final WorkQueue<String> queue = new WorkQueue<>(now::get);

  @Test
  void aKeyQueuedSeveralTimesIsHeldOnceInFirstComeOrder() throws InterruptedException {
    queue.add("a");
    queue.add("b");
    queue.add("a");
    assertThat(queue.size()).isEqualTo(2);
    assertThat(queue.take()).contains("a");
    assertThat(queue.take()).contains("b");
    assertThat(queue.size()).isZero();
  }

  @Test
  void anEarlierRequestMovesADelayedKeyUp() throws InterruptedException {
    queue.addAfter("a", Duration.ofMinutes(5));
    queue.addAfter("b", Duration.ofSeconds(1));
    queue.add("a");
    assertThat(queue.take()).contains("a");
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(queue.take()).contains("b");
  }

  @Test
  void failuresBackOffExponentiallyUpToTheMaximumAndSuccessResets() {
    assertThat(queue.retry("a")).isEqualTo(Duration.ofMillis(500));
    assertThat(queue.retry("a")).isEqualTo(Duration.ofSeconds(1));
    assertThat(queue.retry("a")).isEqualTo(Duration.ofSeconds(2));
    for (int i = 0; i < 30; i++) queue.retry("a");
    assertThat(queue.retry("a")).isEqualTo(WorkQueue.MAX_BACKOFF);
    queue.forget("a");
    assertThat(queue.retry("a")).isEqualTo(Duration.ofMillis(500));
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void shutdownReleasesAWaitingTaker() throws InterruptedException {
    Thread t = new Thread(() -> queue.shutdown());
    t.start();
    assertThat(queue.take()).isEmpty();
    t.join();
  }
}
