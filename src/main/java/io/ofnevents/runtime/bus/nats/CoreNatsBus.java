package io.ofnevents.runtime.bus.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.ofnevents.runtime.bus.BusDriver;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.bus.BusOptions;
import io.ofnevents.runtime.bus.ConsumerSettings;
import io.ofnevents.runtime.bus.MessageHandler;
import io.ofnevents.runtime.bus.Subscription;
import io.ofnevents.runtime.cloudevents.InvalidCloudEventException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core NATS bus (`nats.mode: core`): at-most-once, nothing is stored. Replicas of a Trigger
 * share the events through a queue group (subscriptionType: queue) or each get all of them (topic).
 * An event whose route fails is logged with its id and dropped: there is nothing to redeliver it
 * from. Publishes are buffered by the client while the server is away.
 */
public final class CoreNatsBus implements BusDriver {
  private static final Logger LOG = LoggerFactory.getLogger(CoreNatsBus.class);
  private final NatsLink link;

  /** Connects now if the server answers, else keeps trying in the background ({@link NatsLink}). */
  public CoreNatsBus(BusOptions options, String replicaId) {
    this.link = NatsLink.open(options, "ofn-events " + replicaId, "the bus");
  }

  @Override
  public void publish(String subject, BusMessage message) {
    Connection nc = link.await(NatsLink.CONNECT_WAIT);
    Headers headers = NatsEvents.headers(message);
    NatsEvents.requireFits(nc, subject, message.id(), headers, message.body());
    nc.publish(
        NatsMessage.builder().subject(subject).headers(headers).data(message.body()).build());
  }

  /** Subscribes now, or as soon as the server was reached; jnats keeps it across reconnects. */
  @Override
  public Subscription subscribe(String subject, ConsumerSettings settings, MessageHandler handler) {
    AtomicReference<Dispatcher> made = new AtomicReference<>();
    AtomicBoolean closed = new AtomicBoolean();
    if (link.connection() == null)
      LOG.info("Consuming {} on core NATS once it is reachable", subject);
    link.whenConnected(
        nc -> {
          synchronized (made) {
            if (closed.get()) return;
            Dispatcher dispatcher = nc.createDispatcher();
            io.nats.client.MessageHandler receive = m -> deliver(m, subject, handler);
            if (settings.shared()) dispatcher.subscribe(subject, settings.name(), receive);
            else dispatcher.subscribe(subject, receive);
            made.set(dispatcher);
          }
          LOG.info(
              "Consuming {} on core NATS{}",
              subject,
              settings.shared() ? " in queue group " + settings.name() : "");
        });
    return () -> {
      synchronized (made) {
        closed.set(true);
        Dispatcher d = made.get();
        if (d != null) link.connection().closeDispatcher(d);
      }
    };
  }

  private static void deliver(Message m, String subject, MessageHandler handler) {
    String fallbackId = UUID.randomUUID().toString();
    // Core NATS never redelivers: this delivery is the last, so a failure is parked at once.
    MessageHandler.Delivery delivery = new MessageHandler.Delivery(1, subject, null, true);
    BusMessage event = null;
    try {
      try {
        event = NatsEvents.fromCore(m, fallbackId, Instant.now(), handler::keptRaw);
      } catch (InvalidCloudEventException e) {
        event = NatsEvents.unreadable(m, fallbackId);
        if (!handler.unreadable(event, delivery, e)) throw e;
        return;
      }
      handler.handle(event, delivery);
    } catch (Exception e) {
      LOG.error(
          "Event {} on {} failed and is dropped (core NATS keeps no copy to redeliver): {}",
          event == null ? fallbackId : event.id(),
          subject,
          e.getMessage());
    }
  }

  /** Waits until the server has processed everything sent so far (e.g. new subscriptions). */
  public void flush(Duration timeout) throws TimeoutException, InterruptedException {
    link.await(timeout).flush(timeout);
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
