package io.ofnevents.runtime.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ofnevents.runtime.bus.BusComponent;
import org.apache.camel.CamelContext;

/**
 * Installs the per-resource metrics and log context on a CamelContext, before its routes are
 * created: a route policy per EventSource event and Trigger input, counters around every Trigger
 * subscriber, and the bus connection gauge. Components add their own (sinks, bus consumers).
 */
public final class Observability {
  private Observability() {}

  public static void install(CamelContext context) {
    // Bind the registry now, so meters created before camel-micrometer starts its service land
    // in the one it then serves (it reuses a registry bound under this name).
    if (context.getRegistry().findSingleByType(MeterRegistry.class) == null) {
      context
          .getRegistry()
          .bind("metricsRegistry", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }
    context.addRoutePolicyFactory(new ResourcePolicy.Factory());
    context.getCamelContextExtension().addInterceptStrategy(new EventIdContext());
    context.getCamelContextExtension().addInterceptStrategy(new SubscriberMeters());
    Gauge.builder(Meters.BUS_UP, context, Observability::busUp)
        .description("1 while every NATS bus connection is up (what /health/ready checks)")
        .register(Meters.registry(context));
  }

  private static double busUp(CamelContext context) {
    return context.hasComponent("ofn-bus") instanceof BusComponent bus && !bus.isHealthy() ? 0 : 1;
  }
}
