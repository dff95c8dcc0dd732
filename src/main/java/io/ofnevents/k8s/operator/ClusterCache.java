package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The informers' view of the watched kinds: reconciling reads it instead of calling the API. It is
 * complete and immutable before any informer starts, so a handler thread reading the store of a
 * kind whose informer has not listed yet sees an empty store, never a missing one, and no map is
 * written while another thread reads it.
 */
final class ClusterCache {
  private final Map<Kind, SharedIndexInformer<GenericKubernetesResource>> informers;

  /** `informers`: one informer per watched kind, created but not started. */
  ClusterCache(Map<Kind, SharedIndexInformer<GenericKubernetesResource>> informers) {
    this.informers = Collections.unmodifiableMap(new EnumMap<>(informers));
  }

  /**
   * Starts every informer at once and returns when each has listed its kind.
   *
   * @throws KubernetesClientException when a kind cannot be listed (no CRD, no RBAC, no API)
   */
  void start() {
    CompletableFuture<?>[] synced =
        informers.values().stream()
            .map(i -> i.start().toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(synced).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof KubernetesClientException k) throw k;
      throw new KubernetesClientException(String.valueOf(e.getCause()), e.getCause());
    }
  }

  Optional<GenericKubernetesResource> get(ResourceId id) {
    String key = Cache.namespaceKeyFunc(id.namespace(), id.name());
    return Optional.ofNullable(informer(id.kind()).getStore().getByKey(key));
  }

  List<GenericKubernetesResource> list(Kind kind) {
    return informer(kind).getStore().list();
  }

  boolean synced() {
    return informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  void stop() {
    informers.values().forEach(SharedIndexInformer::stop);
  }

  private SharedIndexInformer<GenericKubernetesResource> informer(Kind kind) {
    SharedIndexInformer<GenericKubernetesResource> i = informers.get(kind);
    if (i == null) throw new IllegalArgumentException(kind + " is not watched");
    return i;
  }
}
