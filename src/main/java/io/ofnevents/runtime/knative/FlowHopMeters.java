package io.ofnevents.runtime.knative;

import io.ofnevents.runtime.observe.Meters;
import java.util.Optional;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Counts, per flow hop, the events its consumer received and those it failed (to be redelivered or
 * parked), and times each delivery, by wrapping the `ofn-subscriber` step of the hop's consuming
 * route; what became of a delivery that completed is counted by {@link FlowStep}. Called by the one
 * intercept strategy of our meters (observe SubscriberMeters), as {@link KnFilterMeters}.
 */
public final class FlowHopMeters {
  private static final String SUBSCRIBER = "ofn-subscriber:";

  private FlowHopMeters() {}

  /** `target` counted, when `definition` is a flow hop's `ofn-subscriber` step; else null. */
  public static Processor wrap(CamelContext context, NamedNode definition, Processor target) {
    if (!(definition instanceof ToDefinition to)
        || to.getUri() == null
        || !to.getUri().startsWith(SUBSCRIBER)) {
      return null;
    }
    Optional<FlowHop> hop = FlowHop.parse(to.getUri().substring(SUBSCRIBER.length()));
    if (hop.isEmpty()) return null;
    return new Counting(target, new FlowMeters(Meters.registry(context), hop.get()));
  }

  private static final class Counting extends DelegateAsyncProcessor {
    private final FlowMeters meters;

    Counting(Processor target, FlowMeters meters) {
      super(target);
      this.meters = meters;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
      meters.received.increment();
      long started = System.nanoTime();
      return processor.process(
          exchange,
          doneSync -> {
            meters.latency.record(
                System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (exchange.getException() != null) meters.failed.increment();
            callback.done(doneSync);
          });
    }
  }
}
