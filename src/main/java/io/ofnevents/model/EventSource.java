package io.ofnevents.model;

/** An EventSource: producers of events (kafka, cron, redis, mqtt) sent to a bus and/or a sink. */
public record EventSource(
    @Required ObjectMeta metadata,
    @Required EventSourceSpec spec,
    @Doc("Written by the operator; ignored on input.") Object status)
    implements Resource {

  @Override
  public Kind kind() {
    return Kind.EVENT_SOURCE;
  }

  @Override
  public EventSource withDefaultNamespace(String namespace) {
    return metadata.namespace() != null
        ? this
        : new EventSource(metadata.withNamespace(namespace), spec, status);
  }
}
