package io.ofnevents.compile.knative;

import io.ofnevents.compile.Compilation;
import io.ofnevents.compile.Compiler;
import io.ofnevents.compile.Kamelets;
import io.ofnevents.compile.Names;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.compile.RouteYaml;
import io.ofnevents.model.Problem;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.knative.BrokerBus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The route files of the Knative kinds, one per Broker, Knative Trigger, PingSource, Sequence and
 * Parallel, built on their {@link KnativePlans}. Pure.
 *
 * @param files the route files
 * @param notes lines a run logs at start (which resources are on an implicit in-memory bus)
 */
public record KnativeRoutes(List<RouteFile> files, List<String> notes) {

  public static KnativeRoutes compile(Compilation c) {
    KnativePlans plans = KnativePlans.of(c.resources(), c.options());
    for (Problem p : plans.problems()) c.error(p.resource(), p.path(), p.message());
    List<RouteFile> files = new ArrayList<>();
    List<BrokerPlan> brokers =
        plans.brokers().values().stream()
            .sorted(Comparator.comparing((BrokerPlan b) -> b.broker().id()))
            .toList();
    for (BrokerPlan b : brokers) {
      files.add(file(b.broker().id(), c, ctx -> BrokerRoutes.routes(b, ctx)));
    }
    for (TriggerPlan t : plans.triggers()) {
      if (t.broker() == null || t.subscriber() == null) continue; // reported above or by validation
      files.add(file(t.trigger().id(), c, ctx -> KnTriggerRoutes.routes(t, ctx)));
    }
    for (PingPlan p : plans.pings()) {
      if (p.sink() == null || p.schedule() == null) continue;
      files.add(file(p.source().id(), c, ctx -> PingRoutes.routes(p, ctx)));
    }
    Set<ResourceId> unresolved =
        plans.problems().stream().map(Problem::resource).collect(Collectors.toSet());
    for (FlowPlan f : plans.flows()) {
      if (unresolved.contains(f.flow().id())) continue; // a destination did not resolve
      files.add(file(f.flow().id(), c, ctx -> FlowRoutes.routes(f, ctx)));
    }
    List<Problem> sinks = new ArrayList<>();
    List<ApiServerPlan> apiServers = ApiServerPlans.of(c.resources(), c.options(), plans, sinks);
    for (Problem p : sinks) c.error(p.resource(), p.path(), p.message());
    for (ApiServerPlan a : apiServers) {
      if (a.sink() == null || a.watches().isEmpty()) continue;
      files.add(file(a.source().id(), c, ctx -> ApiServerRoutes.routes(a, ctx)));
    }
    return new KnativeRoutes(List.copyOf(files), notes(plans, apiServers, c));
  }

  private static RouteFile file(
      ResourceId id, Compilation c, Function<KnSteps.Ctx, List<Object>> routes) {
    Kamelets used = new Kamelets();
    List<Object> r = routes.apply(new KnSteps.Ctx(c, used, id));
    return new RouteFile(
        id, Names.routeFile(id), RouteYaml.write(Compiler.header(id), r), used.used());
  }

  /** One line naming the resources served by this process's in-memory bus, if any. */
  private static List<String> notes(
      KnativePlans plans, List<ApiServerPlan> apiServers, Compilation c) {
    List<String> on = new ArrayList<>();
    plans.brokers().values().stream()
        .filter(b -> b.bus().implicitInMemory())
        .map(b -> b.broker().id().toString())
        .sorted()
        .forEach(on::add);
    plans.pings().stream()
        .filter(p -> p.sink() instanceof Hop.Http)
        .filter(p -> BrokerBus.namespaceDefault(p.source().namespace(), c.resources()).isEmpty())
        .map(p -> p.source().id().toString())
        .sorted()
        .forEach(on::add);
    plans.flows().stream()
        .filter(f -> f.bus().implicitInMemory())
        .map(f -> f.flow().id().toString())
        .sorted()
        .forEach(on::add);
    apiServers.stream()
        .filter(a -> a.sink() instanceof Hop.Http)
        .filter(a -> BrokerBus.namespaceDefault(a.source().namespace(), c.resources()).isEmpty())
        .map(a -> a.source().id().toString())
        .sorted()
        .forEach(on::add);
    if (on.isEmpty()) return List.of();
    return List.of(
        "No EventBus or ClusterEventBus default for "
            + String.join(", ", on)
            + ": served by the in-memory bus of this process (their events are lost when it"
            + " stops)");
  }
}
