package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ofnevents.k8s.operator.status.Cluster;
import io.ofnevents.k8s.operator.status.Observed;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.util.Optional;

/**
 * Other resources for a kind's status: from the cache for the kinds we watch (their changes
 * reconcile whoever mentions them), from the API for the others (a dependency on a source we do not
 * serve), whose plural fabric8 finds by discovery.
 */
record ClusterLookup(KubernetesClient client, ClusterCache cache) implements Cluster {
  @Override
  public Optional<Observed> get(String apiVersion, String kind, String namespace, String name) {
    Kind k = watched(apiVersion, kind);
    GenericKubernetesResource r =
        k != null
            ? cache.get(new ResourceId(k, namespace, name)).orElse(null)
            : client
                .genericKubernetesResources(apiVersion, kind)
                .inNamespace(namespace)
                .withName(name)
                .get();
    if (r == null) return Optional.empty();
    return Optional.of(new Observed(r.getMetadata().getGeneration(), StatusWriter.status(r)));
  }

  @Override
  public boolean watches(String apiVersion, String kind) {
    return watched(apiVersion, kind) != null;
  }

  private Kind watched(String apiVersion, String kind) {
    if (apiVersion == null || kind == null) return null;
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return Kind.of(group, kind).filter(cache::watches).orElse(null);
  }
}
