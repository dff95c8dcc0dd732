package io.ofnevents.model.knative;

import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.InMemoryBusSpec;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import java.util.Optional;

/**
 * The event bus a Broker is served on: the EventBus or ClusterEventBus its `spec.config` names;
 * without one (or with Knative's ConfigMap) the namespace's EventBus `default`, else the
 * ClusterEventBus `default`; with neither, an implicit in-memory bus ({@link #implicitInMemory()},
 * which a standalone run announces at start).
 *
 * @param bus the EventBus or ClusterEventBus resource, empty when implicit or not found
 * @param how which rule chose it
 */
public record BrokerBus(Broker broker, Optional<Resource> bus, How how) {
  /** Which rule chose the bus. */
  public enum How {
    /** `spec.config` names it. */
    CONFIG,
    /** `spec.config` names a bus the input does not define (a validation error). */
    CONFIG_NOT_FOUND,
    /** The namespace's EventBus `default`. */
    NAMESPACE_DEFAULT,
    /** The ClusterEventBus `default`. */
    CLUSTER_DEFAULT,
    /** No bus at all: an in-memory bus of the process. */
    IMPLICIT_IN_MEMORY
  }

  /** The name of the bus a Broker without `spec.config` uses. */
  public static final String DEFAULT_BUS = "default";

  /** What a `spec.config` reference names. */
  public enum ConfigKind {
    BUS,
    CONFIG_MAP,
    OTHER
  }

  public static ConfigKind configKind(KReference c) {
    boolean ours = "events.openfunction.io".equals(c.apiGroup());
    if (ours && ("EventBus".equals(c.kind()) || "ClusterEventBus".equals(c.kind())))
      return ConfigKind.BUS;
    if ("".equals(c.apiGroup()) && "ConfigMap".equals(c.kind())) return ConfigKind.CONFIG_MAP;
    return ConfigKind.OTHER;
  }

  /** The bus of `broker` among `all`. */
  public static BrokerBus of(Broker broker, ResourceSet all) {
    KReference c = broker.specOrEmpty().config();
    if (c != null && configKind(c) == ConfigKind.BUS) {
      ResourceId id =
          c.kind().equals("EventBus")
              ? new ResourceId(
                  Kind.EVENT_BUS,
                  c.namespace() == null ? broker.namespace() : c.namespace(),
                  c.name())
              : new ResourceId(Kind.CLUSTER_EVENT_BUS, null, c.name());
      Optional<Resource> bus = all.get(id);
      return new BrokerBus(broker, bus, bus.isPresent() ? How.CONFIG : How.CONFIG_NOT_FOUND);
    }
    Optional<Resource> bus = namespaceDefault(broker.namespace(), all);
    if (bus.isEmpty()) return new BrokerBus(broker, bus, How.IMPLICIT_IN_MEMORY);
    return new BrokerBus(
        broker,
        bus,
        bus.get().kind() == Kind.EVENT_BUS ? How.NAMESPACE_DEFAULT : How.CLUSTER_DEFAULT);
  }

  /**
   * The bus of a namespace for Knative kinds that do not name one (a PingSource's ticks to an HTTP
   * sink): its EventBus `default`, else the ClusterEventBus `default`, else an implicit in-memory
   * bus (empty).
   */
  public static Optional<Resource> namespaceDefault(String namespace, ResourceSet all) {
    return all.findBus(namespace, DEFAULT_BUS);
  }

  /** The spec of {@link #namespaceDefault}; an `inMemory` spec when there is none. */
  public static EventBusSpec namespaceDefaultSpec(String namespace, ResourceSet all) {
    return namespaceDefault(namespace, all).map(ResourceSet::specOf).orElseGet(BrokerBus::memory);
  }

  static EventBusSpec memory() {
    return new EventBusSpec(null, null, null, new InMemoryBusSpec());
  }

  public boolean implicitInMemory() {
    return how == How.IMPLICIT_IN_MEMORY;
  }

  /** The spec of the bus; an `inMemory` spec when the bus is implicit. */
  public EventBusSpec spec() {
    return bus.map(ResourceSet::specOf).orElseGet(BrokerBus::memory);
  }
}
