package io.ofnevents.runtime.bus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.runtime.observe.Meters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process bus: per subject, one queue per consumer name, each drained by its own worker
 * threads. A failed message is retried with backoff behind the messages that follow it (as
 * JetStream redelivers), so one event a subscriber refuses never holds up the others; a Trigger's
 * consumer parks it in the end. A message published to a subject nobody consumes is dropped, as on
 * core NATS, counted and logged once per subject. Nothing survives a restart.
 */
public final class MemoryBus implements BusDriver {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryBus.class);
  static final int CAPACITY = 10_000;

  private final int capacity;
  private final Map<String, Map<String, MemoryQueue>> subjects = new ConcurrentHashMap<>();
  private final Map<String, Counter> unconsumed = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private volatile MeterRegistry registry = new CompositeMeterRegistry();

  public MemoryBus() {
    this(CAPACITY);
  }

  /** A bus whose consumers hold at most `capacity` events each (queued or waiting to retry). */
  MemoryBus(int capacity) {
    this.capacity = capacity;
  }

  /** Counts unconsumed events in `registry` from now on (the context's, once it has one). */
  void countIn(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void publish(String subject, BusMessage message) throws InterruptedException {
    Map<String, MemoryQueue> consumers = subjects.get(subject);
    if (consumers == null || consumers.isEmpty()) {
      unconsumed
          .computeIfAbsent(
              subject,
              s ->
                  Meters.counter(
                      registry,
                      Meters.BUS_UNCONSUMED,
                      "Events published on the in-memory bus to a topic nothing consumes",
                      "subject",
                      s))
          .increment();
      if (warned.add(subject)) LOG.warn(LogLines.UNCONSUMED, subject);
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
            .computeIfAbsent(settings.name(), n -> new MemoryQueue(subject, n, capacity));
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

  /** A message in a queue: its sequence (the key of its deliveries) and delivery count. */
  static final class Entry implements Delayed {
    final long sequence;
    final BusMessage message;
    final long attempt;
    private final long dueNanos;

    Entry(long sequence, BusMessage message, long attempt, long dueNanos) {
      this.sequence = sequence;
      this.message = message;
      this.attempt = attempt;
      this.dueNanos = dueNanos;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(dueNanos, ((Entry) o).dueNanos);
    }
  }

  /**
   * The events of one consumer: new ones in order, failed ones waiting for their retry. Together at
   * most `capacity`; beyond that publishers block (back-pressure), which takes as many events as
   * the capacity all failing at once, never one.
   */
  static final class MemoryQueue {
    final String subject;
    final String consumer;
    private final Semaphore room;
    private final LinkedBlockingQueue<Entry> fresh = new LinkedBlockingQueue<>();
    private final DelayQueue<Entry> later = new DelayQueue<>();
    private final AtomicLong sequence = new AtomicLong();

    MemoryQueue(String subject, String consumer, int capacity) {
      this.subject = subject;
      this.consumer = consumer;
      this.room = new Semaphore(capacity);
    }

    void put(BusMessage m) throws InterruptedException {
      room.acquire();
      fresh.add(new Entry(sequence.incrementAndGet(), m, 1, 0));
    }

    /** The next retry that is due, else the next new event, waiting up to `millis`. */
    Entry poll(long millis) throws InterruptedException {
      Entry due = later.poll();
      return due != null ? due : fresh.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Delivers `e` again after `delayMillis`, behind what is queued by then. */
    void retry(Entry e, long delayMillis) {
      later.add(
          new Entry(
              e.sequence,
              e.message,
              e.attempt + 1,
              System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis)));
    }

    /** `e` is delivered, parked or given up: its room goes to the next publish. */
    void done(Entry e) {
      room.release();
    }

    int size() {
      return fresh.size() + later.size();
    }
  }
}
