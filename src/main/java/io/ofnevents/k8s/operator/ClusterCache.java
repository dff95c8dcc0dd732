package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The informers' view of our four kinds: reconciling reads it instead of calling the API. */
final class ClusterCache {
  private final Map<Kind, SharedIndexInformer<GenericKubernetesResource>> informers =
      new EnumMap<>(Kind.class);

  void put(Kind kind, SharedIndexInformer<GenericKubernetesResource> informer) {
    informers.put(kind, informer);
  }

  Optional<GenericKubernetesResource> get(ResourceId id) {
    String key = Cache.namespaceKeyFunc(id.namespace(), id.name());
    return Optional.ofNullable(informers.get(id.kind()).getStore().getByKey(key));
  }

  List<GenericKubernetesResource> list(Kind kind) {
    return informers.get(kind).getStore().list();
  }

  boolean synced() {
    return !informers.isEmpty()
        && informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  void stop() {
    informers.values().forEach(SharedIndexInformer::stop);
  }
}
