package io.ofnevents.model;

/** A Trigger: reads inputs from a bus and, per subscriber condition, forwards events. */
public record Trigger(
    @Required ObjectMeta metadata,
    @Required TriggerSpec spec,
    @Doc("Written by the operator; ignored on input.") Object status)
    implements Resource {

  @Override
  public Kind kind() {
    return Kind.TRIGGER;
  }

  @Override
  public Trigger withDefaultNamespace(String namespace) {
    return metadata.namespace() != null
        ? this
        : new Trigger(metadata.withNamespace(namespace), spec, status);
  }
}
