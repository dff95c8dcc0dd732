package io.ofnevents.k8s.operator;

import io.ofnevents.k8s.camelk.IntegrationFactory;
import io.ofnevents.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.EndpointAware;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.component.kamelet.KameletEndpoint;
import org.apache.camel.spi.RouteController;

/**
 * Which resource a route of the shared in-process runtime belongs to: by its id, or by the id of
 * the route it was made for (a Kamelet's route is `{routeId}-source` and the like), so that a route
 * that fails to start is reported on its own resource.
 */
final class RouteOwners {
  private final Map<String, ResourceId> byRouteId = new TreeMap<>();
  private final Map<ResourceId, Outcome.Plan> plans;

  RouteOwners(Map<ResourceId, Outcome.Plan> plans) {
    this.plans = plans;
    plans.forEach(
        (id, plan) ->
            IntegrationFactory.flows(plan.routes().yaml()).stream()
                .map(f -> f.getAdditionalProperties().get("route"))
                .filter(Map.class::isInstance)
                .map(r -> ((Map<?, ?>) r).get("id"))
                .filter(String.class::isInstance)
                .forEach(routeId -> byRouteId.put((String) routeId, id)));
  }

  /** The resource whose route failed in `e`, if Camel says which route it was. */
  Optional<ResourceId> ownerOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String routeId = null;
      if (t instanceof FailedToStartRouteException f) routeId = f.getRouteId();
      if (t instanceof FailedToCreateRouteException f) routeId = f.getRouteId();
      if (routeId != null) return owner(routeId);
    }
    return Optional.empty();
  }

  /** The owner of the longest known route id that `routeId` is or starts with (plus `-`). */
  Optional<ResourceId> owner(String routeId) {
    ResourceId best = null;
    int bestLength = -1;
    for (Map.Entry<String, ResourceId> e : byRouteId.entrySet()) {
      String known = e.getKey();
      boolean matches = routeId.equals(known) || routeId.startsWith(known + "-");
      if (matches && known.length() > bestLength) {
        best = e.getValue();
        bestLength = known.length();
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Where each resource stands in a started context whose routes the supervising route controller
   * starts (and retries): failed while one of its routes waits for a retry after an error, pending
   * until all of its routes started, then running, or unavailable while a connection its routes
   * need is down (see {@link Connections}).
   */
  Map<ResourceId, Applier.Applied> states(CamelContext context) {
    RouteController controller = context.getRouteController();
    Map<String, ResourceId> owners = withKamelets(context);
    Map<ResourceId, Applier.Applied> states = startStates(context, controller, owners);
    Connections.refusals(context, owners)
        .forEach(
            (id, problems) -> {
              if (states.get(id).state() == Applier.Applied.State.RUNNING) {
                states.put(
                    id,
                    new Applier.Applied(
                        Applier.Applied.State.FAILED,
                        "its routes failed to start in the operator (retried with backoff): "
                            + String.join("; ", problems)));
              }
            });
    Map<ResourceId, List<String>> down = Connections.problems(context, owners);
    down.forEach(
        (id, problems) -> {
          if (states.get(id).state() == Applier.Applied.State.RUNNING) {
            states.put(
                id,
                new Applier.Applied(
                    Applier.Applied.State.UNAVAILABLE,
                    "its routes run in the operator, but a connection they need is down (retried): "
                        + String.join("; ", problems)));
          }
        });
    return states;
  }

  private Map<ResourceId, Applier.Applied> startStates(
      CamelContext context, RouteController controller, Map<String, ResourceId> owners) {
    Map<ResourceId, Applier.Applied> states = new TreeMap<>();
    plans.keySet().forEach(id -> states.put(id, RUNNING));
    for (Route route : context.getRoutes()) {
      Optional<ResourceId> owner = Optional.ofNullable(owners.get(route.getRouteId()));
      if (owner.isEmpty()) continue;
      Throwable failure = null;
      boolean restarting = false;
      if (controller.isSupervising()) {
        var supervising = controller.supervising();
        failure = supervising.getRestartException(route.getRouteId());
        // Camel keeps the error only from the first retry on; until then it is "restarting".
        restarting = supervising.getRestartingRoutes().contains(route);
      }
      Applier.Applied now = states.get(owner.get());
      boolean started = controller.getRouteStatus(route.getRouteId()).isStarted();
      // Camel keeps the last error of a route that started at a later attempt: started wins.
      if (!started && (failure != null || restarting)) {
        states.put(
            owner.get(),
            new Applier.Applied(
                Applier.Applied.State.FAILED,
                "its routes failed to start in the operator (retried with backoff)"
                    + (failure == null
                        ? "; the operator's log has the error"
                        : ": " + rootMessage(failure))));
      } else if (now.state() == Applier.Applied.State.RUNNING && !started) {
        states.put(owner.get(), PENDING);
      }
    }
    return states;
  }

  /**
   * Every route of `context` that belongs to a resource: its own, and those of the Kamelets its
   * routes use (Camel names those `{kamelet}-{n}`), followed through Kamelets that use Kamelets.
   */
  private Map<String, ResourceId> withKamelets(CamelContext context) {
    Map<String, ResourceId> owners = new TreeMap<>();
    for (Route route : context.getRoutes()) {
      owner(route.getRouteId()).ifPresent(id -> owners.put(route.getRouteId(), id));
    }
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Route route : context.getRoutes()) {
        ResourceId id = owners.get(route.getRouteId());
        if (id == null) continue;
        for (Endpoint e : endpoints(route)) {
          if (e instanceof KameletEndpoint k && k.getRouteId() != null) {
            grew |= owners.putIfAbsent(k.getRouteId(), id) == null;
          }
        }
      }
    }
    return owners;
  }

  /** The endpoints a route consumes from and sends to. */
  static List<Endpoint> endpoints(Route route) {
    List<Endpoint> endpoints = new ArrayList<>();
    if (route.getEndpoint() != null) endpoints.add(route.getEndpoint());
    endpoints(route.navigate(), endpoints);
    return endpoints;
  }

  private static void endpoints(Navigate<Processor> processors, List<Endpoint> into) {
    if (processors == null || !processors.hasNext()) return;
    for (Processor p : processors.next()) {
      if (p instanceof EndpointAware e && e.getEndpoint() != null) into.add(e.getEndpoint());
      if (p instanceof Navigate<?> n) {
        @SuppressWarnings("unchecked")
        Navigate<Processor> next = (Navigate<Processor>) n;
        endpoints(next, into);
      }
    }
  }

  static final Applier.Applied RUNNING =
      Applier.Applied.running("routes run in the operator (in-process runtime)");
  static final Applier.Applied PENDING =
      new Applier.Applied(
          Applier.Applied.State.PENDING, "waiting for the in-process runtime to start it");

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
