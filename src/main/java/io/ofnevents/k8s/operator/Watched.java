package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** The kinds the operator watches, their informers, and what a change of each must reconcile. */
final class Watched {
  /** What the operator does with a kind it watches. */
  enum Role {
    /** Has a workload and a status: reconciled on its own changes. */
    RECONCILED,
    /** A bus: its changes reconcile every resource naming it in `spec.eventBus`. */
    BUS
  }

  /** Every kind the operator watches; adding a kind is one line here (and its RBAC rule). */
  static final Map<Kind, Role> KINDS =
      Collections.unmodifiableMap(
          new EnumMap<>(
              Map.of(
                  Kind.EVENT_SOURCE, Role.RECONCILED,
                  Kind.TRIGGER, Role.RECONCILED,
                  Kind.EVENT_BUS, Role.BUS,
                  Kind.CLUSTER_EVENT_BUS, Role.BUS)));

  private Watched() {}

  static List<Kind> reconciled() {
    return KINDS.entrySet().stream()
        .filter(e -> e.getValue() == Role.RECONCILED)
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * One informer per watched kind (in `namespace`, or all when null; cluster-scoped kinds
   * everywhere), created but not started, each telling `changed` of every add, spec change and
   * delete, so that the cache is complete before the first event is delivered.
   */
  static Map<Kind, SharedIndexInformer<GenericKubernetesResource>> informers(
      KubernetesClient client,
      String namespace,
      BiConsumer<Kind, GenericKubernetesResource> changed) {
    Map<Kind, SharedIndexInformer<GenericKubernetesResource>> informers = new EnumMap<>(Kind.class);
    for (Kind kind : KINDS.keySet()) {
      var resources = client.genericKubernetesResources(Resources.context(kind));
      var informer =
          kind.namespaced() && namespace != null
              ? resources.inNamespace(namespace).runnableInformer(0)
              : resources.inAnyNamespace().runnableInformer(0);
      informer.addEventHandler(handler(kind, changed));
      informers.put(kind, informer);
    }
    return informers;
  }

  /** What a change of `r` must reconcile: itself, or every resource naming the bus `r`. */
  static List<ResourceId> affected(Kind kind, GenericKubernetesResource r, ClusterCache cache) {
    if (KINDS.get(kind) == Role.RECONCILED) return List.of(Resources.id(kind, r));
    List<ResourceId> users = new ArrayList<>();
    String bus = r.getMetadata().getName();
    String busNamespace = kind.namespaced() ? r.getMetadata().getNamespace() : null;
    for (Kind user : reconciled()) {
      for (GenericKubernetesResource u : cache.list(user)) {
        boolean inScope =
            busNamespace == null || busNamespace.equals(u.getMetadata().getNamespace());
        if (inScope && bus.equals(Resources.eventBus(u))) users.add(Resources.id(user, u));
      }
    }
    return users;
  }

  private static ResourceEventHandler<GenericKubernetesResource> handler(
      Kind kind, BiConsumer<Kind, GenericKubernetesResource> changed) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource r) {
        changed.accept(kind, r);
      }

      @Override
      public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        // Status updates (ours included) and resyncs change nothing we read.
        if (Resources.specChanged(before, after)) changed.accept(kind, after);
      }

      @Override
      public void onDelete(GenericKubernetesResource r, boolean unknownFinalState) {
        changed.accept(kind, r);
      }
    };
  }
}
