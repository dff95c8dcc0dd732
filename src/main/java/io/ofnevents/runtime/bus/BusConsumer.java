package io.ofnevents.runtime.bus;

import io.ofnevents.runtime.observe.BacklogGauges;
import io.ofnevents.runtime.observe.Meters;
import io.ofnevents.runtime.parking.DeliveryTrack;
import io.ofnevents.runtime.parking.ParkingRegistry;
import io.ofnevents.runtime.parking.TriggerParking;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.MDC;

/**
 * Feeds bus messages into the route; a message counts as processed only when the route finished
 * without an exception, or (a Trigger's input) when the subscribers that failed it had their copy
 * parked; otherwise the driver redelivers it.
 */
final class BusConsumer extends DefaultConsumer {
  private final BusEndpoint endpoint;
  private volatile Subscription subscription;
  private BacklogGauges backlog;
  private volatile TriggerParking parking;
  private InputProblems problems;

  BusConsumer(BusEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.endpoint = endpoint;
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    BusOptions o = endpoint.options();
    ConsumerSettings settings =
        new ConsumerSettings(
            o.consumer(),
            o.subscriptionType().equals("queue"),
            o.concurrency(),
            o.ackWait(),
            o.maxDeliver(),
            o.maxAckPending(),
            o.deliverPolicy(),
            o.startSequence(),
            startTime(o));
    if (o.parkedSubject() != null && o.trigger() != null) {
      parking =
          new TriggerParking(
              o.trigger(),
              o.parkedSubject(),
              endpoint.parkingLot(),
              o.maxDeliveries(),
              Meters.registry(getEndpoint().getCamelContext()));
      ParkingRegistry.of(getEndpoint().getCamelContext())
          .register(o.trigger(), o.parkedSubject(), parking.lot());
    }
    problems =
        new InputProblems(
            Meters.registry(getEndpoint().getCamelContext()), endpoint.subject(), o.consumer());
    // set up concurrently with the other routes' consumers; the runtime waits for all of them
    subscription = endpoint.driver().subscribeAsync(endpoint.subject(), settings, new Handler());
    ((BusComponent) endpoint.getComponent()).opened(subscription);
    endpoint.consumers.add(this);
    backlog =
        BacklogGauges.watch(
            getEndpoint().getCamelContext(), endpoint.subject(), o.consumer(), subscription);
  }

  /** The start of `byStartTime`: the given instant, or now minus the given delta. */
  private static Instant startTime(BusOptions o) {
    if (o.startTime() != null) {
      try {
        return Instant.parse(o.startTime());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "startTime="
                + o.startTime()
                + " is not an ISO-8601 instant (e.g. 2024-01-31T12:00:00Z)");
      }
    }
    return o.startTimeDelta() == null ? null : Instant.now().minus(o.startTimeDelta());
  }

  /**
   * Runs the route for one delivery. With parking (a Trigger's input), the exchange carries the
   * event's delivery track, and a failure is settled by {@link TriggerParking}: what it parked
   * counts as processed, what is left is thrown so that the bus redelivers the event.
   */
  private void handle(BusMessage message, MessageHandler.Delivery delivery) throws Exception {
    Exchange exchange = createExchange(false);
    TriggerParking p = parking;
    DeliveryTrack track = p == null ? null : p.track(delivery.key());
    try {
      exchange.getIn().setHeaders(new java.util.HashMap<>(message.headers()));
      exchange.getIn().setBody(message.body());
      if (track != null) exchange.setProperty(DeliveryTrack.PROPERTY, track);
      MDC.put("ce.id", String.valueOf(message.id()));
      getProcessor().process(exchange);
      Exception failure = exchange.getException();
      if (p == null) {
        if (failure != null) throw failure;
        return;
      }
      if (failure == null) {
        p.succeeded(delivery.key(), track);
        return;
      }
      boolean stopping = getEndpoint().getCamelContext().isStopping();
      boolean settled;
      try {
        settled =
            p.settle(
                delivery.key(),
                delivery.attempt(),
                delivery.last(),
                delivery.subject(),
                track,
                stopping);
      } catch (Exception e) {
        throw new IllegalStateException(
            failure.getMessage() + "; parking it failed too: " + e.getMessage(), failure);
      }
      if (!settled) throw failure;
    } finally {
      MDC.remove("ce.id");
      releaseExchange(exchange, false);
    }
  }

  /** The route's handler of this consumer's messages, and of those that are no CloudEvents. */
  private final class Handler implements MessageHandler {
    @Override
    public void handle(BusMessage message, Delivery delivery) throws Exception {
      BusConsumer.this.handle(message, delivery);
    }

    /** A Trigger's input parks it at once; anything else cannot keep it. */
    @Override
    public boolean unreadable(BusMessage raw, Delivery delivery, Exception error) throws Exception {
      problems.unreadable();
      TriggerParking p = parking;
      if (p == null) return false;
      MDC.put("ce.id", String.valueOf(raw.id()));
      try {
        p.parkUnreadable(delivery.key(), delivery.subject(), raw.headers(), raw.body(), error);
      } finally {
        MDC.remove("ce.id");
      }
      return true;
    }

    @Override
    public void keptRaw(String id, String header, String reason) {
      problems.keptRaw(id, header, reason);
    }
  }

  /** This consumer's subscription, null while stopped. */
  Subscription subscription() {
    return subscription;
  }

  @Override
  protected void doStop() throws Exception {
    if (backlog != null) backlog.close();
    backlog = null;
    endpoint.consumers.remove(this);
    if (subscription != null) {
      ((BusComponent) endpoint.getComponent()).closed(subscription);
      subscription.close();
    }
    subscription = null;
    super.doStop();
  }
}
