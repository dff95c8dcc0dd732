package io.ofnevents.runtime.bus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process bus: per subject, one queue per consumer name, each drained by its own worker
 * threads. A failed message is retried with backoff until it succeeds or the process stops; a
 * message published to a subject nobody consumes is dropped, as on core NATS. Nothing survives a
 * restart.
 */
public final class MemoryBus implements BusDriver {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryBus.class);
  static final int CAPACITY = 10_000;

  private final Map<String, Map<String, MemoryQueue>> subjects = new ConcurrentHashMap<>();

  @Override
  public void publish(String subject, BusMessage message) throws InterruptedException {
    Map<String, MemoryQueue> consumers = subjects.get(subject);
    if (consumers == null || consumers.isEmpty()) {
      LOG.debug("No consumer on {}: event {} dropped (in-memory bus)", subject, message.id());
      return;
    }
    for (MemoryQueue queue : consumers.values()) queue.put(message);
  }

  @Override
  public Subscription subscribe(String subject, ConsumerSettings settings, MessageHandler handler) {
    MemoryQueue queue =
        subjects
            .computeIfAbsent(subject, s -> new ConcurrentHashMap<>())
            .computeIfAbsent(settings.name(), n -> new MemoryQueue(subject, n));
    List<MemoryWorker> workers = new CopyOnWriteArrayList<>();
    for (int i = 0; i < Math.max(1, settings.concurrency()); i++) {
      MemoryWorker w = new MemoryWorker(queue, handler);
      workers.add(w);
      w.start();
    }
    return () -> {
      workers.forEach(MemoryWorker::stopAfterCurrent);
      workers.forEach(w -> w.awaitStop(TimeUnit.SECONDS.toMillis(30)));
      int left = queue.size();
      if (left > 0) {
        LOG.warn(
            "{} event(s) for consumer {} on {} were not delivered before stop; the in-memory bus"
                + " keeps them only while this process runs",
            left,
            settings.name(),
            subject);
      }
    };
  }

  @Override
  public boolean isHealthy() {
    return true;
  }

  @Override
  public void close() {}

  /** Bounded queue of one consumer: a full queue blocks publishers (back-pressure). */
  static final class MemoryQueue {
    final String subject;
    final String consumer;
    private final LinkedBlockingQueue<BusMessage> queue = new LinkedBlockingQueue<>(CAPACITY);

    MemoryQueue(String subject, String consumer) {
      this.subject = subject;
      this.consumer = consumer;
    }

    void put(BusMessage m) throws InterruptedException {
      queue.put(m);
    }

    BusMessage poll(long millis) throws InterruptedException {
      return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    int size() {
      return queue.size();
    }
  }
}
