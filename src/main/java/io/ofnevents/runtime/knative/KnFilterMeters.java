package io.ofnevents.runtime.knative;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.observe.Meters;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.processor.FilterProcessor;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Counts, per Knative Trigger, the events its filter saw, matched and filtered out, and those whose
 * delivery failed (to be redelivered or parked). It wraps the `filter` step the compiler generates
 * in a Trigger's consuming route (id `kn-trigger-...-filter`), whose route description names the
 * Trigger, so the filter language stays untouched. Called by the one intercept strategy of our
 * meters (observe SubscriberMeters): Camel wraps whatever a strategy returns, so a second strategy
 * would no longer see the filter's own processor.
 */
public final class KnFilterMeters {
  static final String MATCHED = "ofn.kn.trigger.matched";

  private KnFilterMeters() {}

  /** `target` counted, when `definition` is a Knative Trigger's filter; else null. */
  public static Processor wrap(CamelContext context, NamedNode definition, Processor target) {
    if (!(definition instanceof FilterDefinition filter)
        || filter.getId() == null
        || !filter.getId().startsWith("kn-trigger-")
        || !filter.getId().endsWith("-filter")
        || !(target instanceof FilterProcessor processor)
        || processor.getStatusPropertyName() != null) {
      return null;
    }
    RouteDefinition route = ProcessorDefinitionHelper.getRoute(definition);
    ResourceId trigger =
        KnRouteDescription.of(route == null ? null : route.getDescription())
            .map(KnRouteDescription::resource)
            .filter(id -> id.kind() == Kind.KN_TRIGGER)
            .orElse(null);
    if (trigger == null) return null;
    processor.setStatusPropertyName(MATCHED);
    return new Counting(target, Meters.registry(context), trigger.namespace(), trigger.name());
  }

  private static final class Counting extends DelegateAsyncProcessor {
    private final Counter received;
    private final Counter matched;
    private final Counter filtered;
    private final Counter failed;

    Counting(Processor filter, MeterRegistry r, String namespace, String trigger) {
      super(filter);
      String[] tags = {"namespace", namespace, "trigger", trigger};
      received =
          Meters.counter(r, Meters.KN_TRIGGER_RECEIVED, "Events received from the Broker", tags);
      matched = Meters.counter(r, Meters.KN_TRIGGER_MATCHED, "Events the filter matched", tags);
      filtered =
          Meters.counter(r, Meters.KN_TRIGGER_FILTERED, "Events the filter did not match", tags);
      failed =
          Meters.counter(
              r,
              Meters.KN_TRIGGER_FAILED,
              "Events neither delivered nor dead-lettered; redelivered by the bus, or parked",
              tags);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
      received.increment();
      return processor.process(
          exchange,
          doneSync -> {
            if (Boolean.TRUE.equals(exchange.getProperty(MATCHED))) {
              matched.increment();
              if (exchange.getException() != null) failed.increment();
            } else {
              filtered.increment();
            }
            callback.done(doneSync);
          });
    }
  }
}
