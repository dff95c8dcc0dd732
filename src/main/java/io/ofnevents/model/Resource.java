package io.ofnevents.model;

/** A custom resource of events.openfunction.io/v1alpha1 as loaded from YAML or the API. */
public sealed interface Resource permits EventSource, EventBus, ClusterEventBus, Trigger {
  Kind kind();

  ObjectMeta metadata();

  default String name() {
    return metadata().name();
  }

  default String namespace() {
    return metadata().namespace();
  }

  /** This resource with `namespace` filled in when it had none (cluster-scoped kinds keep none). */
  Resource withDefaultNamespace(String namespace);

  default ResourceId id() {
    return new ResourceId(kind(), kind().namespaced() ? namespace() : null, name());
  }
}
