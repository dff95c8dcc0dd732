package io.ofnevents.runtime.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.MDC;

/**
 * Counts the events of each EventSource event and each Trigger input as they enter and leave their
 * route, and gives the log lines written meanwhile the resource's context. The counters are looked
 * up once, when the route is created.
 */
final class ResourcePolicy extends RoutePolicySupport {
  private final RouteInfo info;
  private final Counter entered;
  private final Counter succeeded;
  private final Counter failed;

  private ResourcePolicy(RouteInfo info, Counter entered, Counter succeeded, Counter failed) {
    this.info = info;
    this.entered = entered;
    this.succeeded = succeeded;
    this.failed = failed;
  }

  /** Creates the policy of each route generated from an EventSource event or a Trigger input. */
  static final class Factory implements RoutePolicyFactory {
    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode node) {
      RouteInfo info = node instanceof RouteDefinition r ? RouteInfo.of(r.getDescription()) : null;
      // Events are counted and given their log context where they enter: not on the routes an
      // input route calls (a subscriber's route would clear the context on its way out).
      if (info == null
          || info.role() == RouteInfo.Role.TRIGGER_CONDITIONS
          || info.role() == RouteInfo.Role.TRIGGER_SUBSCRIBER) return null;
      MeterRegistry registry = Meters.registry(context);
      String ns = info.namespace();
      if (info.role() == RouteInfo.Role.EVENTSOURCE_EVENT) {
        String[] tags = {"namespace", ns, "eventsource", info.name(), "event", info.detail()};
        return new ResourcePolicy(
            info,
            Meters.counter(registry, Meters.EVENTSOURCE_READ, "Events read from the source", tags),
            Meters.counter(
                registry,
                Meters.EVENTSOURCE_PUBLISHED,
                "Events the bus and/or the sink (or its dead letter) accepted",
                tags),
            Meters.counter(
                registry,
                Meters.EVENTSOURCE_FAILED,
                "Events whose route failed; the source presents them again",
                tags));
      }
      String[] tags = {"namespace", ns, "trigger", info.name(), "input", info.detail()};
      return new ResourcePolicy(
          info,
          Meters.counter(registry, Meters.TRIGGER_RECEIVED, "Events received from the bus", tags),
          null,
          Meters.counter(
              registry,
              Meters.TRIGGER_FAILED,
              "Events that failed a subscriber without a dead letter; the bus redelivers them",
              tags));
    }
  }

  @Override
  public void onExchangeBegin(Route route, Exchange exchange) {
    entered.increment();
    // These routes are where an event enters our routes, so the context is always set here.
    LogContext.enter(info);
  }

  @Override
  public void onExchangeDone(Route route, Exchange exchange) {
    if (exchange.getException() != null) {
      failed.increment();
    } else if (succeeded != null) {
      succeeded.increment();
    }
    LogContext.leave();
    if (info.role() == RouteInfo.Role.EVENTSOURCE_EVENT) MDC.remove(LogContext.EVENT_ID);
  }
}
