package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Problem;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.Loaded;
import io.ofnevents.runtime.console.ConsoleCatalog;
import io.ofnevents.runtime.console.ConsoleResource;
import io.ofnevents.runtime.console.ConsoleSource;
import io.ofnevents.runtime.console.LiveState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the operator's console shows: each resource as its last reconcile loaded it, with its
 * problems and the routes its plan compiled (none when it could not be planned), plus the buses of
 * the cache; and the live state of the routes that run here (none with Camel K). A new catalog is
 * built when a reconcile changed a resource or a bus changed, so the console redraws its topology.
 */
final class ConsoleResources implements ConsoleSource {
  private static final List<Kind> BUSES = List.of(Kind.EVENT_BUS, Kind.CLUSTER_EVENT_BUS);

  /** One resource as reconciled: the console's entry and the secret values to scrub. */
  private record Entry(ConsoleResource resource, Set<String> secrets) {}

  private final Map<ResourceId, Entry> entries = new TreeMap<>();
  private final ClusterCache cache;
  private final LiveState live;
  private ConsoleCatalog catalog = ConsoleCatalog.empty();
  private boolean changed = true;
  private String busVersions = "";

  ConsoleResources(ClusterCache cache, LiveState live) {
    this.cache = cache;
    this.live = live;
  }

  /** `id` as reconciled now: loaded, with `problems`, running `plan` (null: nothing runs). */
  synchronized void put(
      ResourceId id, LoadResult loaded, List<Problem> problems, Outcome.Plan plan) {
    if (loaded.resources().size() != 1) {
      remove(id);
      return;
    }
    Loaded l = loaded.resources().get(0);
    List<Problem> own = new ArrayList<>();
    for (Problem p : concat(loaded.problems(), problems)) {
      if (id.equals(p.resource()) && !own.contains(p)) own.add(p);
    }
    String routes = plan == null || plan.routes() == null ? null : plan.routes().yaml();
    Set<String> secrets = plan == null ? Set.of() : Set.copyOf(plan.secretLiterals().values());
    Entry next =
        new Entry(
            new ConsoleResource(
                l.resource(), l.where().file(), l.where().documentLine(), own, routes),
            secrets);
    if (!next.equals(entries.put(id, next))) changed = true;
  }

  synchronized void remove(ResourceId id) {
    if (entries.remove(id) != null) changed = true;
  }

  @Override
  public synchronized ConsoleCatalog catalog() {
    List<GenericKubernetesResource> buses = new ArrayList<>();
    BUSES.forEach(k -> buses.addAll(cache.list(k)));
    StringBuilder versions = new StringBuilder();
    buses.forEach(
        b ->
            versions.append(b.getMetadata().getUid()).append(b.getMetadata().getResourceVersion()));
    if (!changed && versions.toString().equals(busVersions)) return catalog;
    List<ConsoleResource> resources = new ArrayList<>();
    for (Kind kind : BUSES) {
      for (GenericKubernetesResource b : cache.list(kind)) {
        LoadResult loaded = Resources.load(kind, b);
        for (Loaded l : loaded.resources()) {
          resources.add(
              new ConsoleResource(
                  l.resource(),
                  l.where().file(),
                  l.where().documentLine(),
                  loaded.problems(),
                  null));
        }
      }
    }
    Set<String> secrets = new HashSet<>();
    for (Entry e : entries.values()) {
      resources.add(e.resource());
      secrets.addAll(e.secrets());
    }
    catalog = new ConsoleCatalog(resources, secrets);
    changed = false;
    busVersions = versions.toString();
    return catalog;
  }

  @Override
  public LiveState live() {
    return live;
  }

  private static List<Problem> concat(List<Problem> a, List<Problem> b) {
    List<Problem> all = new ArrayList<>(a);
    if (b != null) all.addAll(b);
    return all;
  }
}
