package io.ofnevents.runtime.bus.nats;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NATS JetStream bus (at-least-once): a publish returns once JetStream acknowledged it (with
 * `Nats-Msg-Id` for de-duplication); consumers are durable pull consumers that acknowledge after
 * the route succeeded. One connection per server and credentials; a server not reachable at start
 * is waited for.
 */
public final class JetStreamBus implements BusDriver {
  private static final Logger LOG = LoggerFactory.getLogger(JetStreamBus.class);
  static final int PUBLISH_ATTEMPTS = 8;

  private final BusOptions options;
  private final String replicaId;
  private ParkingLot parking;
  private final NatsLink link;
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

  @Override
  public Subscription subscribe(String subject, ConsumerSettings settings, MessageHandler handler)
      throws Exception {
    JetStreamSubscriber s = new JetStreamSubscriber(this, subject, settings, replicaId, handler);
    s.start();
    return s;
  }

  /** Parked events live in JetStream too, on the Trigger's parking subject. */
  @Override
  public synchronized ParkingLot parkingLot() {
    if (parking == null) parking = new JetStreamParkingLot(this);
    return parking;
  }

  @Override
  public String downReason() {
    return link.downReason();
  }

  @Override
  public void stopWaiting() {
    link.stopWaiting();
  }

  @Override
  public void close() {
    link.close();
  }
}
