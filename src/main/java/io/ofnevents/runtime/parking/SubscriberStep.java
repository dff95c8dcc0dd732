package io.ofnevents.runtime.parking;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.trigger.ConditionContext;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * One subscriber's delivery, tracked: skipped when the {@link DeliveryTrack} says this subscriber
 * is done with the event; otherwise the delivery route runs on this exchange and its outcome is
 * recorded (a failure with the event as it was handed to the delivery route, e.g. the `deliver:
 * all` batch, so that the parked copy is exactly what the subscriber was given).
 */
final class SubscriberStep implements Processor {
  private final int index;
  private final String target;
  private volatile Producer producer;

  SubscriberStep(int index, String target) {
    this.index = index;
    this.target = target;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    DeliveryTrack track = exchange.getProperty(DeliveryTrack.PROPERTY, DeliveryTrack.class);
    Object condition = exchange.getProperty(ConditionContext.MATCHED);
    if (track != null && track.isDone(index)) return;
    // The event as it goes to the delivery route, which may replace the message (a Knative reply)
    // before it fails: what is parked is what this subscriber was given.
    Map<String, String> headers =
        track == null ? null : CloudEventHeaders.select(exchange.getMessage().getHeaders());
    byte[] body = track == null ? null : exchange.getMessage().getBody(byte[].class);
    producer(exchange).process(exchange);
    if (track == null) return;
    Exception e = exchange.getException();
    if (e == null) {
      track.succeeded(index, condition);
    } else {
      track.failed(new DeliveryTrack.Failure(index, condition, headers, body, e));
    }
  }

  private Producer producer(Exchange exchange) throws Exception {
    Producer p = producer;
    if (p == null) {
      synchronized (this) {
        p = producer;
        if (p == null) {
          p = exchange.getContext().getEndpoint(target).createProducer();
          ServiceHelper.startService(p);
          producer = p;
        }
      }
    }
    return p;
  }
}
