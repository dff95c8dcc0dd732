package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.ofnevents.model.ResourceId;

/** Makes a resource's plan run (Camel K Integrations, or routes in this process), or stop. */
interface Applier {
  /**
   * Runs `plan` for `owner`; returns a sentence for the Ready condition's message.
   *
   * @throws Rejected when the plan cannot run here whatever the cluster does
   */
  String apply(ResourceId id, GenericKubernetesResource owner, Outcome.Plan plan) throws Rejected;

  /** Stops whatever runs for `id` (desired = absent). */
  void delete(ResourceId id);

  /** A plan this applier cannot run (e.g. a Kamelet its catalog lacks); reported in the status. */
  final class Rejected extends Exception {
    Rejected(String message) {
      super(message);
    }
  }

  /** Whether an inMemory bus connects the resources (only when everything runs in one process). */
  boolean sharesInMemoryBus();
}
