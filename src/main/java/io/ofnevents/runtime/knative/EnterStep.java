package io.ofnevents.runtime.knative;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.observe.LogLines;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `ofn-kn:enter?broker=NS/NAME` (or `sequence=`, `parallel=`): an event about to be published onto
 * a Broker's or flow's (first) subject by a route (a PingSource, an OpenFunction sink, a Trigger or
 * flow step whose destination it is, a dead letter) goes through its {@link Door} as an ingress
 * event would; {@link #PUBLISH} says whether the publish that follows runs. A TTL that ran out is
 * counted and logged, not published.
 */
final class EnterStep implements Processor {
  private static final Logger LOG = LoggerFactory.getLogger(EnterStep.class);

  /** Exchange property: whether the next publish onto the Broker runs (compile/knative KnSteps). */
  static final String PUBLISH = "ofnKnPublish";

  private final Door door;
  private final Clock clock;

  EnterStep(Door door, Clock clock) {
    this.door = door;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    exchange.setProperty(PUBLISH, admit(exchange, door, clock));
  }

  /** Admits the exchange's event through `door`, or counts and logs that its TTL ran out. */
  static boolean admit(Exchange exchange, Door door, Clock clock) {
    if (door.admit(exchange.getMessage().getHeaders(), clock)) return true;
    door.meters().ttlExhausted.increment();
    LOG.warn(
        LogLines.TTL_EXHAUSTED,
        exchange.getMessage().getHeader(CloudEventHeaders.ID),
        door.describe(),
        BrokerEntry.MAX_TTL,
        door.meters().ttlExhaustedName);
    return false;
  }
}
