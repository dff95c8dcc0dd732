package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resources that may read another one: a Broker's Triggers, the resources whose destinations or
 * inputs name it, the Triggers that depend on a source (`knative.dev/dependency`). Kind-blind on
 * purpose, so that a new kind needs no rule here: a resource mentions `ns/name` when its spec holds
 * the string `name` (and it lives in `ns` or its spec holds `ns`), or an annotation value holds
 * `"name"` (the dependency's JSON). At worst this reconciles a resource once too often.
 */
final class Mentions {
  private Mentions() {}

  static List<ResourceId> of(Kind kind, GenericKubernetesResource r, ClusterCache cache) {
    String name = r.getMetadata().getName();
    String namespace = r.getMetadata().getNamespace();
    List<ResourceId> ids = new ArrayList<>();
    for (Kind user : Watched.reconciled()) {
      for (GenericKubernetesResource u : cache.list(user)) {
        if (user == kind && name.equals(u.getMetadata().getName())) continue; // itself
        Set<String> words = strings(Resources.spec(u), new HashSet<>());
        boolean inScope =
            namespace == null
                || namespace.equals(u.getMetadata().getNamespace())
                || words.contains(namespace);
        if (inScope && (words.contains(name) || annotated(u, name))) {
          ids.add(Resources.id(user, u));
        }
      }
    }
    return ids;
  }

  private static boolean annotated(GenericKubernetesResource u, String name) {
    Map<String, String> annotations = u.getMetadata().getAnnotations();
    return annotations != null
        && annotations.values().stream().anyMatch(v -> v != null && v.contains('"' + name + '"'));
  }

  private static Set<String> strings(Object node, Set<String> into) {
    if (node instanceof String s) into.add(s);
    if (node instanceof Map<?, ?> m) m.values().forEach(v -> strings(v, into));
    if (node instanceof List<?> l) l.forEach(v -> strings(v, into));
    return into;
  }
}
