package io.ofnevents.runtime.cloudevents;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.delivery.DeliveryFailedException;
import io.ofnevents.runtime.delivery.ErrorAttributes;
import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.runtime.observe.SinkMeters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in the event why delivery failed, as Knative does for its dead-letter sinks ({@link
 * ErrorAttributes}: `ofnerror*` for OpenFunction resources, Knative's own `knativeerror*` for
 * Knative ones); logs it and counts it for the sink.
 */
final class DeadLetterProcessor implements Processor {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessor.class);
  private final Map<String, SinkMeters> meters = new ConcurrentHashMap<>();
  private final boolean knative;

  DeadLetterProcessor(boolean knative) {
    this.knative = knative;
  }

  @Override
  public void process(Exchange exchange) {
    Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    Message m = exchange.getMessage();
    (knative ? ErrorAttributes.knative(e) : ErrorAttributes.of(e)).forEach(m::setHeader);
    if (e instanceof DeliveryFailedException failed) {
      LOG.warn(
          LogLines.DEAD_LETTERED,
          m.getHeader(CloudEventHeaders.ID),
          failed.destination(),
          failed.statusCode());
      meters
          .computeIfAbsent(failed.destination(), d -> SinkMeters.of(exchange.getContext(), d))
          .deadLettered();
    }
  }
}
