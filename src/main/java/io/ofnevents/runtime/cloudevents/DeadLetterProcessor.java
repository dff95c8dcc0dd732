package io.ofnevents.runtime.cloudevents;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.delivery.DeliveryFailedException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Records in the event why delivery failed, as Knative does for its dead-letter sinks:
 * `ofnerrorcode` (HTTP status, or -1 when no response came), `ofnerrordest` (the URL) and
 * `ofnerrordata` (the response body, base64, at most 1 KiB).
 */
final class DeadLetterProcessor implements Processor {
  static final int MAX_DATA = 1024;

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
    } else if (e != null) {
      m.setHeader(CloudEventHeaders.ERROR_CODE, "-1");
      String msg = String.valueOf(e.getMessage());
      m.setHeader(
          CloudEventHeaders.ERROR_DATA,
          Base64.getEncoder().encodeToString(msg.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
