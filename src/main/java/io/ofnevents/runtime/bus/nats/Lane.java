package io.ofnevents.runtime.bus.nats;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries of one consumer on the shared worker pool: at most `limit` run at once, in the
 * order given (a limit of 1 keeps the stream's order). A thread is taken from the pool only while
 * there is work, so a thousand idle consumers hold no thread.
 */
final class Lane {
  private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
  private final Executor pool;
  private final int limit;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private int running;

  Lane(Executor pool, int limit) {
    this.pool = pool;
    this.limit = Math.max(1, limit);
  }

  void execute(Runnable task) {
    synchronized (this) {
      queue.add(task);
      if (running >= limit) return; // a running drain takes it
      running++;
    }
    try {
      pool.execute(this::drain);
    } catch (RuntimeException e) {
      synchronized (this) {
        running--;
        queue.remove(task);
        notifyAll();
      }
      throw e;
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = queue.poll();
        if (next == null) {
          running--;
          notifyAll();
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.error("A delivery failed outside its handler: {}", e.toString(), e);
      }
    }
  }

  /** Waits until nothing is queued or running; false when `millis` passed first. */
  synchronized boolean awaitIdle(long millis) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (running > 0 || !queue.isEmpty()) {
      long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
      if (left <= 0) return false;
      wait(left);
    }
    return true;
  }
}
