package io.ofnevents.runtime.cloudevents;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.delivery.DeliveryFailedException;
import io.ofnevents.runtime.observe.LogLines;
import io.ofnevents.runtime.observe.SinkMeters;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in the event why delivery failed, as Knative does for its dead-letter sinks:
 * `ofnerrorcode` (HTTP status, or -1 when no response came), `ofnerrordest` (the URL) and
 * `ofnerrordata` (the response body, base64, at most 1 KiB); logs it and counts it for the sink.
 */
final class DeadLetterProcessor implements Processor {
  static final int MAX_DATA = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessor.class);
  private final Map<String, SinkMeters> meters = new ConcurrentHashMap<>();

  @Override
  public void process(Exchange exchange) {
    Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    Message m = exchange.getMessage();
    if (e instanceof DeliveryFailedException failed) {
      m.setHeader(CloudEventHeaders.ERROR_CODE, String.valueOf(failed.statusCode()));
      m.setHeader(CloudEventHeaders.ERROR_DEST, failed.destination());
      byte[] body = failed.responseBody();
      if (body != null && body.length > 0) {
        byte[] cut = Arrays.copyOf(body, Math.min(body.length, MAX_DATA));
        m.setHeader(CloudEventHeaders.ERROR_DATA, Base64.getEncoder().encodeToString(cut));
      }
      LOG.warn(
          LogLines.DEAD_LETTERED,
          m.getHeader(CloudEventHeaders.ID),
          failed.destination(),
          failed.statusCode());
      meters
          .computeIfAbsent(failed.destination(), d -> SinkMeters.of(exchange.getContext(), d))
          .deadLettered();
    } else if (e != null) {
      m.setHeader(CloudEventHeaders.ERROR_CODE, "-1");
      String msg = String.valueOf(e.getMessage());
      m.setHeader(
          CloudEventHeaders.ERROR_DATA,
          Base64.getEncoder().encodeToString(msg.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
