package io.ofnevents.runtime.knative;

import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.delivery.Replies;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * `ofn-kn:step?hop=NS/OWNER/INDEX&call=…&then=…[&enter=KIND:NS/NAME]`, at the end of a flow hop's
 * delivery route: counts what became of the event and says in {@link EnterStep#PUBLISH} whether the
 * publish that follows runs. `call` is what the route did: `http` (a step, filter or subscriber; a
 * reply event passes on, an answer without one ends the flow or filters the event out), `forward`
 * (nothing to call: the event passes on as it came), `handoff` (the destination is a Broker or
 * flow: the event passes into it) or `reply` (the output was delivered to an HTTP reply). `then` is
 * what follows a passing event: `publish` (onto the next subject, or through the door `enter`
 * names), `drop` (no reply: counted) or `end`. The original's TTL goes back on the event, and the
 * publish's `Nats-Msg-Id` is scoped by the hop and the event it answers, so a redelivered
 * original's reply is stored once and copies on two subjects of one stream stay distinct.
 */
final class FlowStep implements Processor {
  enum Call {
    HTTP,
    FORWARD,
    HANDOFF,
    REPLY
  }

  enum Then {
    PUBLISH,
    DROP,
    END
  }

  private final String hop;
  private final boolean filter;
  private final Call call;
  private final Then then;
  private final Door enter;
  private final FlowMeters meters;
  private final Clock clock;

  FlowStep(FlowHop hop, Call call, Then then, Door enter, FlowMeters meters, Clock clock) {
    this.hop = hop.namespace() + "/" + hop.flow() + " " + hop.field();
    this.filter = hop.role() == FlowHop.Role.FILTER;
    this.call = call;
    this.then = then;
    this.enter = enter;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    exchange.setProperty(EnterStep.PUBLISH, false);
    if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null) {
      meters.deadLettered.increment();
      return;
    }
    boolean passes =
        switch (call) {
          case HTTP -> Boolean.TRUE.equals(exchange.getProperty(Replies.REPLIED));
          case FORWARD, HANDOFF -> true;
          case REPLY -> false;
        };
    switch (call) {
      case HTTP -> (passes ? meters.replied : filter ? meters.filtered : meters.ended).increment();
      case FORWARD -> meters.replied.increment();
      case HANDOFF, REPLY -> meters.delivered.increment();
    }
    if (!passes || then == Then.END) return;
    if (then == Then.DROP) {
      meters.dropped.increment();
      return;
    }
    Object ttl = exchange.getProperty(DispatchStep.TTL);
    if (ttl != null) exchange.getMessage().setHeader(BrokerEntry.TTL, ttl);
    else exchange.getMessage().removeHeader(BrokerEntry.TTL);
    if (enter != null && !EnterStep.admit(exchange, enter, clock)) return;
    exchange
        .getMessage()
        .setHeader(
            BusMessage.DEDUP_SCOPE_HEADER,
            "flow " + hop + " " + exchange.getProperty(DispatchStep.ANSWERS));
    exchange.setProperty(EnterStep.PUBLISH, true);
  }
}
