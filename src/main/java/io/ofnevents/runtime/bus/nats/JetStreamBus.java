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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NATS JetStream bus (at-least-once): a publish returns once JetStream acknowledged it (with
 * `Nats-Msg-Id` for de-duplication); consumers are durable pull consumers that acknowledge after
 * the route succeeded. One connection per server and credentials.
 */
public final class JetStreamBus implements BusDriver {
  private static final Logger LOG = LoggerFactory.getLogger(JetStreamBus.class);
  static final int PUBLISH_ATTEMPTS = 8;

  private final Connection nc;
  private final JetStream js;
  private final Streams streams;
  private final String replicaId;
  private ParkingLot parking;

  public JetStreamBus(BusOptions options, String replicaId) {
    this.replicaId = replicaId;
    this.nc = NatsConnector.connect(options, "ofn-events " + replicaId);
    try {
      this.js = nc.jetStream();
      this.streams = new Streams(nc.jetStreamManagement(), options);
    } catch (IOException e) {
      NatsConnector.closeQuietly(nc);
      throw new NatsUnavailableException(
          Redact.urls("JetStream is not available at " + options.servers()), e);
    }
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
    JetStreamSubscriber s =
        new JetStreamSubscriber(nc, streams, subject, settings, replicaId, handler);
    s.start();
    return s;
  }

  /** Parked events live in JetStream too, on the Trigger's parking subject. */
  @Override
  public synchronized ParkingLot parkingLot() {
    if (parking == null) {
      try {
        parking = new JetStreamParkingLot(this, nc.jetStreamManagement());
      } catch (IOException e) {
        throw new NatsUnavailableException("JetStream management is not available", e);
      }
    }
    return parking;
  }

  @Override
  public boolean isHealthy() {
    return nc.getStatus() == Connection.Status.CONNECTED;
  }

  @Override
  public void close() {
    NatsConnector.closeQuietly(nc);
  }
}
