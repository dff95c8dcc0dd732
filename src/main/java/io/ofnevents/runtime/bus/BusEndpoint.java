package io.ofnevents.runtime.bus;

import io.ofnevents.runtime.observe.ConnectionAware;
import io.ofnevents.runtime.observe.Meters;
import io.ofnevents.runtime.parking.ParkingLot;
import io.ofnevents.runtime.parking.ParkingRegistry;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** One subject of the bus, as a consumer (a Trigger input) or a producer (publish). */
@UriEndpoint(
    firstVersion = "0.1.0",
    // options are read by the component into records; no generated setters to call
    generateConfigurer = false,
    scheme = "ofn-bus",
    title = "ofn-events bus",
    syntax = "ofn-bus:subject",
    category = {Category.MESSAGING})
public class BusEndpoint extends DefaultEndpoint implements ConnectionAware {
  @UriPath(description = "The subject (bus topic) to publish to or consume.")
  @Metadata(required = true)
  private final String subject;

  @UriParam private final BusOptions options;
  private volatile BusDriver driver;
  // the started consumers of this endpoint (a route has one; Camel may start another on restart)
  final java.util.Set<BusConsumer> consumers = java.util.concurrent.ConcurrentHashMap.newKeySet();

  BusEndpoint(String uri, BusComponent component, String subject, BusOptions options) {
    super(uri, component);
    this.subject = subject;
    this.options = options;
  }

  @Override
  public Producer createProducer() {
    return new BusProducer(this);
  }

  @Override
  public Consumer createConsumer(Processor processor) throws Exception {
    if (options.consumer() == null) {
      throw new IllegalArgumentException(
          "ofn-bus consumer of " + subject + " needs consumer=<name>");
    }
    BusConsumer consumer = new BusConsumer(this, processor);
    configureConsumer(consumer);
    return consumer;
  }

  String subject() {
    return subject;
  }

  /**
   * The bus connection once a consumer or producer opened it: why it is down, else null; or why
   * this endpoint's consumer is not set up for a reason other than the server refusing it. Other
   * resources' consumers on the same bus are not this endpoint's problem.
   */
  @Override
  public String connectionProblem() {
    BusDriver d = driver;
    String reason = d == null ? null : d.linkProblem();
    if (reason == null) {
      reason =
          consumers.stream()
              .map(BusConsumer::subscription)
              .filter(s -> s != null && !s.refused())
              .map(Subscription::problem)
              .filter(p -> p != null)
              .findFirst()
              .map(p -> "cannot set up the JetStream consumer of " + p)
              .orElse(null);
    }
    return reason == null ? null : "bus " + Redact.urls(options.servers()) + ": " + reason;
  }

  /** Why the server refuses to set up this endpoint's consumer (retried), else null. */
  @Override
  public String setupProblem() {
    return consumers.stream()
        .map(BusConsumer::subscription)
        .filter(s -> s != null && s.refused())
        .map(Subscription::problem)
        .filter(p -> p != null)
        .findFirst()
        .map(p -> "bus " + Redact.urls(options.servers()) + ": cannot set up the consumer of " + p)
        .orElse(null);
  }

  BusOptions options() {
    return options;
  }

  /** The driver of this endpoint's bus, connecting on first use. */
  BusDriver driver() {
    BusDriver d = driver;
    if (d == null) {
      d = ((BusComponent) getComponent()).driver(options);
      if (d instanceof MemoryBus memory) memory.countIn(Meters.registry(getCamelContext()));
      driver = d;
    }
    return d;
  }

  /**
   * Where this endpoint's bus keeps parked events: the bus itself (JetStream) or this context's
   * memory (buses that store nothing). Also how `ofn-events parked` reaches a bus directly.
   */
  /**
   * Whether this endpoint's bus itself stores parked events (JetStream), so tools can read them.
   */
  public boolean keepsParkedEvents() {
    return driver().parkingLot() != null;
  }

  public ParkingLot parkingLot() {
    ParkingLot lot = driver().parkingLot();
    return lot != null ? lot : ParkingRegistry.of(getCamelContext()).memory();
  }
}
