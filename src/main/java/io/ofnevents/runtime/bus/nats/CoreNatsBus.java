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
  private final Connection nc;

  public CoreNatsBus(BusOptions options, String replicaId) {
    this.nc = NatsConnector.connect(options, "ofn-events " + replicaId);
  }

  @Override
  public void publish(String subject, BusMessage message) {
    Headers headers = NatsEvents.headers(message);
    NatsEvents.requireFits(nc, subject, message.id(), headers, message.body());
    nc.publish(
        NatsMessage.builder().subject(subject).headers(headers).data(message.body()).build());
  }

  @Override
  public Subscription subscribe(String subject, ConsumerSettings settings, MessageHandler handler) {
    Dispatcher dispatcher = nc.createDispatcher();
    io.nats.client.MessageHandler receive = m -> deliver(m, subject, handler);
    if (settings.shared()) dispatcher.subscribe(subject, settings.name(), receive);
    else dispatcher.subscribe(subject, receive);
    LOG.info(
        "Consuming {} on core NATS{}",
        subject,
        settings.shared() ? " in queue group " + settings.name() : "");
    return () -> nc.closeDispatcher(dispatcher);
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
    nc.flush(timeout);
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
