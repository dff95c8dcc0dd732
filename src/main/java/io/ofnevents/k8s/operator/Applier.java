package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.ofnevents.model.ResourceId;

/** Makes a resource's plan run (Camel K Integrations, or routes in this process), or stop. */
interface Applier {
  /** Runs `plan` for `owner`; returns a sentence for the Ready condition's message. */
  String apply(ResourceId id, GenericKubernetesResource owner, Outcome.Plan plan);

  /** Stops whatever runs for `id` (desired = absent). */
  void delete(ResourceId id);

  /** Whether an inMemory bus connects the resources (only when everything runs in one process). */
  boolean sharesInMemoryBus();
}
