package io.ofnevents.runtime.bus.nats;

import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.api.ConsumerInfo;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.bus.ConsumerBacklog;
import io.ofnevents.runtime.bus.ConsumerSettings;
import io.ofnevents.runtime.bus.MessageHandler;
import io.ofnevents.runtime.bus.Subscription;
import io.ofnevents.runtime.cloudevents.InvalidCloudEventException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one subject through a durable pull consumer: a fetch thread pulls batches into a small
 * worker pool (one worker keeps the stream order); a message is acknowledged only after its handler
 * returned, and nak'ed with a growing delay when it threw. Every message held here (queued or
 * running) is reported "in progress" to JetStream regularly, so a long delivery with retries is not
 * handed to another replica when AckWait expires.
 */
final class JetStreamSubscriber implements Subscription {
  private static final Logger LOG = LoggerFactory.getLogger(JetStreamSubscriber.class);
  static final Duration FETCH_WAIT = Duration.ofMillis(500);
  static final Duration FIRST_REDELIVERY = Duration.ofMillis(500);
  static final Duration MAX_REDELIVERY = Duration.ofSeconds(30);
  static final int MAX_BATCH = 64;
  // A 408 this long before our request's expiry ends an older request, not ours.
  static final long LATE_408 = TimeUnit.MILLISECONDS.toNanos(50);

  private final JetStreamBus bus;
  private final String subject;
  private final ConsumerSettings settings;
  private final String replicaId;
  private final MessageHandler handler;
  private final Semaphore room;
  private final ExecutorService workers;
  private final ScheduledExecutorService ticker;
  private final Set<Message> held = ConcurrentHashMap.newKeySet();
  private volatile boolean running = true;
  // set under `this` with the last unsubscribe: no binding may happen after it
  private boolean closed;
  private volatile JetStreamSubscription sub;
  private Thread fetcher;

  JetStreamSubscriber(
      JetStreamBus bus,
      String subject,
      ConsumerSettings settings,
      String replicaId,
      MessageHandler handler) {
    this.bus = bus;
    this.subject = subject;
    this.settings = settings;
    this.replicaId = replicaId;
    this.handler = handler;
    int workersCount = Math.max(1, settings.concurrency());
    this.room = new Semaphore((int) Math.min(settings.maxAckPending(), MAX_BATCH * workersCount));
    String name = "ofn-jetstream-" + subject;
    this.workers = Executors.newFixedThreadPool(workersCount, r -> daemon(r, name));
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-heartbeat"));
  }

  /**
   * Creates the stream and durable (failing fast on configuration errors) and starts pulling; when
   * the server was not reached yet, the fetcher binds once it is.
   */
  void start() throws Exception {
    JetStreamBus.Session session = bus.session();
    if (session != null) {
      bind(session);
      LOG.info("Consuming {} as JetStream consumer {}", subject, sub.getConsumerName());
    } else {
      LOG.info("Consuming {} once NATS is reachable", subject);
      bus.whenConnected(this::bindOnConnect);
    }
    fetcher = new Thread(this::fetchLoop, "ofn-jetstream-fetch-" + subject);
    fetcher.setDaemon(true);
    fetcher.start();
    long period = Math.max(100, settings.ackWait().toMillis() / 3);
    ticker.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
  }

  /** Binds the durable unless bound or closed meanwhile: nothing may pull after close. */
  private synchronized void bind(JetStreamBus.Session s) throws Exception {
    if (closed) throw new IllegalStateException("closed");
    if (sub == null) sub = Durables.bind(s.nc(), s.streams(), subject, settings, replicaId);
  }

  /** On the connecting thread, before publishes go out; a failure is retried by the fetcher. */
  private void bindOnConnect(JetStreamBus.Session s) {
    try {
      bind(s);
    } catch (Exception e) {
      LOG.warn("Binding consumer of {} failed, retrying: {}", subject, e.toString());
    }
  }

  private void fetchLoop() {
    int failures = 0;
    boolean bound = sub != null;
    while (running) {
      try {
        if (sub == null) {
          JetStreamBus.Session session = bus.session();
          if (session == null) {
            pause(FETCH_WAIT.toMillis()); // not reached yet: the bus keeps trying to connect
            continue;
          }
          bind(session);
        }
        if (!bound) {
          LOG.info("Consuming {} as JetStream consumer {}", subject, sub.getConsumerName());
          bound = true;
        }
        // bounded, so that a stop is noticed while every permit is held by a long delivery
        if (!room.tryAcquire(FETCH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) continue;
        int wanted = 1 + room.drainPermits();
        int taken = 0;
        try {
          if (!running) break;
          // One pull request, read until it is served or expires. Not jnats' iterate(): it waits
          // FETCH_WAIT again after each message, and nats-server 2.9 sometimes drops an expired
          // request without the 408 that would end that wait, so events published meanwhile
          // waited for the next pull (p99 450 ms at concurrency 8 in the bench).
          sub.pullExpiresIn(wanted, FETCH_WAIT);
          long deadline = System.nanoTime() + FETCH_WAIT.toNanos();
          for (long left; taken < wanted && (left = deadline - System.nanoTime()) > 0; ) {
            Message m = sub.nextMessage(Duration.ofNanos(left));
            if (m == null && deadline - System.nanoTime() > LATE_408) continue; // an old one's 408
            if (m == null) break; // this request expired
            taken++;
            hand(m);
          }
        } finally {
          room.release(wanted - taken);
        }
        if (failures > 0) LOG.info("Consuming {} again", subject);
        failures = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (!running) return;
        // The consumer or stream may be gone (deleted, server lost its store): set them up again.
        if (failures++ == 0) LOG.warn("Consuming {} failed, retrying: {}", subject, e.toString());
        unsubscribeQuietly();
        pause(Math.min(200L << Math.min(failures, 5), 5_000));
      }
    }
  }

  /**
   * Gives a fetched message to a worker; one that arrives after the stop began (the rest of a pull)
   * is handed back at once, so another replica or the next run gets it without waiting for AckWait.
   */
  private void hand(Message m) {
    held.add(m);
    if (running) {
      try {
        workers.execute(() -> process(m));
        return;
      } catch (RejectedExecutionException e) {
        // closing: fall through
      }
    }
    m.nak();
    held.remove(m);
    room.release();
  }

  private void process(Message m) {
    long attempt = 0;
    BusMessage event = null;
    try {
      if (!running) {
        m.nak(); // fetched but not started before stop: let another replica have it now
        return;
      }
      attempt = m.metaData().deliveredCount();
      // The stream sequence tells events apart where ids may not (two sources, one id).
      String key = m.metaData().getStream() + "/" + m.metaData().streamSequence();
      boolean last = settings.maxDeliver() > 0 && attempt >= settings.maxDeliver();
      MessageHandler.Delivery delivery = new MessageHandler.Delivery(attempt, subject, key, last);
      try {
        event = NatsEvents.fromJetStream(m, handler::keptRaw);
      } catch (InvalidCloudEventException e) {
        unreadable(m, delivery, e);
        return;
      }
      handler.handle(event, delivery);
      m.ack();
    } catch (Exception e) {
      failed(m, event, attempt, e);
    } finally {
      held.remove(m);
      room.release();
    }
  }

  /**
   * A message that is no CloudEvent: delivering it again cannot help, so it is never nak'ed. The
   * handler sets it aside (a Trigger input parks it) and it is acknowledged; when nothing can,
   * JetStream is told not to deliver it again and it stays in the stream. A failure to set it aside
   * is thrown: the message is then redelivered like any failure.
   */
  private void unreadable(Message m, MessageHandler.Delivery delivery, InvalidCloudEventException e)
      throws Exception {
    BusMessage raw = NatsEvents.unreadable(m, NatsEvents.jetStreamId(m));
    if (handler.unreadable(raw, delivery, e)) {
      m.ack();
      return;
    }
    LOG.error(
        "Event {} on {} is not a readable CloudEvent and nothing here can park it: JetStream will"
            + " not deliver it again; it stays in stream {} at sequence {}: {}",
        raw.id(),
        subject,
        m.metaData().getStream(),
        m.metaData().streamSequence(),
        e.getMessage());
    m.term();
  }

  private void failed(Message m, BusMessage event, long attempt, Exception e) {
    String id = event == null ? "?" : event.id();
    long seq = m.metaData().streamSequence();
    if (settings.maxDeliver() > 0 && attempt >= settings.maxDeliver()) {
      LOG.error(
          "Event {} on {} failed on its last delivery ({} of maxDeliver {}): JetStream will not"
              + " deliver it again; it stays in stream {} at sequence {}: {}",
          id,
          subject,
          attempt,
          settings.maxDeliver(),
          m.metaData().getStream(),
          seq,
          e.getMessage());
      m.term();
      return;
    }
    long delay =
        Math.min(
            FIRST_REDELIVERY.toMillis() << Math.min(attempt - 1, 10), MAX_REDELIVERY.toMillis());
    LOG.warn(
        "Event {} on {} failed (delivery {}), redelivery in {} ms: {}",
        id,
        subject,
        attempt,
        delay,
        e.getMessage());
    LOG.debug("Failure of event {}", id, e);
    m.nakWithDelay(Duration.ofMillis(delay));
  }

  /** JetStream's count of what waits for this consumer (a request to the server). */
  @Override
  public ConsumerBacklog backlog() throws Exception {
    JetStreamSubscription s = sub;
    if (s == null) throw new IllegalStateException("not subscribed right now");
    ConsumerInfo info = s.getConsumerInfo();
    return new ConsumerBacklog(info.getNumPending(), info.getNumAckPending());
  }

  private void heartbeat() {
    for (Message m : held) {
      try {
        m.inProgress();
      } catch (RuntimeException e) {
        LOG.debug("in-progress ack failed: {}", e.toString());
      }
    }
  }

  @Override
  public void stopFetching() {
    running = false;
  }

  /**
   * Stops pulling (the pull in progress ends at its expiry and what it brings is handed back),
   * unsubscribes for good, then lets the deliveries already started finish and be acknowledged.
   */
  @Override
  public void close() {
    running = false;
    try {
      // the fetcher notices within one FETCH_WAIT, then reads its last pull to the end
      if (fetcher != null) fetcher.join(FETCH_WAIT.toMillis() * 6);
      if (fetcher != null && fetcher.isAlive()) {
        LOG.warn("The fetcher of {} did not stop; unsubscribing under it", subject);
      }
      closeSubscription();
      workers.shutdown();
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) { // camel-main's shutdown timeout
        LOG.warn("Deliveries on {} still running at stop; JetStream will redeliver them", subject);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeSubscription();
    } finally {
      ticker.shutdownNow();
    }
  }

  /** Hands back whatever the subscription still buffers and unsubscribes; no bind after this. */
  private synchronized void closeSubscription() {
    closed = true;
    JetStreamSubscription s = sub;
    if (s != null) {
      try {
        for (Message m; (m = s.nextMessage(Duration.ofMillis(1))) != null; ) {
          if (m.isJetStream()) m.nak();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.debug("draining {} failed: {}", subject, e.toString());
      }
    }
    unsubscribeQuietly();
  }

  private synchronized void unsubscribeQuietly() {
    JetStreamSubscription s = sub;
    sub = null;
    if (s == null) return;
    try {
      s.unsubscribe();
    } catch (RuntimeException e) {
      LOG.debug("unsubscribe of {} failed: {}", subject, e.toString());
    }
  }

  private void pause(long millis) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (running && System.nanoTime() < until) LockSupport.parkNanos(until - System.nanoTime());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
