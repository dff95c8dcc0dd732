package io.ofnevents.model;

/** A namespaced event bus; EventSources and Triggers of the namespace refer to it by name. */
public record EventBus(
    @Required ObjectMeta metadata,
    @Required EventBusSpec spec,
    @Doc("Ignored on input.") Object status)
    implements Resource {

  @Override
  public Kind kind() {
    return Kind.EVENT_BUS;
  }

  @Override
  public EventBus withDefaultNamespace(String namespace) {
    return metadata.namespace() != null
        ? this
        : new EventBus(metadata.withNamespace(namespace), spec, status);
  }
}
