package io.ofnevents.runtime.console;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.model.Problem;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.Loaded;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resources a console shows and the secret values it must never print (those given in clear,
 * which the bundle keeps in memory for Camel). Built once by `run`; the operator rebuilds one per
 * change.
 */
public record ConsoleCatalog(List<ConsoleResource> resources, Set<String> secretValues) {
  public ConsoleCatalog {
    resources = List.copyOf(resources);
    secretValues = Set.copyOf(secretValues);
  }

  public static ConsoleCatalog empty() {
    return new ConsoleCatalog(List.of(), Set.of());
  }

  /** The loaded resources (the last definition of an id wins, as in the compiler) and routes. */
  public static ConsoleCatalog of(LoadResult loaded, Bundle bundle) {
    Map<ResourceId, String> routes = new HashMap<>();
    for (RouteFile f : bundle.routes()) routes.put(f.resource(), f.yaml());
    Map<ResourceId, List<Problem>> problems = new HashMap<>();
    for (Problem p : concat(loaded.problems(), bundle.problems())) {
      if (p.resource() != null)
        problems.computeIfAbsent(p.resource(), k -> new ArrayList<>()).add(p);
    }
    Map<ResourceId, ConsoleResource> byId = new LinkedHashMap<>();
    for (Loaded l : loaded.resources()) {
      ResourceId id = l.resource().id();
      byId.remove(id); // keep the order of the winning definition
      byId.put(
          id,
          new ConsoleResource(
              l.resource(),
              l.where().file(),
              l.where().documentLine(),
              problems.getOrDefault(id, List.of()),
              routes.get(id)));
    }
    return new ConsoleCatalog(
        new ArrayList<>(byId.values()), Set.copyOf(bundle.secretLiterals().values()));
  }

  private static List<Problem> concat(Collection<Problem> a, Collection<Problem> b) {
    List<Problem> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
