package io.ofnevents.k8s.operator;

import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.observe.ConnectionAware;
import io.ofnevents.runtime.observe.ConnectionCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * Which connections the running routes of each resource need and cannot use: the Camel health
 * checks that name one of its routes (consumer checks: Kafka, MQTT, Redis sources), and the
 * endpoints its routes use that say theirs is down (the bus, the condition state store). The same
 * checks `/health/ready` reports, attributed per resource, so a resource whose routes started while
 * NATS is away is not Ready.
 */
final class Connections {
  private Connections() {}

  /** Per resource with a problem, what is down (`bus nats://...: cannot connect...`). */
  static Map<ResourceId, List<String>> problems(
      CamelContext context, Map<String, ResourceId> owners) {
    Map<ResourceId, List<String>> down = new TreeMap<>();
    Collection<HealthCheck.Result> checks = HealthCheckHelper.invokeReadiness(context);
    for (HealthCheck.Result r : checks) {
      if (r.getState() != HealthCheck.State.DOWN) continue;
      ResourceId owner = owners.get(String.valueOf(r.getDetails().get(ConnectionCheck.ROUTE_ID)));
      if (owner != null) add(down, owner, describe(r));
    }
    for (Route route : context.getRoutes()) {
      ResourceId owner = owners.get(route.getRouteId());
      if (owner == null) continue;
      for (Endpoint e : RouteOwners.endpoints(route)) {
        if (e instanceof ConnectionAware c) {
          String problem = c.connectionProblem();
          if (problem != null) add(down, owner, problem);
        }
      }
    }
    return down;
  }

  /**
   * Per resource whose routes run but whose set-up the server refuses, why (see ConnectionAware).
   */
  static Map<ResourceId, List<String>> refusals(
      CamelContext context, Map<String, ResourceId> owners) {
    Map<ResourceId, List<String>> refused = new TreeMap<>();
    for (Route route : context.getRoutes()) {
      ResourceId owner = owners.get(route.getRouteId());
      if (owner == null) continue;
      for (Endpoint e : RouteOwners.endpoints(route)) {
        if (e instanceof ConnectionAware c) {
          String problem = c.setupProblem();
          if (problem != null) add(refused, owner, problem);
        }
      }
    }
    return refused;
  }

  /**
   * The retry counter of a connection that was never made (`(attempt 3, next in 154 ms)`) changes
   * on every look; the status keeps the error only, so that it is written once per change of error,
   * not every time the routes are looked at.
   */
  static final Pattern RETRY_COUNTER = Pattern.compile("\\s*\\(attempt \\d+, next in \\d+ ms\\)");

  private static void add(Map<ResourceId, List<String>> down, ResourceId id, String problem) {
    String stable = RETRY_COUNTER.matcher(problem).replaceAll("");
    List<String> list = down.computeIfAbsent(id, k -> new ArrayList<>());
    if (!list.contains(stable)) list.add(stable);
  }

  private static String describe(HealthCheck.Result r) {
    return r.getCheck().getId() + ": " + r.getMessage().orElse("DOWN");
  }
}
