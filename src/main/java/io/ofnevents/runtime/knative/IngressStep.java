package io.ofnevents.runtime.knative;

import io.ofnevents.runtime.cloudevents.Binding;
import io.ofnevents.runtime.cloudevents.CloudEvent;
import io.ofnevents.runtime.cloudevents.InvalidCloudEventException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of the ingress route of a Broker, Sequence or Parallel (`ofn-kn:ingress`), as
 * Knative's broker-ingress: an OPTIONS request gets the WebHook handshake; a POST is read as a
 * CloudEvent in the HTTP binding (binary or structured, 1.0 or 0.3, kept as it came) and enters
 * through the {@link Door}. A malformed event or a TTL of 0 is answered 400 with a one-line reason,
 * logged once per client; the route stops there. Otherwise the message is the event alone, for the
 * bus sink.
 */
final class IngressStep implements Processor {
  private static final Logger LOG = LoggerFactory.getLogger(IngressStep.class);
  static final String REMOTE_ADDRESS = "CamelVertxPlatformHttpRemoteAddress";

  private final Door door;
  private final RefusalLog refusals;
  private final Clock clock;

  IngressStep(Door door, RefusalLog refusals, Clock clock) {
    this.door = door;
    this.refusals = refusals;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Message m = exchange.getMessage();
    if ("OPTIONS".equals(m.getHeader(Exchange.HTTP_METHOD, String.class))) {
      Answers.answer(exchange, 200, null);
      m.setHeader("WebHook-Allowed-Origin", "*");
      m.setHeader("WebHook-Allowed-Rate", "*");
      return;
    }
    Object client = m.getHeader(REMOTE_ADDRESS);
    CloudEvent event;
    try {
      event = read(m);
    } catch (InvalidCloudEventException e) {
      refuse(exchange, client, "malformed", e.getMessage());
      return;
    }
    Map<String, Object> headers = new LinkedHashMap<>(event.headers());
    if (!door.admit(headers, clock)) {
      refuse(
          exchange,
          client,
          "ttl",
          "event "
              + event.id()
              + ": knativebrokerttl "
              + event.attribute("knativebrokerttl")
              + " leaves no hop: it has passed through too many Brokers or flows (a loop?)");
      return;
    }
    m.getHeaders().clear();
    m.getHeaders().putAll(headers);
    m.setBody(event.data());
  }

  private static CloudEvent read(Message m) {
    Map<String, String> headers = new LinkedHashMap<>();
    m.getHeaders()
        .forEach(
            (k, v) -> {
              if (v instanceof List<?> l) {
                headers.put(k, String.join(",", l.stream().map(String::valueOf).toList()));
              } else if (v != null) {
                headers.put(k, v.toString());
              }
            });
    byte[] body = m.getBody(byte[].class);
    return Binding.HTTP.read(headers, body == null ? new byte[0] : body).requireValid();
  }

  private void refuse(Exchange exchange, Object client, String reason, String message) {
    door.meters().refused(reason);
    String host = RefusalLog.host(client);
    if (refusals.first(host)) {
      LOG.warn(
          "{} refused an event from {} (400): {} (further refusals of this client are"
              + " counted in ofn_kn_{}_events_refused_total, not logged)",
          door.describe(),
          host,
          message,
          door.kind().label());
    }
    Answers.answer(exchange, 400, message);
  }
}
