package io.ofnevents.model;

/**
 * A custom resource as loaded from YAML or the API: one of the four kinds of
 * events.openfunction.io/v1alpha1, or a Knative kind ({@link KnativeResource}).
 */
public sealed interface Resource
    permits EventSource, EventBus, ClusterEventBus, Trigger, KnativeResource {
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
