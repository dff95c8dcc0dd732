package io.ofnevents.runtime.cloudevents;

import io.ofnevents.runtime.EndpointOptions;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.ProcessorEndpoint;

/**
 * `ofn-cloudevents:dead-letter?attributes=openfunction|knative` records why delivery failed in the
 * event's extensions (OpenFunction's or Knative's names). (Source events get their attributes from
 * the ofn-cloudevents-action Kamelet, stock Camel steps.)
 */
public class CloudEventsComponent extends DefaultComponent {
  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    EndpointOptions o = new EndpointOptions(uri, parameters);
    if (!remaining.equals("dead-letter")) {
      throw new ResolveEndpointFailedException(uri, "operation must be dead-letter");
    }
    boolean knative =
        o.oneOf("attributes", "openfunction", "openfunction", "knative").equals("knative");
    o.rejectUnknown();
    return new ProcessorEndpoint(uri, this, new DeadLetterProcessor(knative));
  }
}
