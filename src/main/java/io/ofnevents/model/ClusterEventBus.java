package io.ofnevents.model;

/** A cluster-scoped event bus, used when a namespace has no EventBus of the referenced name. */
public record ClusterEventBus(
    @Required ObjectMeta metadata,
    @Required EventBusSpec spec,
    @Doc("Ignored on input.") Object status)
    implements Resource {

  @Override
  public Kind kind() {
    return Kind.CLUSTER_EVENT_BUS;
  }

  @Override
  public ClusterEventBus withDefaultNamespace(String namespace) {
    return this;
  }
}
