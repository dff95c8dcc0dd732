package io.ofnevents.runtime.bus;

import io.ofnevents.runtime.bus.MemoryBus.Entry;
import io.ofnevents.runtime.bus.MemoryBus.MemoryQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a memory queue into a handler; a message whose handler failed goes back to the queue with
 * a capped backoff and the worker moves on to the next one.
 */
final class MemoryWorker extends Thread {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryWorker.class);
  static final long FIRST_RETRY_MS = 500;
  static final long MAX_RETRY_MS = 30_000;
  private static final long POLL_MS = 100;

  private final MemoryQueue queue;
  private final MessageHandler handler;
  private volatile boolean running = true;

  MemoryWorker(MemoryQueue queue, MessageHandler handler) {
    super("ofn-memory-bus-" + queue.consumer);
    setDaemon(true);
    this.queue = queue;
    this.handler = handler;
  }

  /** Lets the current delivery finish and takes no other. */
  void stopAfterCurrent() {
    running = false;
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
      Entry entry;
      try {
        entry = queue.poll(POLL_MS);
      } catch (InterruptedException e) {
        return;
      }
      if (entry != null) deliver(entry);
    }
  }

  private void deliver(Entry entry) {
    BusMessage message = entry.message;
    try {
      handler.handle(
          message,
          new MessageHandler.Delivery(
              entry.attempt, queue.subject, queue.consumer + "-" + entry.sequence, false));
      queue.done(entry);
    } catch (Exception e) {
      if (!running) {
        queue.done(entry);
        LOG.warn(
            "Event {} on {} not delivered and the bus is stopping: it is lost (in-memory bus): {}",
            message.id(),
            queue.subject,
            e.getMessage());
        return;
      }
      long backoff = Math.min(FIRST_RETRY_MS << Math.min(entry.attempt - 1, 10), MAX_RETRY_MS);
      LOG.warn(
          "Event {} on {} failed (delivery {}), redelivery in {} ms: {}",
          message.id(),
          queue.subject,
          entry.attempt,
          backoff,
          e.getMessage());
      queue.retry(entry, backoff);
    }
  }
}
