package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Problem;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.address.Destinations;
import io.ofnevents.model.load.Loaded;
import io.ofnevents.model.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a resource is planned with, from the cache: the buses visible from its namespace and from
 * the namespaces its destinations name, and the Brokers there (a Trigger's Broker, a Broker as a
 * destination or an OpenFunction input: their subjects and buses), and the Sequences and Parallels
 * there (a destination: their first subject). A Broker or flow that fails to load or to validate is
 * left out, so that one broken one does not stop its neighbours; a broken bus stays, so that its
 * users say why instead of falling back to another bus.
 */
final class Inputs {
  /** The kinds of a context. */
  private static final List<Kind> CONTEXT =
      List.of(
          Kind.EVENT_BUS,
          Kind.KN_BROKER,
          Kind.KN_SEQUENCE,
          Kind.KN_PARALLEL,
          Kind.CLUSTER_EVENT_BUS);

  private static final Set<Kind> FLOWS = Set.of(Kind.KN_SEQUENCE, Kind.KN_PARALLEL);

  /** What may be left out of a context when it does not validate (not a bus). */
  private static final Set<Kind> SKIPPABLE =
      Set.of(Kind.KN_BROKER, Kind.KN_SEQUENCE, Kind.KN_PARALLEL);

  private Inputs() {}

  /**
   * The context of `r` (not `r` itself); the flows only when they are ours (with Knative's own CRDs
   * its controllers serve them, so their subjects would lead nowhere).
   */
  static List<Loaded> of(Resource r, ClusterCache cache, KnativeApis apis) {
    Set<String> namespaces = new TreeSet<>();
    namespaces.add(r.namespace());
    for (Destinations.Ref ref : Destinations.refsOf(r)) {
      if (ref.namespace() != null) namespaces.add(ref.namespace());
    }
    List<Loaded> context = new ArrayList<>();
    for (Kind kind : CONTEXT) {
      if (FLOWS.contains(kind) && apis.owner(kind) != KnativeApis.Owner.OFN_EVENTS) continue;
      for (GenericKubernetesResource g : cache.list(kind)) {
        if (kind.namespaced() && !namespaces.contains(g.getMetadata().getNamespace())) continue;
        for (Loaded l : Resources.load(kind, g).resources()) {
          if (!l.resource().id().equals(r.id())) context.add(l);
        }
      }
    }
    return valid(context);
  }

  /** The buses of `context` (what OpenFunction's bus lookup reads). */
  static List<Loaded> buses(List<Loaded> context) {
    return context.stream()
        .filter(
            l ->
                l.resource().kind() == Kind.EVENT_BUS
                    || l.resource().kind() == Kind.CLUSTER_EVENT_BUS)
        .toList();
  }

  private static List<Loaded> valid(List<Loaded> context) {
    List<Problem> problems = Validator.validate(context);
    Set<ResourceId> broken = new TreeSet<>();
    problems.stream()
        .filter(Problem::isError)
        .map(Problem::resource)
        .forEach(
            id -> {
              if (id != null) broken.add(id);
            });
    return context.stream()
        .filter(
            l -> !SKIPPABLE.contains(l.resource().kind()) || !broken.contains(l.resource().id()))
        .toList();
  }
}
