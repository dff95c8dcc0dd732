package io.ofnevents.runtime.observe;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Puts the event id in the log context ({@link LogContext#EVENT_ID}) as soon as an EventSource
 * route's event has one: after its `kamelet:ofn-cloudevents-action` step, which is stock Camel
 * steps and so cannot do it itself, or, where the runtime wrote that Kamelet's steps into the route
 * (KameletInliner), after the step that sets `ce-id`.
 */
final class EventIdContext implements InterceptStrategy {
  static final String ACTION = "kamelet:ofn-cloudevents-action";
  private static final String CE_ID = "ce-id";

  @Override
  public Processor wrapProcessorInInterceptors(
      CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
    boolean action =
        definition instanceof ToDefinition to && to.getEndpointUri().startsWith(ACTION);
    boolean setsId = definition instanceof SetHeaderDefinition h && CE_ID.equals(h.getName());
    if (!action && !setsId) return target;
    RouteDefinition route = ProcessorDefinitionHelper.getRoute(definition);
    RouteInfo info = route == null ? null : RouteInfo.of(route.getDescription());
    if (info == null || info.role() != RouteInfo.Role.EVENTSOURCE_EVENT) return target;
    return new DelegateAsyncProcessor(target) {
      @Override
      public boolean process(Exchange exchange, AsyncCallback callback) {
        return processor.process(
            exchange,
            doneSync -> {
              LogContext.eventId(exchange.getMessage().getHeader(CE_ID, String.class));
              callback.done(doneSync);
            });
      }
    };
  }
}
