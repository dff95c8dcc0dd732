package io.ofnevents.runtime.knative;

import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.delivery.Replies;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * `ofn-kn:reply?trigger=NS/NAME[&broker=NS/NAME]`, after a Knative Trigger's delivery: counts what
 * became of the event (delivered, or dead-lettered when the route's `doCatch` took it) and, for a
 * reply event (which the HTTP sink made the message), gives it back the original's TTL and puts it
 * through the Broker's door ({@link BrokerEntry}: decremented, a TTL run out is not published: the
 * loop guard). The publish that follows (on {@link EnterStep#PUBLISH}) happens before the original
 * is acknowledged, and its `Nats-Msg-Id` is scoped by the event it answers, so a redelivered
 * original's reply is stored once.
 */
final class ReplyStep implements Processor {
  private final String trigger;
  private final Door broker;
  private final KnMeters.TriggerMeters meters;
  private final Clock clock;

  ReplyStep(String trigger, Door broker, KnMeters.TriggerMeters meters, Clock clock) {
    this.trigger = trigger;
    this.broker = broker;
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
    meters.delivered.increment();
    if (!Boolean.TRUE.equals(exchange.getProperty(Replies.REPLIED)) || broker == null) return;
    meters.replies.increment();
    Object ttl = exchange.getProperty(DispatchStep.TTL);
    if (ttl != null) exchange.getMessage().setHeader(BrokerEntry.TTL, ttl);
    else exchange.getMessage().removeHeader(BrokerEntry.TTL);
    if (!EnterStep.admit(exchange, broker, clock)) return;
    exchange
        .getMessage()
        .setHeader(
            BusMessage.DEDUP_SCOPE_HEADER,
            "reply " + trigger + " " + exchange.getProperty(DispatchStep.ANSWERS));
    exchange.setProperty(EnterStep.PUBLISH, true);
  }
}
