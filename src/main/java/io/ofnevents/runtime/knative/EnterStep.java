package io.ofnevents.runtime.knative;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.observe.LogLines;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `ofn-kn:enter?broker=NS/NAME`: an event about to be published onto a Broker's subject by a route
 * (a PingSource, an OpenFunction sink, a Trigger whose subscriber is a Broker, a dead letter) goes
 * through the Broker's door as an ingress event would ({@link BrokerEntry}); {@link #PUBLISH} says
 * whether the publish that follows runs. A TTL that ran out is counted and logged, not published.
 */
final class EnterStep implements Processor {
  private static final Logger LOG = LoggerFactory.getLogger(EnterStep.class);

  /** Exchange property: whether the next publish onto the Broker runs (compile/knative KnSteps). */
  static final String PUBLISH = "ofnKnPublish";

  private final String broker;
  private final KnMeters.BrokerMeters meters;
  private final Clock clock;

  EnterStep(String broker, KnMeters.BrokerMeters meters, Clock clock) {
    this.broker = broker;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    exchange.setProperty(PUBLISH, admit(exchange, broker, meters, clock));
  }

  /** Admits the exchange's event into `broker`, or counts and logs that its TTL ran out. */
  static boolean admit(
      Exchange exchange, String broker, KnMeters.BrokerMeters meters, Clock clock) {
    if (BrokerEntry.admit(exchange.getMessage().getHeaders(), clock)) return true;
    meters.ttlExhausted.increment();
    LOG.warn(
        LogLines.TTL_EXHAUSTED,
        exchange.getMessage().getHeader(CloudEventHeaders.ID),
        broker,
        BrokerEntry.MAX_TTL);
    return false;
  }
}
