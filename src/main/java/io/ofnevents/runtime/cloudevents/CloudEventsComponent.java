package io.ofnevents.runtime.cloudevents;

import io.ofnevents.runtime.EndpointOptions;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.ProcessorEndpoint;

/**
 * `ofn-cloudevents:stamp?source=&type=&...` gives an exchange its CloudEvent attributes;
 * `ofn-cloudevents:dead-letter` records why delivery failed in the event's extensions.
 */
public class CloudEventsComponent extends DefaultComponent {
  private Clock clock = Clock.systemUTC();

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    EndpointOptions o = new EndpointOptions(uri, parameters);
    Processor processor =
        switch (remaining) {
          case "stamp" ->
              new StampProcessor(
                  o.required("source"),
                  o.required("type"),
                  o.string("subject", null),
                  o.string("namespace", null),
                  o.string("eventSource", null),
                  o.string("event", null),
                  clock);
          case "dead-letter" ->
              new DeadLetterProcessor(
                  o.oneOf("attributes", "openfunction", "openfunction", "knative")
                      .equals("knative"));
          default ->
              throw new ResolveEndpointFailedException(
                  uri, "operation must be stamp or dead-letter");
        };
    o.rejectUnknown();
    return new ProcessorEndpoint(uri, this, processor);
  }

  /** For tests that need a fixed time. */
  public void setClock(Clock clock) {
    this.clock = clock;
  }
}
