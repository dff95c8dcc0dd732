package io.ofnevents.k8s.operator;

import io.ofnevents.compile.RouteFile;
import io.ofnevents.k8s.camelk.IntegrationFactory;
import java.util.List;
import java.util.Map;

/** What reconciling one EventSource or Trigger came to: something to run, or why not. */
sealed interface Outcome {
  /** Upstream's reasons, kept so that tooling written for OpenFunction reads ours. */
  String ERROR_CONFIGURATION = "ErrorConfiguration";

  String ERROR_BUS = "ErrorToFindExistEventBus";
  String ERROR_GENERATE = "ErrorGenerateComponent";
  String ERROR_SCALED_OBJECT = "ErrorGenerateScaledObject";
  String PENDING = "PendingCreation";

  /** Upstream's reason when the workload of a resource could not be created (here: started). */
  static String errorCreating(io.ofnevents.model.Kind kind) {
    return kind == io.ofnevents.model.Kind.EVENT_SOURCE
        ? "ErrorCreatingEventSourceFunction"
        : "ErrorCreatingTriggerFunction";
  }

  /**
   * The routes to run (none: the resource defines no event), the bus in use (`EventBus/NAME`,
   * `ClusterEventBus/NAME` or null), secret values given in clear, the KEDA ScaledObject of its
   * workload (null: not scaled), and warnings for the status.
   */
  record Plan(
      RouteFile routes,
      String applicationProperties,
      String eventBus,
      Map<String, String> secretLiterals,
      Map<String, Object> scaledObject,
      List<String> warnings)
      implements Outcome {
    boolean hasRoutes() {
      return routes != null && !IntegrationFactory.flows(routes.yaml()).isEmpty();
    }

    @Override
    public String toString() {
      return "Plan[" + (routes == null ? "-" : routes.fileName()) + ", bus=" + eventBus + "]";
    }
  }

  /** Why nothing can be generated; `retry`: whether trying again later may help by itself. */
  record Failed(String reason, String message, String eventBus, boolean retry) implements Outcome {}
}
