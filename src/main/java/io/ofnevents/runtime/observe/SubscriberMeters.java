package io.ofnevents.runtime.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ofnevents.runtime.knative.FlowHopMeters;
import io.ofnevents.runtime.knative.KnFilterMeters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.processor.FilterProcessor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Counts, per Trigger subscriber, how often its condition was evaluated and held, and what became
 * of the events it fired for: delivered, dead-lettered or failed. It wraps the `filter` step the
 * compiler generates per subscriber (id `...-subscriber-N`) and reads the outcome from the exchange
 * afterwards, so the condition and delivery code stay untouched. A Knative Trigger's filter is
 * counted by {@link KnFilterMeters}, a Knative flow's hops by {@link FlowHopMeters}, through this
 * one strategy.
 */
final class SubscriberMeters implements InterceptStrategy {
  static final String MATCHED = "ofn.subscriber.matched";
  private static final Pattern SUBSCRIBER = Pattern.compile(".*-subscriber-(\\d+)");

  @Override
  public Processor wrapProcessorInInterceptors(
      CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
    Processor knative = KnFilterMeters.wrap(context, definition, target);
    if (knative != null) return knative;
    Processor flowHop = FlowHopMeters.wrap(context, definition, target);
    if (flowHop != null) return flowHop;
    if (!(definition instanceof FilterDefinition filter) || filter.getId() == null) return target;
    Matcher m = SUBSCRIBER.matcher(filter.getId());
    RouteDefinition route = ProcessorDefinitionHelper.getRoute(definition);
    RouteInfo info = route == null ? null : RouteInfo.of(route.getDescription());
    if (!m.matches()
        || info == null
        || info.role() != RouteInfo.Role.TRIGGER_CONDITIONS
        || !(target instanceof FilterProcessor processor)
        || processor.getStatusPropertyName() != null) {
      return target;
    }
    // the filter records its verdict in this property, so the condition is evaluated only once
    processor.setStatusPropertyName(MATCHED);
    return new Counting(target, Meters.registry(context), info, m.group(1));
  }

  /** The filter of one subscriber, with its counters. */
  private static final class Counting extends DelegateAsyncProcessor {
    private final Counter evaluations;
    private final Counter fires;
    private final Counter delivered;
    private final Counter deadLettered;
    private final Counter failed;

    Counting(Processor filter, MeterRegistry r, RouteInfo info, String index) {
      super(filter);
      String[] tags = {"namespace", info.namespace(), "trigger", info.name(), "subscriber", index};
      evaluations = Meters.counter(r, Meters.CONDITION_EVALUATIONS, "Condition evaluations", tags);
      fires = Meters.counter(r, Meters.CONDITION_FIRES, "Events the condition held for", tags);
      delivered =
          Meters.counter(r, Meters.SUBSCRIBER_DELIVERED, "Events the subscriber delivered", tags);
      deadLettered =
          Meters.counter(
              r, Meters.SUBSCRIBER_DEAD_LETTERED, "Events sent to the dead letter", tags);
      failed =
          Meters.counter(
              r,
              Meters.SUBSCRIBER_FAILED,
              "Events neither delivered nor dead-lettered; the bus redelivers them",
              tags);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
      evaluations.increment();
      Object caughtBefore = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT);
      return processor.process(
          exchange,
          doneSync -> {
            if (Boolean.TRUE.equals(exchange.getProperty(MATCHED))) {
              fires.increment();
              if (exchange.getException() != null) {
                failed.increment();
              } else if (exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT)
                  != caughtBefore) {
                deadLettered.increment(); // the doCatch around the sink took it
              } else {
                delivered.increment();
              }
            }
            callback.done(doneSync);
          });
    }
  }
}
