package io.ofnevents.runtime.trigger;

import io.ofnevents.runtime.EndpointOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * `ofn-trigger:NAMESPACE/NAME?window=&resetOnFire=&deliver=&store=` records each input event in the
 * Trigger's condition state; `?operation=batch` turns the exchange into the `deliver: all` batch.
 * Stores live as long as the CamelContext, so a route restart keeps the state.
 */
public class TriggerComponent extends DefaultComponent {
  private final Map<String, ConditionStore> stores = new ConcurrentHashMap<>();
  private Clock clock = Clock.systemUTC();
  private volatile BiFunction<TriggerOptions, EndpointOptions, ConditionStore> natsStores =
      (options, o) -> {
        throw new UnsupportedOperationException(
            "the nats condition store is not available in this build");
      };

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    EndpointOptions o = new EndpointOptions(uri, parameters);
    TriggerOptions options =
        new TriggerOptions(
            remaining,
            o.oneOf("operation", "record", "record", "batch"),
            o.duration("window", Duration.ofSeconds(60)),
            o.bool("resetOnFire", false),
            o.oneOf("deliver", "current", "current", "all"),
            o.oneOf("store", "memory", "memory", "nats"));
    ConditionStore store =
        options.operation().equals("record")
            ? stores.computeIfAbsent(remaining, k -> create(options, o))
            : null;
    o.rejectUnknown();
    return new TriggerEndpoint(uri, this, options, store, clock);
  }

  private ConditionStore create(TriggerOptions options, EndpointOptions o) {
    if (options.store().equals("nats")) return natsStores.apply(options, o);
    return new MemoryConditionStore(options.window(), options.deliver().equals("all"));
  }

  /** Installs the factory of JetStream KV stores (the NATS module registers itself here). */
  public void setNatsStores(BiFunction<TriggerOptions, EndpointOptions, ConditionStore> factory) {
    this.natsStores = factory;
  }

  public void setClock(Clock clock) {
    this.clock = clock;
  }

  @Override
  protected void doStop() throws Exception {
    stores.values().forEach(ConditionStore::close);
    super.doStop();
  }
}
