package io.ofnevents.runtime.bus.nats;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.ofnevents.runtime.bus.BusDriver;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.bus.BusOptions;
import io.ofnevents.runtime.bus.ConsumerSettings;
import io.ofnevents.runtime.bus.MessageHandler;
import io.ofnevents.runtime.bus.PublishOutcome;
import io.ofnevents.runtime.bus.Redact;
import io.ofnevents.runtime.bus.Subscription;
import io.ofnevents.runtime.parking.ParkingLot;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NATS JetStream bus (at-least-once): a publish returns once JetStream acknowledged it (with
 * `Nats-Msg-Id` for de-duplication); consumers are durable pull consumers that acknowledge after
 * the route succeeded. One connection per server and credentials; a server not reachable at start
 * is waited for. Its consumers share the threads of one {@link FetchScheduler}.
 */
public final class JetStreamBus implements BusDriver {
  private static final Logger LOG = LoggerFactory.getLogger(JetStreamBus.class);
  static final int PUBLISH_ATTEMPTS = 8;

  private final BusOptions options;
  private final String replicaId;
  private ParkingLot parking;
  private final NatsLink link;
  private final FetchScheduler scheduler;
  private final Map<JetStreamSubscription, JetStreamSubscriber> bound = new ConcurrentHashMap<>();
  private final Set<JetStreamSubscriber> subscribers = ConcurrentHashMap.newKeySet();
  // subscriptions whose first set-up attempt has not ended: publishes wait for them
  private int settling;
  private volatile Session session;

  /** The JetStream side of a connection, made once the server was reached. */
  record Session(Connection nc, JetStream js, Streams streams) {}

  /**
   * Connects now if the server answers, else keeps trying in the background ({@link NatsLink}):
   * publishes wait for it, subscriptions bind once it is there.
   */
  public JetStreamBus(BusOptions options, String replicaId) {
    this.options = options;
    this.replicaId = replicaId;
    this.link = NatsLink.open(options, "ofn-events " + replicaId, "the bus");
    this.scheduler = new FetchScheduler(Redact.urls(options.servers()));
    link.events().onReconnect(() -> bound.values().forEach(JetStreamSubscriber::reconnected));
    link.events()
        .onPullStatus(
            (sub, status, error) -> {
              JetStreamSubscriber s = bound.get(sub);
              if (s != null) s.status(sub, status, error);
            });
  }

  FetchScheduler scheduler() {
    return scheduler;
  }

  void bound(JetStreamSubscription sub, JetStreamSubscriber s) {
    bound.put(sub, s);
  }

  void unbound(JetStreamSubscription sub) {
    bound.remove(sub);
  }

  void closed(JetStreamSubscriber s) {
    subscribers.remove(s);
  }

  /** A subscription's first set-up attempt ended (bound, failed or closed). */
  synchronized void settled() {
    if (--settling <= 0) notifyAll();
  }

  /**
   * Waits (at most `timeout`) until every subscription made so far had its first set-up attempt: in
   * one process a Trigger's `deliver: new` durable must exist before a source publishes the events
   * it is to read. While the server was never reached there is nothing to wait for: subscriptions
   * set themselves up once it is, and a publish waits for the server, then for them.
   */
  @Override
  public synchronized void awaitSettled(Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (settling > 0) {
      if (session == null) return;
      long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
      if (left <= 0) return; // publish anyway; a bind this slow is reported by readiness
      wait(left);
    }
  }

  /** The session, or null while the server was never reached. */
  Session session() {
    Session s = session;
    if (s != null) return s;
    Connection nc = link.connection();
    return nc == null ? null : open(nc);
  }

  /** The session, waiting up to `timeout` for the server; throws NatsUnavailableException. */
  Session awaitSession(Duration timeout) {
    Session s = session;
    return s != null ? s : open(link.await(timeout));
  }

  /** Runs `action` with the session once the server was reached, before any publish gets it. */
  void whenConnected(Consumer<Session> action) {
    link.whenConnected(nc -> action.accept(open(nc)));
  }

  private synchronized Session open(Connection nc) {
    if (session == null) {
      try {
        session = new Session(nc, nc.jetStream(), new Streams(nc.jetStreamManagement(), options));
      } catch (IOException e) {
        throw new NatsUnavailableException(
            Redact.urls("JetStream is not available at " + options.servers()), e);
      }
    }
    return session;
  }

  /**
   * Publishes and waits for JetStream's ack. A timeout (server restarting) is retried with the same
   * message id, which JetStream de-duplicates; "no responders" means no stream stores the subject
   * any more (deleted, or its subject removed), so the stream is ensured again first.
   */
  @Override
  public void publish(String subject, BusMessage message) throws Exception {
    publishChecked(subject, message);
  }

  /** As {@link #publish}; a duplicate is read back to tell a republish from a collision. */
  @Override
  public PublishOutcome publishChecked(String subject, BusMessage message) throws Exception {
    Session session = awaitSession(NatsLink.CONNECT_WAIT);
    awaitSettled(NatsLink.CONNECT_WAIT);
    Connection nc = session.nc();
    JetStream js = session.js();
    Streams streams = session.streams();
    Headers headers = NatsEvents.headers(message);
    NatsEvents.requireFits(nc, subject, message.id(), headers, message.body());
    Exception last = null;
    for (int attempt = 1; attempt <= PUBLISH_ATTEMPTS; attempt++) {
      try {
        streams.streamOf(subject);
        NatsMessage msg =
            NatsMessage.builder().subject(subject).headers(headers).data(message.body()).build();
        PublishAck ack = js.publish(msg);
        return ack.isDuplicate()
            ? Duplicates.classify(nc, subject, message, ack, attempt)
            : PublishOutcome.STORED;
      } catch (IOException e) {
        last = e;
        if (String.valueOf(e.getMessage()).contains("503")) streams.forget(subject);
        LOG.debug("Publishing {} to {} failed (attempt {}): {}", message.id(), subject, attempt, e);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(100L << attempt, 2_000)));
      } catch (JetStreamApiException e) {
        throw new IllegalStateException(
            "JetStream refused event " + message.id() + " on " + subject + ": " + e.getMessage(),
            e);
      }
    }
    throw new NatsUnavailableException(
        "cannot publish event "
            + message.id()
            + " to "
            + subject
            + " after "
            + PUBLISH_ATTEMPTS
            + " attempts: "
            + last.getMessage(),
        last);
  }

  /** Returns once the consumer was set up (or failed to be) when the server is reachable. */
  @Override
  public Subscription subscribe(String subject, ConsumerSettings settings, MessageHandler handler)
      throws Exception {
    boolean connected = session() != null;
    JetStreamSubscriber s = subscribeAsync(subject, settings, handler);
    if (connected) s.awaitFirstAttempt(NatsLink.CONNECT_WAIT);
    return s;
  }

  @Override
  public JetStreamSubscriber subscribeAsync(
      String subject, ConsumerSettings settings, MessageHandler handler) {
    JetStreamSubscriber s = new JetStreamSubscriber(this, subject, settings, replicaId, handler);
    synchronized (this) {
      settling++;
    }
    subscribers.add(s);
    s.start();
    return s;
  }

  /** Parked events live in JetStream too, on the Trigger's parking subject. */
  @Override
  public synchronized ParkingLot parkingLot() {
    if (parking == null) parking = new JetStreamParkingLot(this);
    return parking;
  }

  /**
   * Null when the server is reachable and every consumer is set up; otherwise the connection's
   * problem, or how many consumers are still being set up, or why one cannot be.
   */
  @Override
  public String downReason() {
    String down = link.downReason();
    if (down != null) return down;
    synchronized (this) {
      if (settling > 0) return "setting up " + settling + " JetStream consumer(s)";
    }
    List<String> problems =
        subscribers.stream().map(JetStreamSubscriber::problem).filter(p -> p != null).toList();
    if (problems.isEmpty()) return null;
    return "cannot set up the JetStream consumer of "
        + problems.get(0)
        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
  }

  @Override
  public String linkProblem() {
    return link.downReason();
  }

  @Override
  public void stopWaiting() {
    link.stopWaiting();
  }

  @Override
  public void close() {
    scheduler.close();
    link.close();
  }
}
