package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.ofnevents.model.ResourceId;
import java.util.List;
import java.util.function.Consumer;

/** Makes a resource's plan run (Camel K Integrations, or routes in this process), or stop. */
interface Applier {
  /**
   * Runs `plan` for `owner`; says whether it runs, and a sentence for the Ready condition.
   *
   * @throws Rejected when the plan cannot run here whatever the cluster does
   */
  Applied apply(ResourceId id, GenericKubernetesResource owner, Outcome.Plan plan) throws Rejected;

  /** Stops whatever runs for `id` (desired = absent). */
  void delete(ResourceId id);

  /** Whether an inMemory bus connects the resources (only when everything runs in one process). */
  boolean sharesInMemoryBus();

  /** Whether each resource runs as a workload of its own, which KEDA can scale. */
  boolean scalesWorkloads();

  /**
   * Where an addressable resource (a Broker) that runs here is reached, its `status.address.url`;
   * null when it cannot be reached (the in-process ingress is off).
   */
  String address(ResourceId addressable);

  /** This replica leads from now on: expose what it will run (the in-process ingress). */
  default void lead() {}

  /**
   * Stops whatever runs in this process and forgets the desired state, because another replica now
   * leads; objects written to the cluster stay (the new leader takes them over).
   */
  default void standby() {}

  /**
   * `listener` is told of resources whose state changed by itself (a runtime started or failed
   * after apply returned), so that their status is written again.
   */
  default void onChange(Consumer<ResourceId> listener) {}

  /** Where a resource's plan stands after apply, the Ready condition's message, and warnings. */
  record Applied(State state, String message, List<String> warnings) {
    Applied(State state, String message) {
      this(state, message, List.of());
    }

    /**
     * Whether its routes run, will run, failed to start, or run while a connection they need is
     * down (in-process: its Camel health checks say so).
     */
    enum State {
      RUNNING,
      PENDING,
      FAILED,
      UNAVAILABLE
    }

    static Applied running(String message) {
      return new Applied(State.RUNNING, message);
    }
  }

  /**
   * A plan this applier cannot run (e.g. a Kamelet its catalog lacks); reported in the status with
   * `reason`.
   */
  final class Rejected extends Exception {
    private final String reason;

    Rejected(String message) {
      this(Outcome.ERROR_GENERATE, message);
    }

    Rejected(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }
}
