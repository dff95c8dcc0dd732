package io.ofnevents.runtime;

import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.RouteStartedEvent;
import org.apache.camel.spi.CamelEvent.RouteStoppedEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each generated route as it starts and stops, with the resource it came from. */
final class RouteStartLogger extends EventNotifierSupport {
  /** The log line tests and operators look for. */
  static final String STARTED = "Started {} [route {}]";

  private static final Logger LOG = LoggerFactory.getLogger("io.ofnevents.routes");

  RouteStartLogger() {
    setIgnoreExchangeEvents(true);
    setIgnoreCamelContextEvents(true);
    setIgnoreServiceEvents(true);
    setIgnoreStepEvents(true);
  }

  @Override
  public boolean isEnabled(CamelEvent event) {
    return event instanceof RouteStartedEvent || event instanceof RouteStoppedEvent;
  }

  @Override
  public void notify(CamelEvent event) {
    Route route = ((CamelEvent.RouteEvent) event).getRoute();
    if (route.getDescription() == null || route.getRouteId().startsWith("route")) return;
    if (event instanceof RouteStartedEvent) {
      LOG.info(STARTED, route.getDescription(), route.getRouteId());
    } else {
      LOG.info("Stopped {} [route {}]", route.getDescription(), route.getRouteId());
    }
  }
}
