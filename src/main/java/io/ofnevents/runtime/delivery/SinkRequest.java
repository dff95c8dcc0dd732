package io.ofnevents.runtime.delivery;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.cloudevents.Binding;
import io.ofnevents.runtime.cloudevents.CloudEvent;
import io.ofnevents.runtime.cloudevents.JsonFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The request an HTTP sink sends for an event, and what a reply does to the exchange: binary mode
 * (`ce-` headers, the data as the body) or structured mode, plus `Prefer: reply` and `Kn-Namespace`
 * for Knative subscribers; a reply event replaces the message's event.
 */
final class SinkRequest {
  static final String PREFER = "Prefer";
  static final String KN_NAMESPACE = "Kn-Namespace";

  private SinkRequest() {}

  /** Fills `request` (a fresh camel-http exchange) with the event of `original`. */
  static void fill(Message request, Exchange original, SinkUrl target, RequestOptions options) {
    CloudEvent event =
        CloudEvent.fromHeaders(CloudEventHeaders.select(original.getMessage().getHeaders()), null)
            .withData(original.getMessage().getBody(byte[].class));
    if (options.structured()) {
      Binding.HTTP.structuredHeaders().forEach(request::setHeader);
      request.setBody(JsonFormat.write(event));
    } else {
      // binary mode as the HTTP binding has it: `datacontenttype` is Content-Type, values encoded
      Binding.HTTP.binaryHeaders(event).forEach(request::setHeader);
      request.setBody(event.data());
    }
    if (options.replies() != Replies.NONE) request.setHeader(PREFER, "reply");
    if (options.knNamespace() != null) request.setHeader(KN_NAMESPACE, options.knNamespace());
    if (target.query() != null) request.setHeader(Exchange.HTTP_QUERY, target.query());
    if (target.authorization() != null) request.setHeader("Authorization", target.authorization());
  }

  /** The HTTP headers of a response message, for reading a reply. */
  static Map<String, String> responseHeaders(Message response) {
    Map<String, String> h = new LinkedHashMap<>();
    response
        .getHeaders()
        .forEach(
            (k, v) -> {
              String name = k.toLowerCase(Locale.ROOT);
              if (v != null && (name.startsWith("ce-") || name.equals("content-type"))) {
                h.put(
                    k,
                    v instanceof Iterable<?> i
                        ? String.valueOf(i.iterator().next())
                        : v.toString());
              }
            });
    return h;
  }

  /** Makes `reply` the event of `exchange` (its other headers stay) and marks it as a reply. */
  static void replaceWith(Exchange exchange, CloudEvent reply) {
    Message m = exchange.getMessage();
    m.getHeaders().keySet().removeIf(CloudEventHeaders::isEventHeader);
    reply.headers().forEach(m::setHeader);
    m.setBody(reply.data());
    exchange.setProperty(Replies.REPLIED, true);
  }
}
