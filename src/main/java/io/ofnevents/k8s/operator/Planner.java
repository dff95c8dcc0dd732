package io.ofnevents.k8s.operator;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.k8s.keda.ScaledObjects;
import io.ofnevents.model.EventSource;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Problem;
import io.ofnevents.model.Reference;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.Trigger;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.Loaded;
import io.ofnevents.model.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides what one EventSource or Trigger should run, from the resource as loaded, the buses and
 * Brokers of the cluster (its sinks and inputs may name a Broker) and its resolved sink refs:
 * upstream's bus lookup (the namespaced EventBus wins, then the ClusterEventBus), validation, then
 * the same compiler as `compile`. Pure.
 */
final class Planner {
  static final int MAX_MESSAGE = 1024;

  /** Resolves the sink refs of a resource (from the cluster in the operator). */
  interface RefResolver {
    Map<Reference, String> resolve(Resource r) throws SinkRefs.Unresolved;
  }

  private Planner() {}

  /** Where the plan will run: what the applier can do. */
  record Target(boolean sharesInMemoryBus, boolean scalesWorkloads) {}

  static Outcome plan(
      LoadResult cr, List<Loaded> context, RefResolver refs, String version, Target target) {
    if (cr.hasErrors() || cr.resources().size() != 1) {
      return failed(Outcome.ERROR_CONFIGURATION, messages(cr.problems(), null), null, false);
    }
    Loaded loaded = cr.resources().get(0);
    Resource r = loaded.resource();
    String busName = busName(r);
    List<Loaded> all = new ArrayList<>(context);
    all.add(loaded);
    ResourceSet set = ResourceSet.of(all.stream().map(Loaded::resource).toList());
    Optional<Resource> bus = set.findBus(r.namespace(), busName);
    String busRef = bus.map(b -> b.kind().kindName() + "/" + b.name()).orElse(null);
    if (busName != null && bus.isEmpty()) {
      return failed(
          Outcome.ERROR_BUS,
          "cannot find EventBus "
              + r.namespace()
              + "/"
              + busName
              + " nor ClusterEventBus "
              + busName,
          null,
          false);
    }
    List<Loaded> inputs = new ArrayList<>(List.of(loaded));
    bus.flatMap(b -> context.stream().filter(l -> l.resource().id().equals(b.id())).findFirst())
        .ifPresent(inputs::add);
    // the Brokers its sinks and inputs may name, with the buses they are on
    List<Loaded> brokers =
        context.stream().filter(l -> l.resource().kind() == Kind.KN_BROKER).toList();
    if (!brokers.isEmpty()) {
      inputs.addAll(brokers);
      Inputs.buses(context).stream().filter(l -> !inputs.contains(l)).forEach(inputs::add);
    }
    List<Problem> problems = Validator.validate(inputs);
    if (bus.isPresent() && hasErrors(problems, bus.get().id())) {
      String why = messages(problems, bus.get().id());
      return failed(
          Outcome.ERROR_CONFIGURATION, bus.get().id() + " is invalid: " + why, busRef, false);
    }
    if (hasErrors(problems, r.id())) {
      return failed(Outcome.ERROR_CONFIGURATION, messages(problems, r.id()), busRef, false);
    }
    Map<Reference, String> urls;
    try {
      urls = refs.resolve(r);
    } catch (SinkRefs.Unresolved e) {
      // The target may appear later; nothing watches it, so look again with backoff.
      return failed(Outcome.ERROR_GENERATE, e.getMessage(), busRef, true);
    }
    Bundle bundle = Compiler.compile(inputs, new CompileOptions(urls, version));
    if (bundle.hasErrors()) {
      return failed(Outcome.ERROR_GENERATE, messages(bundle.problems(), r.id()), busRef, false);
    }
    List<String> warnings = new ArrayList<>();
    problems.stream()
        .filter(p -> !p.isError() && r.id().equals(p.resource()))
        .forEach(p -> warnings.add(brief(p)));
    if (!target.sharesInMemoryBus()
        && bus.isPresent()
        && ResourceSet.specOf(bus.get()).inMemory() != null) {
      warnings.add(
          "bus "
              + busRef
              + " is inMemory: each Camel K Integration has its own, so events do not"
              + " reach other Integrations (use a nats bus or --runtime in-process)");
    }
    Map<String, Object> scaledObject = null;
    if (target.scalesWorkloads()) {
      ScaledObjects.Scaling scaling = ScaledObjects.of(r, bus.orElse(null));
      if (!scaling.errors().isEmpty()) {
        return failed(
            Outcome.ERROR_SCALED_OBJECT, String.join("; ", scaling.errors()), busRef, false);
      }
      warnings.addAll(scaling.warnings());
      scaledObject = scaling.scaledObject();
    } else {
      ScaledObjects.applying(r, bus.orElse(null))
          .forEach(
              p ->
                  warnings.add(
                      p
                          + ": has no effect in-process: every route runs in the operator, there"
                          + " is no workload to scale"));
    }
    return new Outcome.Plan(
        bundle.routes().stream().filter(f -> f.resource().equals(r.id())).findFirst().orElse(null),
        bundle.applicationProperties(),
        busRef,
        bundle.secretLiterals(),
        scaledObject,
        List.copyOf(warnings));
  }

  static String busName(Resource r) {
    if (r instanceof EventSource es && es.spec() != null) return es.spec().eventBus();
    if (r instanceof Trigger t && t.spec() != null) return t.spec().eventBus();
    return null;
  }

  private static boolean hasErrors(List<Problem> problems, ResourceId id) {
    return problems.stream().anyMatch(p -> p.isError() && id.equals(p.resource()));
  }

  /** The errors of `id` (any resource when null), each as `field.path: message`. */
  static String messages(List<Problem> problems, ResourceId id) {
    String all =
        problems.stream()
            .filter(Problem::isError)
            .filter(p -> id == null || id.equals(p.resource()))
            .map(Planner::brief)
            .collect(Collectors.joining("; "));
    return all.length() <= MAX_MESSAGE ? all : all.substring(0, MAX_MESSAGE - 3) + "...";
  }

  /** A problem without file and line: in the cluster they would point at generated YAML. */
  static String brief(Problem p) {
    return (p.path() == null || p.path().isEmpty() ? "" : p.path() + ": ") + p.message();
  }

  private static Outcome failed(String reason, String message, String bus, boolean retry) {
    return new Outcome.Failed(reason, message, bus, retry);
  }
}
