package io.ofnevents.runtime.bus;

import io.ofnevents.runtime.bus.MemoryBus.MemoryQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drains a memory queue into a handler, retrying a failed message with capped backoff. */
final class MemoryWorker extends Thread {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryWorker.class);
  private static final long FIRST_RETRY_MS = 500;
  private static final long MAX_RETRY_MS = 30_000;

  private final MemoryQueue queue;
  private final MessageHandler handler;
  private volatile boolean running = true;

  MemoryWorker(MemoryQueue queue, MessageHandler handler) {
    super("ofn-memory-bus-" + queue.consumer);
    setDaemon(true);
    this.queue = queue;
    this.handler = handler;
  }

  /** Lets the current delivery finish; a delivery waiting to retry gives up at once. */
  void stopAfterCurrent() {
    running = false;
    LockSupport.unpark(this);
  }

  void awaitStop(long millis) {
    try {
      join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    while (running) {
      BusMessage message;
      try {
        message = queue.poll(100);
      } catch (InterruptedException e) {
        return;
      }
      if (message != null) deliver(message);
    }
  }

  private void deliver(BusMessage message) {
    long backoff = FIRST_RETRY_MS;
    for (long attempt = 1; ; attempt++) {
      try {
        handler.handle(message, new MessageHandler.Delivery(attempt, queue.subject));
        return;
      } catch (Exception e) {
        if (!running) {
          LOG.warn(
              "Event {} on {} not delivered and the bus is stopping: it is lost (in-memory bus): {}",
              message.id(),
              queue.subject,
              e.getMessage());
          return;
        }
        LOG.warn(
            "Event {} on {} failed (attempt {}), retrying in {} ms: {}",
            message.id(),
            queue.subject,
            attempt,
            backoff,
            e.getMessage());
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
        while (running && System.nanoTime() < until)
          LockSupport.parkNanos(until - System.nanoTime());
        backoff = Math.min(backoff * 2, MAX_RETRY_MS);
      }
    }
  }
}
