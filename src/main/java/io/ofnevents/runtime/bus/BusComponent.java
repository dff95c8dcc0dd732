package io.ofnevents.runtime.bus;

import io.ofnevents.runtime.EndpointOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * `ofn-bus:SUBJECT?driver=memory|jetstream|core&...`: publish to and consume from the event bus
 * through the driver of its backend. Drivers are shared per backend and connection settings.
 */
public class BusComponent extends DefaultComponent {
  private final MemoryBus memory = new MemoryBus();
  private final Map<String, BusDriver> drivers = new ConcurrentHashMap<>();
  private volatile Function<BusOptions, BusDriver> natsDrivers =
      options -> {
        throw new UnsupportedOperationException(
            "the " + options.driver() + " bus driver is not available in this build");
      };

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    EndpointOptions o = new EndpointOptions(uri, parameters);
    BusOptions options = BusOptions.read(o);
    o.rejectUnknown();
    return new BusEndpoint(uri, this, remaining, options);
  }

  /** The driver of `options`' backend, created on first use. */
  BusDriver driver(BusOptions options) {
    if (options.driver().equals("memory")) return memory;
    return drivers.computeIfAbsent(NatsConnectionKey.of(options), k -> natsDrivers.apply(options));
  }

  /** Installs the factory of NATS drivers (the NATS bus module registers itself here). */
  public void setNatsDrivers(Function<BusOptions, BusDriver> factory) {
    this.natsDrivers = factory;
  }

  /** Whether every driver in use can reach its backend. */
  public boolean isHealthy() {
    return drivers.values().stream().allMatch(BusDriver::isHealthy);
  }

  @Override
  protected void doStop() throws Exception {
    drivers.values().forEach(BusDriver::close);
    drivers.clear();
    super.doStop();
  }
}
