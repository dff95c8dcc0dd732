package io.ofnevents.runtime.bus;

import io.ofnevents.runtime.EndpointOptions;
import io.ofnevents.runtime.SecretOptions;
import io.ofnevents.runtime.bus.nats.CoreNatsBus;
import io.ofnevents.runtime.bus.nats.JetStreamBus;
import io.ofnevents.runtime.observe.ConnectionCheck;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * `ofn-bus:SUBJECT?driver=memory|jetstream|core&...`: publish to and consume from the event bus
 * through the driver of its backend. Drivers are shared per backend and connection settings.
 */
@Component("ofn-bus")
public class BusComponent extends DefaultComponent {
  private final MemoryBus memory = new MemoryBus();
  private final Map<String, BusDriver> drivers = new ConcurrentHashMap<>();
  private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
  private final Map<String, ConnectionCheck> checks = new ConcurrentHashMap<>();

  @Metadata(
      label = "advanced",
      description =
          "This replica's identity: names the per-replica durable consumers of subscriptionType"
              + " topic; default OFN_REPLICA_ID, else HOSTNAME.")
  private String replicaId;

  @Override
  protected void doInit() throws Exception {
    super.doInit();
    SecretOptions.register(getCamelContext(), BusOptions.class);
  }

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
    return drivers.computeIfAbsent(NatsConnectionKey.of(options), k -> create(options));
  }

  private BusDriver create(BusOptions options) {
    BusDriver driver =
        options.driver().equals("core")
            ? new CoreNatsBus(options, getReplicaId())
            : new JetStreamBus(options, getReplicaId());
    // one readiness check per connection, e.g. "bus nats://nats-1:4222"
    String id = "bus " + Redact.urls(options.servers());
    checks.put(id, ConnectionCheck.register(getCamelContext(), id, driver::downReason));
    return driver;
  }

  /**
   * This process's identity among the replicas of a Trigger: it names the per-replica durable
   * consumers of `subscriptionType: topic`, so it must be stable across restarts of one replica and
   * differ between replicas. Default: {@link ReplicaId#detect()}.
   */
  public String getReplicaId() {
    if (replicaId == null) replicaId = ReplicaId.detect();
    return replicaId;
  }

  /** Sets the replica id (`camel.component.ofn-bus.replica-id`). */
  public void setReplicaId(String replicaId) {
    this.replicaId = replicaId;
  }

  /**
   * Waits (at most `timeout` per bus) until every consumer started so far had its first attempt at
   * setting up: a started runtime has its durables, as when they were made one after the other.
   */
  public void awaitSettled(java.time.Duration timeout) throws InterruptedException {
    for (BusDriver d : drivers.values()) d.awaitSettled(timeout);
  }

  /** Whether every driver in use can reach its backend. */
  public boolean isHealthy() {
    return drivers.values().stream().allMatch(BusDriver::isHealthy);
  }

  void opened(Subscription s) {
    open.add(s);
  }

  void closed(Subscription s) {
    open.remove(s);
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    // Camel stops route consumers one after the other; telling every subscription first lets
    // their fetches end in parallel, so a stop takes one fetch wait, not one per Trigger input.
    getCamelContext()
        .getManagementStrategy()
        .addEventNotifier(
            new SimpleEventNotifierSupport() {
              @Override
              public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
              }

              @Override
              public void notify(CamelEvent event) {
                open.forEach(Subscription::stopFetching);
                drivers.values().forEach(BusDriver::stopWaiting);
              }
            });
  }

  @Override
  protected void doStop() throws Exception {
    checks.values().forEach(ConnectionCheck::unregister);
    checks.clear();
    drivers.values().forEach(BusDriver::close);
    drivers.clear();
    super.doStop();
  }
}
