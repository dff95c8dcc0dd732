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
 * The informers' view of the watched kinds: reconciling reads it instead of calling the API. The
 * map of informers is immutable and replaced whole when a kind is added (its CRD appeared), and an
 * informer is in it before it starts, so a handler thread reading the store of a kind whose
 * informer has not listed yet sees an empty store, and a kind not watched (yet) reads as empty,
 * never as a missing store.
 */
final class ClusterCache {
  private volatile Map<Kind, SharedIndexInformer<GenericKubernetesResource>> informers;

  /** `informers`: one informer per kind the cluster serves at start, created but not started. */
  ClusterCache(Map<Kind, SharedIndexInformer<GenericKubernetesResource>> informers) {
    this.informers = Collections.unmodifiableMap(new EnumMap<>(informers));
  }

  /**
   * Adds `more` (the optional kinds the cluster serves), starts every informer at once and returns
   * when each has listed its kind.
   *
   * @throws KubernetesClientException when a kind cannot be listed (no CRD, no RBAC, no API)
   */
  void start(Map<Kind, SharedIndexInformer<GenericKubernetesResource>> more) {
    synchronized (this) {
      Map<Kind, SharedIndexInformer<GenericKubernetesResource>> all = new EnumMap<>(Kind.class);
      all.putAll(informers);
      all.putAll(more);
      informers = Collections.unmodifiableMap(all);
    }
    await(
        informers.values().stream()
            .map(i -> i.start().toCompletableFuture())
            .toArray(CompletableFuture[]::new));
  }

  /**
   * Watches `kind` from now on: the informer joins the cache, starts, and this returns once it
   * listed. False when the kind was watched already (the informer is not started).
   */
  boolean add(Kind kind, SharedIndexInformer<GenericKubernetesResource> informer) {
    synchronized (this) {
      if (informers.containsKey(kind)) return false;
      Map<Kind, SharedIndexInformer<GenericKubernetesResource>> next = new EnumMap<>(Kind.class);
      next.putAll(informers);
      next.put(kind, informer);
      informers = Collections.unmodifiableMap(next);
    }
    await(informer.start().toCompletableFuture());
    return true;
  }

  boolean watches(Kind kind) {
    return informers.containsKey(kind);
  }

  Optional<GenericKubernetesResource> get(ResourceId id) {
    SharedIndexInformer<GenericKubernetesResource> i = informers.get(id.kind());
    if (i == null) return Optional.empty();
    String key = Cache.namespaceKeyFunc(id.namespace(), id.name());
    return Optional.ofNullable(i.getStore().getByKey(key));
  }

  /** The cached resources of `kind`; none when it is not watched. */
  List<GenericKubernetesResource> list(Kind kind) {
    SharedIndexInformer<GenericKubernetesResource> i = informers.get(kind);
    return i == null ? List.of() : i.getStore().list();
  }

  boolean synced() {
    return informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  void stop() {
    informers.values().forEach(SharedIndexInformer::stop);
  }

  private static void await(CompletableFuture<?>... synced) {
    try {
      CompletableFuture.allOf(synced).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof KubernetesClientException k) throw k;
      throw new KubernetesClientException(String.valueOf(e.getCause()), e.getCause());
    }
  }
}
