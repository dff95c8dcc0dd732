package io.ofnevents.runtime.knative;

import io.ofnevents.runtime.CloudEventHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * `ofn-kn:dispatch`, before a Knative Trigger calls its subscriber: takes `knativebrokerttl` off
 * the event, as Knative's broker filter does (neither the subscriber nor a dead letter sees it),
 * and keeps it and the event's identity for {@link ReplyStep}: a reply gets that TTL back, and its
 * publish is de-duplicated per event it answers.
 */
final class DispatchStep implements Processor {
  static final String TTL = "ofnKnTtl";
  static final String ANSWERS = "ofnKnAnswers";

  @Override
  public void process(Exchange exchange) {
    Message m = exchange.getMessage();
    exchange.setProperty(TTL, m.removeHeader(BrokerEntry.TTL));
    exchange.setProperty(
        ANSWERS, m.getHeader(CloudEventHeaders.SOURCE) + " " + m.getHeader(CloudEventHeaders.ID));
  }
}
