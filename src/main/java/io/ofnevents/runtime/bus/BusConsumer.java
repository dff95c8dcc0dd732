package io.ofnevents.runtime.bus;

import io.ofnevents.runtime.observe.BacklogGauges;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.MDC;

/**
 * Feeds bus messages into the route; a message counts as processed only when the route finished
 * without an exception, otherwise the driver redelivers it.
 */
final class BusConsumer extends DefaultConsumer {
  private final BusEndpoint endpoint;
  private Subscription subscription;
  private BacklogGauges backlog;

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
    subscription = endpoint.driver().subscribe(endpoint.subject(), settings, this::handle);
    ((BusComponent) endpoint.getComponent()).opened(subscription);
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

  private void handle(BusMessage message, MessageHandler.Delivery delivery) throws Exception {
    Exchange exchange = createExchange(false);
    try {
      exchange.getIn().setHeaders(new java.util.HashMap<>(message.headers()));
      exchange.getIn().setBody(message.body());
      MDC.put("ce.id", String.valueOf(message.id()));
      getProcessor().process(exchange);
      if (exchange.getException() != null) throw exchange.getException();
    } finally {
      MDC.remove("ce.id");
      releaseExchange(exchange, false);
    }
  }

  @Override
  protected void doStop() throws Exception {
    if (backlog != null) backlog.close();
    backlog = null;
    if (subscription != null) {
      ((BusComponent) endpoint.getComponent()).closed(subscription);
      subscription.close();
    }
    subscription = null;
    super.doStop();
  }
}
