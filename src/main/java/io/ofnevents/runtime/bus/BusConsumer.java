package io.ofnevents.runtime.bus;

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
            null);
    subscription = endpoint.driver().subscribe(endpoint.subject(), settings, this::handle);
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
    if (subscription != null) subscription.close();
    subscription = null;
    super.doStop();
  }
}
