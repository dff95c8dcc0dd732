package io.ofnevents.runtime.knative;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.compile.Names;
import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.apiserver.ApiServerHeaders;
import io.ofnevents.runtime.observe.LogContext;
import io.ofnevents.runtime.observe.Meters;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * `ofn-kn:apiserver?apiServerSource=NS/NAME&mode=Reference|Resource`: Knative's event of a change
 * our `ofn-apiserver` consumer gave (Knative's adapter, pkg/adapter/apiserver/events): type
 * `dev.knative.apiserver.{ref|resource}.{add|update|delete}`, `source` the API server's URL,
 * `subject` `/apis/{apiVersion}/namespaces/{ns}/{plural}/{name}` with the plural from discovery
 * (Knative guesses it), extensions `kind`, `apiversion`, `name`, `namespace`, `time` now, and data
 * the object (Resource) or its reference (Reference). The id is not a random UUID as Knative's but
 * one derived from the change ({@link Names#apiServerEventId}), so a resend is stored once.
 */
final class ApiServerStep implements Processor {
  /** Writes maps in their own order (Go writes a struct's fields in declaration order). */
  private static final ObjectMapper IN_ORDER = new ObjectMapper();

  private final String namespace;
  private final String source;
  private final boolean resource;
  private final MeterRegistry registry;
  private final Clock clock;

  ApiServerStep(
      String namespace, String source, boolean resource, MeterRegistry registry, Clock clock) {
    this.namespace = namespace;
    this.source = source;
    this.resource = resource;
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Message m = exchange.getMessage();
    String change = header(m, ApiServerHeaders.CHANGE);
    String apiVersion = header(m, ApiServerHeaders.API_VERSION);
    String kind = header(m, ApiServerHeaders.KIND);
    String ns = header(m, ApiServerHeaders.NAMESPACE);
    String name = header(m, ApiServerHeaders.NAME);
    String id =
        Names.apiServerEventId(
            namespace,
            source,
            header(m, ApiServerHeaders.UID),
            header(m, ApiServerHeaders.RESOURCE_VERSION),
            change);
    m.setHeader(CloudEventHeaders.SPECVERSION, "1.0");
    m.setHeader(CloudEventHeaders.ID, id);
    m.setHeader(
        CloudEventHeaders.TYPE,
        "dev.knative.apiserver." + (resource ? "resource" : "ref") + "." + change);
    m.setHeader(CloudEventHeaders.SOURCE, header(m, ApiServerHeaders.API_SERVER));
    m.setHeader(
        CloudEventHeaders.SUBJECT,
        "/apis/"
            + apiVersion
            + "/namespaces/"
            + ns
            + "/"
            + header(m, ApiServerHeaders.PLURAL)
            + "/"
            + name);
    m.setHeader(CloudEventHeaders.TIME, Instant.now(clock).toString());
    m.setHeader("ce-kind", kind);
    m.setHeader("ce-apiversion", apiVersion);
    m.setHeader("ce-name", name);
    // Knative sets it empty for cluster-scoped objects; an empty extension is no extension here
    if (!ns.isEmpty()) m.setHeader("ce-namespace", ns);
    m.setHeader(CloudEventHeaders.CONTENT_TYPE, "application/json");
    if (!resource) m.setBody(reference(kind, ns, name, apiVersion));
    m.removeHeaders(ApiServerHeaders.PATTERN);
    LogContext.eventId(id);
    Meters.counter(
            registry,
            Meters.KN_APISERVER_CHANGES,
            "Changes of watched objects made into events",
            "namespace",
            namespace,
            "apiserversource",
            source,
            "change",
            change)
        .increment();
  }

  /** corev1.ObjectReference as Go writes it: its field order, empty fields left out. */
  private static byte[] reference(String kind, String ns, String name, String apiVersion) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("kind", kind);
    if (!ns.isEmpty()) ref.put("namespace", ns);
    ref.put("name", name);
    ref.put("apiVersion", apiVersion);
    try {
      return IN_ORDER.writeValueAsBytes(ref);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(Message m, String name) {
    String v = m.getHeader(name, String.class);
    if (v == null) {
      throw new IllegalStateException(
          "ofn-kn:apiserver needs the " + name + " header an ofn-apiserver consumer sets");
    }
    return v;
  }
}
