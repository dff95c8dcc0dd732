package io.ofnevents.runtime.trigger;

import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.bus.BusOptions;
import io.ofnevents.runtime.observe.ConnectionAware;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/** The condition state of one Trigger, as a producer step of its route. */
@UriEndpoint(
    firstVersion = "0.1.0",
    // options are read by the component into records; no generated setters to call
    generateConfigurer = false,
    scheme = "ofn-trigger",
    title = "ofn-events Trigger state",
    syntax = "ofn-trigger:trigger",
    producerOnly = true,
    category = {Category.CORE})
public class TriggerEndpoint extends DefaultEndpoint implements ConnectionAware {
  @UriParam private final TriggerOptions options;

  /** With store nats: the connection to the JetStream KV bucket (the bus's options). */
  @UriParam(label = "nats")
  private final BusOptions connection;

  private final ConditionStore store;
  private final Clock clock;

  TriggerEndpoint(
      String uri,
      TriggerComponent component,
      TriggerOptions options,
      BusOptions connection,
      ConditionStore store,
      Clock clock) {
    super(uri, component);
    this.options = options;
    this.connection = connection;
    this.store = store;
    this.clock = clock;
  }

  /** The condition state store's connection (`store: nats`): why it is down, else null. */
  @Override
  public String connectionProblem() {
    String reason = store == null ? null : store.downReason();
    return reason == null ? null : "condition-state " + options.trigger() + ": " + reason;
  }

  @Override
  public Producer createProducer() {
    return new DefaultProducer(this) {
      @Override
      public void process(Exchange exchange) throws Exception {
        if (options.operation().equals("batch")) {
          BatchBuilder.toBatch(exchange);
        } else {
          record(exchange);
        }
      }
    };
  }

  private void record(Exchange exchange) throws Exception {
    String header = exchange.getMessage().getHeader(CloudEventHeaders.INPUT, String.class);
    if (header == null)
      throw new IllegalStateException("event has no " + CloudEventHeaders.INPUT + " header");
    List<String> inputs = Arrays.asList(header.split(","));
    // an event is (source, id): events of two EventSources may share an id, and which event
    // claimed a firing (resetOnFire) must not mistake one for the other
    String id =
        exchange.getMessage().getHeader(CloudEventHeaders.SOURCE, String.class)
            + " "
            + exchange.getMessage().getHeader(CloudEventHeaders.ID, String.class);
    StoredEvent event =
        options.deliver().equals("all")
            ? new StoredEvent(
                CloudEventHeaders.select(exchange.getMessage().getHeaders()),
                exchange.getMessage().getBody(byte[].class))
            : null;
    Snapshot snapshot = store.record(inputs, id, event, clock.instant());
    exchange.setProperty(
        ConditionContext.PROPERTY, new ConditionContext(store, snapshot, options.resetOnFire()));
  }

  @Override
  public Consumer createConsumer(Processor processor) {
    throw new UnsupportedOperationException("ofn-trigger is a step: use it in to:");
  }
}
