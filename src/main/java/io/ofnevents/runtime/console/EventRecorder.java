package io.ofnevents.runtime.console;

import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.delivery.DeliveryFailedException;
import io.ofnevents.runtime.knative.KnRouteDescription;
import io.ofnevents.runtime.observe.RouteInfo;
import io.ofnevents.runtime.observe.SinkMeters;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Feeds the console from the routes: where an event enters a resource (an EventSource event's
 * route, a Trigger input's route) it is recorded in that resource's ring when its route is done,
 * and a failure is remembered for the resource and, when a sink failed, for that sink. The ring is
 * looked up once per route; an event costs a copy of its `ce-*` headers and of at most {@link
 * #PREVIEW} bytes of its data, under one uncontended lock.
 */
public final class EventRecorder implements RoutePolicyFactory {
  /** Bytes of data kept per event for the preview. */
  public static final int PREVIEW = 256;

  private final int perResource;
  private final Map<ResourceId, EventRing> rings = new ConcurrentHashMap<>();
  private final Map<String, Failure> failures = new ConcurrentHashMap<>();

  public EventRecorder(int perResource) {
    this.perResource = perResource;
  }

  @Override
  public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode node) {
    String description = node instanceof RouteDefinition r ? r.getDescription() : null;
    RouteInfo info = RouteInfo.of(description);
    if (info == null) {
      // a Knative kind's route where its events enter
      return KnRouteDescription.of(description)
          .filter(KnRouteDescription::entry)
          .map(
              k ->
                  new Recording(
                      k.resource(),
                      k.detail(),
                      rings.computeIfAbsent(k.resource(), x -> new EventRing(perResource))))
          .orElse(null);
    }
    if (info.role() == RouteInfo.Role.TRIGGER_CONDITIONS) return null;
    Kind kind = Kind.byName(info.kind()).orElse(null);
    if (kind == null) return null;
    ResourceId id = new ResourceId(kind, info.namespace(), info.name());
    EventRing ring = rings.computeIfAbsent(id, k -> new EventRing(perResource));
    return new Recording(id, info.detail(), ring);
  }

  /** Oldest first; empty for a resource whose routes saw no event. */
  public List<RecordedEvent> events(ResourceId id) {
    EventRing ring = rings.get(id);
    return ring == null ? List.of() : ring.snapshot();
  }

  /** The last failure of a resource (key {@link #key(ResourceId)}) or a sink (its label). */
  public Failure lastFailure(String key) {
    return failures.get(key);
  }

  public static String key(ResourceId id) {
    return id.toString();
  }

  /** Records the events of one route. */
  private final class Recording extends RoutePolicySupport {
    private final ResourceId resource;
    private final String detail;
    private final EventRing ring;

    Recording(ResourceId resource, String detail, EventRing ring) {
      this.resource = resource;
      this.detail = detail;
      this.ring = ring;
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
      long now = System.currentTimeMillis();
      Object body = exchange.getMessage().getBody();
      int size = -1;
      byte[] preview = null;
      // never a conversion here: only data that already is bytes or text is previewed
      if (body instanceof byte[] bytes) {
        size = bytes.length;
        preview = Arrays.copyOf(bytes, Math.min(bytes.length, PREVIEW));
      } else if (body instanceof String s) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        size = bytes.length;
        preview = Arrays.copyOf(bytes, Math.min(bytes.length, PREVIEW));
      }
      Exception failed = exchange.getException();
      Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
      String outcome = failed != null ? "failed" : caught != null ? "dead-lettered" : "ok";
      String error = null;
      if (failed != null || caught != null) {
        Exception e = failed != null ? failed : caught;
        error = Redaction.text(message(e));
        Failure f = new Failure(now, error);
        failures.put(key(resource), f);
        DeliveryFailedException sink = find(e);
        if (sink != null) failures.put(SinkMeters.label(sink.destination()), f);
      }
      ring.add(
          new RecordedEvent(
              now,
              detail,
              CloudEventHeaders.select(exchange.getMessage().getHeaders()),
              size,
              preview,
              outcome,
              error));
    }
  }

  private static DeliveryFailedException find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DeliveryFailedException d) return d;
    }
    return null;
  }

  /** The most telling one-line message: a sink's delivery failure, else the root cause's. */
  private static String message(Throwable e) {
    DeliveryFailedException d = find(e);
    if (d != null) return d.getMessage();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String m = root.getMessage();
    return root.getClass().getSimpleName()
        + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }
}
