package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ofnevents.k8s.operator.status.ApiServerSourceStatus;
import io.ofnevents.k8s.operator.status.BrokerStatus;
import io.ofnevents.k8s.operator.status.KindStatus;
import io.ofnevents.k8s.operator.status.KnTriggerStatus;
import io.ofnevents.k8s.operator.status.ParallelStatus;
import io.ofnevents.k8s.operator.status.PingSourceStatus;
import io.ofnevents.k8s.operator.status.SequenceStatus;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/** The kinds the operator watches, their informers, and what a change of each must reconcile. */
final class Watched {
  /** What the operator does with a kind it watches. */
  enum Role {
    /** Has a workload and a status: reconciled on its own changes. */
    RECONCILED,
    /**
     * Reconciled, and read by others (a Trigger's Broker, a destination, a Trigger's dependency):
     * its changes, its Ready condition's too, also reconcile every resource that mentions it.
     */
    REFERENCED,
    /** A bus: its changes reconcile every resource that may use it. */
    BUS
  }

  /**
   * How the operator treats one kind: its role, and for a Knative kind the class that writes its
   * status (null: an OpenFunction kind, with upstream's one `Ready` condition).
   */
  record Watch(Role role, KindStatus status) {
    boolean reconciled() {
      return role != Role.BUS;
    }
  }

  /**
   * Every kind the operator watches; adding a kind is one line here, its status class, and its RBAC
   * rule. The Knative kinds are watched only when the cluster serves them ({@link KnativeApis}).
   */
  static final Map<Kind, Watch> KINDS =
      Collections.unmodifiableMap(
          new EnumMap<>(
              Map.of(
                  Kind.EVENT_SOURCE, new Watch(Role.RECONCILED, null),
                  Kind.TRIGGER, new Watch(Role.RECONCILED, null),
                  Kind.EVENT_BUS, new Watch(Role.BUS, null),
                  Kind.CLUSTER_EVENT_BUS, new Watch(Role.BUS, null),
                  Kind.KN_BROKER, new Watch(Role.REFERENCED, new BrokerStatus()),
                  Kind.KN_TRIGGER, new Watch(Role.RECONCILED, new KnTriggerStatus()),
                  Kind.KN_PING_SOURCE, new Watch(Role.REFERENCED, new PingSourceStatus()),
                  Kind.KN_SEQUENCE, new Watch(Role.REFERENCED, new SequenceStatus()),
                  Kind.KN_PARALLEL, new Watch(Role.REFERENCED, new ParallelStatus()),
                  Kind.KN_API_SERVER_SOURCE,
                      new Watch(Role.REFERENCED, new ApiServerSourceStatus()))));

  private Watched() {}

  /** The kinds with a status, in Kind order. */
  static List<Kind> reconciled() {
    return KINDS.entrySet().stream()
        .filter(e -> e.getValue().reconciled())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The watched kinds of an API that a cluster may not serve (their CRDs are optional). */
  static List<Kind> optional() {
    return KINDS.keySet().stream().filter(Kind::isKnative).toList();
  }

  static KindStatus status(Kind kind) {
    Watch w = KINDS.get(kind);
    return w == null ? null : w.status();
  }

  /**
   * One informer per kind of `kinds` (in `namespace`, or all when null; cluster-scoped kinds
   * everywhere), created but not started, each telling `changed` of every add, change and delete,
   * so that the cache is complete before the first event is delivered.
   */
  static Map<Kind, SharedIndexInformer<GenericKubernetesResource>> informers(
      KubernetesClient client,
      String namespace,
      Collection<Kind> kinds,
      BiConsumer<Kind, GenericKubernetesResource> changed) {
    Map<Kind, SharedIndexInformer<GenericKubernetesResource>> informers = new EnumMap<>(Kind.class);
    for (Kind kind : kinds) informers.put(kind, informer(client, namespace, kind, changed));
    return informers;
  }

  static SharedIndexInformer<GenericKubernetesResource> informer(
      KubernetesClient client,
      String namespace,
      Kind kind,
      BiConsumer<Kind, GenericKubernetesResource> changed) {
    var resources = client.genericKubernetesResources(Resources.context(kind));
    var informer =
        kind.namespaced() && namespace != null
            ? resources.inNamespace(namespace).runnableInformer(0)
            : resources.inAnyNamespace().runnableInformer(0);
    informer.addEventHandler(handler(kind, changed));
    return informer;
  }

  /**
   * What a change of `r` must reconcile: itself; for a referenced kind also every resource that
   * mentions it; for a bus every resource that may use it.
   */
  static List<ResourceId> affected(Kind kind, GenericKubernetesResource r, ClusterCache cache) {
    Role role = KINDS.get(kind).role();
    List<ResourceId> ids = new ArrayList<>();
    if (role != Role.BUS) ids.add(Resources.id(kind, r));
    if (role == Role.REFERENCED) ids.addAll(Mentions.of(kind, r, cache));
    if (role == Role.BUS) ids.addAll(busUsers(kind, r, cache));
    return ids;
  }

  /**
   * The users of a bus: OpenFunction resources naming it in `spec.eventBus` (including those that
   * failed because it was missing), and every Knative resource in its scope, whose bus follows from
   * a Broker's `spec.config` or the namespace's default.
   */
  private static List<ResourceId> busUsers(
      Kind kind, GenericKubernetesResource r, ClusterCache cache) {
    List<ResourceId> users = new ArrayList<>();
    String bus = r.getMetadata().getName();
    String busNamespace = kind.namespaced() ? r.getMetadata().getNamespace() : null;
    for (Kind user : reconciled()) {
      for (GenericKubernetesResource u : cache.list(user)) {
        boolean inScope =
            busNamespace == null || busNamespace.equals(u.getMetadata().getNamespace());
        if (inScope && (user.isKnative() || bus.equals(Resources.eventBus(u)))) {
          users.add(Resources.id(user, u));
        }
      }
    }
    return users;
  }

  private static ResourceEventHandler<GenericKubernetesResource> handler(
      Kind kind, BiConsumer<Kind, GenericKubernetesResource> changed) {
    boolean referenced = KINDS.get(kind).role() == Role.REFERENCED;
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource r) {
        changed.accept(kind, r);
      }

      @Override
      public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        // Status updates (ours included) and resyncs change nothing we read, except the readiness
        // and address of a kind others read (a Trigger is Ready only once its Broker is).
        if (Resources.specChanged(before, after) || (referenced && !sameReadiness(before, after))) {
          changed.accept(kind, after);
        }
      }

      @Override
      public void onDelete(GenericKubernetesResource r, boolean unknownFinalState) {
        changed.accept(kind, r);
      }
    };
  }

  private static boolean sameReadiness(GenericKubernetesResource a, GenericKubernetesResource b) {
    return Objects.equals(Resources.readyStatus(a), Resources.readyStatus(b))
        && Objects.equals(
            StatusWriter.status(a).get("address"), StatusWriter.status(b).get("address"));
  }
}
