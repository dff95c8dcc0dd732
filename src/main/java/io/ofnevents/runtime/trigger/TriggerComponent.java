package io.ofnevents.runtime.trigger;

import io.ofnevents.runtime.EndpointOptions;
import io.ofnevents.runtime.bus.BusOptions;
import io.ofnevents.runtime.bus.NatsConnectionKey;
import io.ofnevents.runtime.observe.ConnectionCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * `ofn-trigger:NAMESPACE/NAME?window=&resetOnFire=&deliver=&store=` records each input event in the
 * Trigger's condition state; `?operation=batch` turns the exchange into the `deliver: all` batch.
 * Stores live as long as the CamelContext, so a route restart keeps the state.
 */
@Component("ofn-trigger")
public class TriggerComponent extends DefaultComponent {
  private final Map<String, ConditionStore> stores = new ConcurrentHashMap<>();
  private final Map<String, ConnectionCheck> checks = new ConcurrentHashMap<>();
  private final Map<String, KvConditionStore.Bucket> buckets = new ConcurrentHashMap<>();

  /** Tests set a fixed time; not an option. */
  @Metadata(skip = true)
  private Clock clock = Clock.systemUTC();

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
    // `store: nats` carries the bus connection settings (read even when the store exists already)
    BusOptions nats = null;
    if (options.store().equals("nats")) {
      o.oneOf("mode", "jetstream", "jetstream");
      nats = BusOptions.read(o);
    }
    BusOptions connection = nats;
    ConditionStore store =
        options.operation().equals("record")
            ? stores.computeIfAbsent(remaining, k -> create(options, connection))
            : null;
    o.rejectUnknown();
    return new TriggerEndpoint(uri, this, options, nats, store, clock);
  }

  private ConditionStore create(TriggerOptions options, BusOptions nats) {
    boolean keepEvents = options.deliver().equals("all");
    if (nats != null) {
      // one connection and bucket for the Triggers on the same servers
      KvConditionStore.Bucket bucket =
          buckets.computeIfAbsent(
              NatsConnectionKey.of(nats),
              k -> KvConditionStore.Bucket.open(nats, "ofn-events state", "the condition state"));
      KvConditionStore store =
          KvConditionStore.in(bucket, options.trigger(), options.window(), keepEvents);
      String id = "condition-state " + options.trigger();
      checks.put(id, ConnectionCheck.register(getCamelContext(), id, store::downReason));
      return store;
    }
    return new MemoryConditionStore(options.window(), keepEvents);
  }

  /** The condition state of Trigger `namespace/name`, or null before its route was created. */
  public ConditionStore store(String trigger) {
    return stores.get(trigger);
  }

  public void setClock(Clock clock) {
    this.clock = clock;
  }

  @Override
  protected void doStop() throws Exception {
    checks.values().forEach(ConnectionCheck::unregister);
    checks.clear();
    stores.values().forEach(ConditionStore::close);
    buckets.values().forEach(KvConditionStore.Bucket::close);
    buckets.clear();
    super.doStop();
  }
}
