package io.ofnevents.runtime.bus.nats;

import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.support.Status;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.bus.ConsumerBacklog;
import io.ofnevents.runtime.bus.ConsumerSettings;
import io.ofnevents.runtime.bus.MessageHandler;
import io.ofnevents.runtime.bus.Subscription;
import io.ofnevents.runtime.cloudevents.InvalidCloudEventException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one subject through a durable pull consumer, on the threads its bus shares ({@link
 * FetchScheduler}): pull requests are sent as room frees up and received on the shared dispatcher,
 * deliveries run in a {@link Lane} of the shared workers (a lane of one keeps the stream order). A
 * message is acknowledged only after its handler returned, and nak'ed with a growing delay when it
 * threw. Every message held here (queued or running) is reported "in progress" to JetStream
 * regularly, so a long delivery with retries is not handed to another replica when AckWait expires.
 *
 * <p>At most one pull is outstanding: it asks for the free room, ends when that many messages came
 * or at its expiry (our own timer: nats-server 2.9 sometimes drops an expired request without the
 * 408 that would say so). An idle consumer's pulls grow from {@link #FETCH_WAIT} to {@link
 * #IDLE_FETCH_WAIT}, so a thousand idle consumers cost a few hundred small requests a second, not
 * thousands. A consumer or stream deleted underneath (409, or pulls that get no answer at all) is
 * set up again.
 */
final class JetStreamSubscriber implements Subscription {
  private static final Logger LOG = LoggerFactory.getLogger(JetStreamSubscriber.class);
  static final Duration FETCH_WAIT = Duration.ofMillis(500);
  static final Duration IDLE_FETCH_WAIT = Duration.ofSeconds(4);
  static final Duration FIRST_REDELIVERY = Duration.ofMillis(500);
  static final Duration MAX_REDELIVERY = Duration.ofSeconds(30);
  static final int MAX_BATCH = 64;
  // our expiry comes this long after the server's, so that its last messages are not mistaken
  private static final long GRACE_MILLIS = 30;
  // pulls without a message or a 408 before the consumer is looked up (is it still there?)
  private static final int SILENT_PULLS = 3;
  // a message handed back at stop comes again this long after its pull ended, not into it
  private static final long HAND_BACK_MARGIN_MILLIS = 100;

  private final JetStreamBus bus;
  private final String subject;
  private final ConsumerSettings settings;
  private final String replicaId;
  private final MessageHandler handler;
  private final FetchScheduler scheduler;
  private final Lane lane;
  private final int capacity;
  private final int threshold;
  private final Set<Message> held = ConcurrentHashMap.newKeySet();
  private volatile boolean running = true;
  private ScheduledFuture<?> heartbeat;

  // guarded by `this`
  private boolean closed;
  private boolean firstAttemptDone;
  private JetStreamSubscription sub;
  private Dispatcher dispatcher;
  private int free;
  private int asked;
  private long pulls;
  private boolean answered;
  // when our timer ends the outstanding pull (System.nanoTime), while asked > 0
  private long pullEndsAt;
  private int silent;
  private long waitMillis = FETCH_WAIT.toMillis();
  private int failures;
  private String problem;
  // the last set-up failure was an answer of the server, not a lost or missing connection
  private boolean refused;

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
    this.scheduler = bus.scheduler();
    int workers = Math.max(1, settings.concurrency());
    this.lane = scheduler.lane(workers);
    this.capacity = (int) Math.max(1, Math.min(settings.maxAckPending(), MAX_BATCH * workers));
    // pull again once a quarter of the room is free, or at once when nothing is left to do
    this.threshold = Math.max(1, capacity / 4);
    this.free = capacity;
  }

  /**
   * Sets up the stream and durable on a shared thread (several subscriptions at once) and starts
   * pulling; when the server was not reached yet, once it is. Publishes of the bus wait for this
   * first attempt, so that a `deliver: new` durable exists before a source in this process
   * publishes; until it succeeded, the bus is not ready.
   */
  void start() {
    long period = Math.max(100, settings.ackWait().toMillis() / 3);
    heartbeat = scheduler.every(period, this::heartbeat);
    if (bus.session() == null) {
      LOG.info("Consuming {} once NATS is reachable", subject);
      bus.whenConnected(s -> bindSoon());
    } else {
      bindSoon();
    }
  }

  private void bindSoon() {
    if (!scheduler.bind(this::bind)) firstAttemptDone(); // the bus is closing
  }

  private void bind() {
    try {
      if (!running) return;
      JetStreamBus.Session session = bus.session();
      if (session == null) throw new NatsUnavailableException("NATS is not reachable", null);
      Dispatcher d = scheduler.dispatcher(session.nc());
      JetStreamSubscription made =
          Durables.bind(
              session.nc(), session.streams(), subject, settings, replicaId, d, this::receive);
      int failed;
      synchronized (this) {
        if (closed) {
          unsubscribeQuietly(d, made);
          return;
        }
        sub = made;
        dispatcher = d;
        asked = 0;
        free = capacity - held.size();
        failed = failures;
        failures = 0;
        problem = null;
        refused = false;
      }
      bus.bound(made, this);
      if (failed > 0) LOG.info("Consuming {} again", subject);
      else LOG.info("Consuming {} as JetStream consumer {}", subject, made.getConsumerName());
      pull();
    } catch (Exception e) {
      if (!running) return;
      int n;
      synchronized (this) {
        n = ++failures;
        problem = e.getMessage() == null ? e.toString() : e.getMessage();
        refused =
            !(e instanceof IOException
                || e instanceof NatsUnavailableException
                || e instanceof java.util.concurrent.TimeoutException);
      }
      if (n == 1 && e instanceof IOException) {
        LOG.warn(
            "Setting up the JetStream consumer of {} failed, retrying: {}", subject, e.toString());
      } else if (n == 1) {
        LOG.error("Cannot set up the JetStream consumer of {}, retrying: {}", subject, problem);
      } else {
        LOG.debug("Setting up the JetStream consumer of {} failed again: {}", subject, problem);
      }
      scheduler.after(Math.min(200L << Math.min(n, 5), 5_000), this::bindSoon);
    } finally {
      firstAttemptDone();
    }
  }

  private void firstAttemptDone() {
    synchronized (this) {
      if (firstAttemptDone) return;
      firstAttemptDone = true;
      notifyAll();
    }
    bus.settled();
  }

  /** Waits (at most `timeout`) for the first attempt at setting up the consumer to end. */
  synchronized void awaitFirstAttempt(Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (!firstAttemptDone) {
      long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
      if (left <= 0) return;
      wait(left);
    }
  }

  /** Asks for the free room unless a pull is outstanding, the room is small or we are stopping. */
  private void pull() {
    JetStreamSubscription s;
    int n;
    long id;
    long wait;
    synchronized (this) {
      s = sub;
      if (!running || s == null || asked > 0 || free <= 0) return;
      if (free < threshold && !held.isEmpty()) return; // work left: wait for more room
      n = free;
      free = 0;
      asked = n;
      id = ++pulls;
      answered = false;
      wait = waitMillis;
      pullEndsAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait + GRACE_MILLIS);
    }
    try {
      s.pullExpiresIn(n, Duration.ofMillis(wait));
      scheduler.after(wait + GRACE_MILLIS, () -> expired(id, n));
    } catch (RuntimeException e) {
      // the connection is closed or the subscription is gone
      rebind(s, "pull failed: " + e.getMessage());
    }
  }

  /** Our timer ends pull `id`: what it did not bring is room again. */
  private void expired(long id, int n) {
    boolean verify = false;
    synchronized (this) {
      if (id != pulls || asked == 0) return; // served or replaced meanwhile
      boolean nothing = asked == n;
      free += asked;
      asked = 0;
      notifyAll(); // a close waits for the pull to end
      waitMillis =
          nothing ? Math.min(waitMillis * 2, IDLE_FETCH_WAIT.toMillis()) : FETCH_WAIT.toMillis();
      silent = answered ? 0 : silent + 1;
      if (silent >= SILENT_PULLS) {
        silent = 0;
        verify = true;
      }
    }
    if (verify) scheduler.bind(this::verify);
    pull();
  }

  /** A message of the current pull, on the shared dispatcher: hands it to the lane. */
  private void receive(Message m) {
    if (!m.isJetStream()) return; // statuses are handled by jnats and reach us via the bus
    boolean served;
    synchronized (this) {
      answered = true;
      silent = 0;
      waitMillis = FETCH_WAIT.toMillis();
      if (asked > 0) asked--;
      else free--; // it came after we ended its pull: it still takes room
      served = asked == 0;
      if (served) notifyAll(); // a close waits for the pull to end
    }
    held.add(m);
    if (running) {
      try {
        lane.execute(() -> process(m));
      } catch (RejectedExecutionException e) {
        handBack(m); // closing
      }
    } else {
      handBack(m); // arrived after the stop began: another replica or the next run gets it now
    }
    if (served) pull();
  }

  private void handBack(Message m) {
    m.nakWithDelay(handBackDelay());
    held.remove(m);
    release();
  }

  /**
   * How long a message handed back at stop waits for its next delivery: until the outstanding pull
   * ended. A plain nak would make the server put it at once into that same pull, to be handed back
   * again; and nats-server before 2.10.15 (nats-server#5305) mishandles a redelivery that falls
   * into a pull whose inbox is gone: it later delivers the message twice, once with delivery count
   * 1. So no message may become due while a pull of ours is open at the server and we stop.
   */
  private synchronized Duration handBackDelay() {
    long left = asked > 0 ? TimeUnit.NANOSECONDS.toMillis(pullEndsAt - System.nanoTime()) : 0;
    return Duration.ofMillis(Math.max(0, left) + HAND_BACK_MARGIN_MILLIS);
  }

  private void release() {
    synchronized (this) {
      free++;
    }
    pull();
  }

  private void process(Message m) {
    long attempt = 0;
    BusMessage event = null;
    try {
      if (!running) {
        // fetched but not started before stop: another replica or the next run has it soon
        m.nakWithDelay(handBackDelay());
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
      release();
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

  /** A pull status jnats reported for our subscription (via the bus's error listener). */
  void status(JetStreamSubscription s, Status status, boolean error) {
    if (error) {
      rebind(s, status.getMessage());
    } else if (status.getCode() == 408) {
      synchronized (this) {
        answered = true;
      }
    }
  }

  /** The connection is back: pulls sent before it was lost may be gone with the old server. */
  void reconnected() {
    synchronized (this) {
      pulls++; // an expiry of the old pull does nothing now
      free += asked;
      asked = 0;
      notifyAll();
      waitMillis = FETCH_WAIT.toMillis();
    }
    pull();
  }

  /** Pulls go unanswered: is the consumer still there? If not, set it up again. */
  private void verify() {
    JetStreamSubscription s;
    synchronized (this) {
      s = sub;
    }
    if (s == null || !running) return;
    try {
      s.getConsumerInfo();
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == Durables.CONSUMER_NOT_FOUND
          || e.getApiErrorCode() == Streams.NOT_FOUND) {
        rebind(s, e.getMessage());
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Looking up the consumer of {} failed: {}", subject, e.toString());
    }
  }

  /** Drops subscription `s` (if it is still ours) and sets the consumer up again shortly. */
  private void rebind(JetStreamSubscription s, String why) {
    Dispatcher d;
    synchronized (this) {
      if (closed || !running || s == null || sub != s) return;
      sub = null;
      d = dispatcher;
      pulls++;
      free += asked;
      asked = 0;
      notifyAll();
      failures = Math.max(1, failures);
      problem = why;
    }
    LOG.warn("Consuming {} failed, setting it up again: {}", subject, why);
    bus.unbound(s);
    unsubscribeQuietly(d, s);
    scheduler.after(200, this::bindSoon);
  }

  /** JetStream's count of what waits for this consumer (a request to the server). */
  @Override
  public ConsumerBacklog backlog() throws Exception {
    JetStreamSubscription s;
    synchronized (this) {
      s = sub;
    }
    if (s == null) throw new IllegalStateException("not subscribed right now");
    ConsumerInfo info = s.getConsumerInfo();
    return new ConsumerBacklog(info.getNumPending(), info.getNumAckPending());
  }

  /** Null while consuming; otherwise why the consumer cannot be set up (for /health/ready). */
  @Override
  public synchronized String problem() {
    return sub == null && problem != null ? subject + ": " + problem : null;
  }

  @Override
  public synchronized boolean refused() {
    return refused && problem() != null;
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
   * Stops pulling (what the outstanding pull still brings is handed back, due once that pull
   * ended), lets the deliveries already started finish and be acknowledged, waits for the
   * outstanding pull to end, then unsubscribes for good. Unsubscribing while the server still holds
   * our pull would let a redelivery fall into it (a nak'ed event whose delay ends): nats-server 2.9
   * then delivers that event twice later (see {@link #handBackDelay}).
   */
  @Override
  public void close() {
    running = false;
    try {
      if (!lane.awaitIdle(TimeUnit.SECONDS.toMillis(30))) { // camel-main's shutdown timeout
        LOG.warn("Deliveries on {} still running at stop; JetStream will redeliver them", subject);
      }
      awaitPullEnded();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      JetStreamSubscription s;
      Dispatcher d;
      synchronized (this) {
        closed = true;
        s = sub;
        d = dispatcher;
        sub = null;
      }
      if (heartbeat != null) heartbeat.cancel(false);
      if (s != null) {
        bus.unbound(s);
        unsubscribeQuietly(d, s);
      }
      bus.closed(this);
      firstAttemptDone();
    }
  }

  /** Waits until no pull of ours is open at the server (its expiry, at most one idle wait). */
  private synchronized void awaitPullEnded() throws InterruptedException {
    long bound = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE_FETCH_WAIT.toMillis() * 2);
    while (asked > 0 && sub != null) {
      long until = Math.min(pullEndsAt, bound);
      long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
      if (left <= 0) return;
      wait(left);
    }
  }

  private void unsubscribeQuietly(Dispatcher d, JetStreamSubscription s) {
    try {
      d.unsubscribe(s);
    } catch (RuntimeException e) {
      LOG.debug("unsubscribe of {} failed: {}", subject, e.toString());
    }
  }
}
