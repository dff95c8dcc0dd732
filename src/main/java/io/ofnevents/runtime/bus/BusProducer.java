package io.ofnevents.runtime.bus;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.observe.BusMeters;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Publishes the exchange's event (ce- headers and body bytes); returns once the bus has it. */
final class BusProducer extends DefaultProducer {
  private final BusEndpoint endpoint;

  BusProducer(BusEndpoint endpoint) {
    super(endpoint);
    this.endpoint = endpoint;
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    // connect now: credentials or TLS the server refuses fail the start; a server that is not
    // reachable yet is waited for in the background (publishes wait for it)
    endpoint.driver();
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    Map<String, String> headers = CloudEventHeaders.select(exchange.getMessage().getHeaders());
    byte[] body = exchange.getMessage().getBody(byte[].class);
    String id = headers.get(CloudEventHeaders.ID);
    String scope = exchange.getMessage().getHeader(BusMessage.DEDUP_SCOPE_HEADER, String.class);
    String dedupId =
        id == null
            ? null
            : BusMessage.dedupId(
                headers.get(CloudEventHeaders.SOURCE),
                id,
                scope != null ? scope : endpoint.options().dedupScope());
    PublishOutcome outcome =
        endpoint
            .driver()
            .publishChecked(endpoint.subject(), new BusMessage(headers, body, dedupId));
    if (outcome != PublishOutcome.STORED) {
      BusMeters.duplicate(endpoint.getCamelContext(), endpoint.subject(), outcome.label());
    }
  }
}
