package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller loop: informers on the {@link #WATCHED} kinds feed a work queue of EventSources
 * and Triggers; one worker reconciles them. A bus change queues every resource naming that bus by
 * `spec.eventBus`, including those that failed because it was missing (upstream keyed this on a
 * label written only after success, so they never recovered).
 */
public final class Operator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Operator.class);

  /** What the operator does with a kind it watches. */
  enum Role {
    /** Has a workload and a status: reconciled on its own changes. */
    RECONCILED,
    /** A bus: its changes reconcile every resource naming it in `spec.eventBus`. */
    BUS
  }

  /** Every kind the operator watches; adding a kind is one line here (and its RBAC rule). */
  static final Map<Kind, Role> WATCHED =
      Collections.unmodifiableMap(
          new EnumMap<>(
              Map.of(
                  Kind.EVENT_SOURCE, Role.RECONCILED,
                  Kind.TRIGGER, Role.RECONCILED,
                  Kind.EVENT_BUS, Role.BUS,
                  Kind.CLUSTER_EVENT_BUS, Role.BUS)));

  /** Sink refs are not watched: resources using them are re-resolved this often. */
  static final Duration REF_RESYNC = Duration.ofMinutes(5);

  private final KubernetesClient client;
  private final String namespace;
  private final Applier applier;
  private final ClusterCache cache;
  private final WorkQueue<ResourceId> queue = new WorkQueue<>();
  private final Reconciler reconciler;
  private final Thread worker = new Thread(this::work, "ofn-operator-worker");

  /**
   * @param namespace the one namespace to watch, or null for all (ClusterEventBus is always
   *     cluster-wide)
   */
  public Operator(KubernetesClient client, String namespace, Applier applier, String version) {
    this.client = client;
    this.namespace = namespace;
    this.applier = applier;
    this.cache = new ClusterCache(informers());
    applier.onChange(queue::add);
    this.reconciler =
        new Reconciler(
            cache,
            new SinkRefs(client),
            applier,
            new StatusWriter(client, Clock.systemUTC()),
            version);
  }

  /** An operator applying Camel K Integrations. */
  public static Operator camelK(KubernetesClient client, String namespace, String version) {
    return new Operator(client, namespace, new CamelKApplier(client, version), version);
  }

  /** An operator running every resource's routes itself. */
  public static Operator inProcess(
      KubernetesClient client,
      String namespace,
      io.ofnevents.runtime.RuntimeOptions options,
      String version) {
    return new Operator(client, namespace, new InProcessApplier(options), version);
  }

  /**
   * One informer per watched kind, created (not started) with its handler, so that the cache is
   * complete before the first event is delivered.
   */
  private Map<Kind, SharedIndexInformer<GenericKubernetesResource>> informers() {
    Map<Kind, SharedIndexInformer<GenericKubernetesResource>> informers = new EnumMap<>(Kind.class);
    for (Kind kind : WATCHED.keySet()) {
      var resources = client.genericKubernetesResources(Resources.context(kind));
      var informer =
          kind.namespaced() && namespace != null
              ? resources.inNamespace(namespace).runnableInformer(0)
              : resources.inAnyNamespace().runnableInformer(0);
      informer.addEventHandler(handler(kind));
      informers.put(kind, informer);
    }
    return informers;
  }

  /** Starts every informer at once, waits until each has listed its kind, then reconciles. */
  public void start() {
    cache.start();
    worker.setDaemon(true);
    worker.start();
    LOG.info(
        "Operator watching {} ({} runtime)",
        namespace == null ? "all namespaces" : "namespace " + namespace,
        applier instanceof InProcessApplier ? "in-process" : "Camel K");
  }

  /** Whether the worker runs (the liveness of the operator). */
  public boolean live() {
    return worker.isAlive();
  }

  /** Whether every informer has listed its kind once. */
  public boolean ready() {
    return cache.synced() && worker.isAlive();
  }

  private ResourceEventHandler<GenericKubernetesResource> handler(Kind kind) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource r) {
        changed(kind, r);
      }

      @Override
      public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        // Status updates (ours included) and resyncs change nothing we read.
        if (Resources.specChanged(before, after)) changed(kind, after);
      }

      @Override
      public void onDelete(GenericKubernetesResource r, boolean unknownFinalState) {
        changed(kind, r);
      }
    };
  }

  private void changed(Kind kind, GenericKubernetesResource r) {
    if (WATCHED.get(kind) == Role.RECONCILED) {
      queue.add(Resources.id(kind, r));
      return;
    }
    String bus = r.getMetadata().getName();
    String busNamespace = kind.namespaced() ? r.getMetadata().getNamespace() : null;
    for (Kind user : reconciled()) {
      for (GenericKubernetesResource u : cache.list(user)) {
        boolean inScope =
            busNamespace == null || busNamespace.equals(u.getMetadata().getNamespace());
        if (inScope && bus.equals(Resources.eventBus(u))) queue.add(Resources.id(user, u));
      }
    }
  }

  static List<Kind> reconciled() {
    return WATCHED.entrySet().stream()
        .filter(e -> e.getValue() == Role.RECONCILED)
        .map(Map.Entry::getKey)
        .toList();
  }

  private void work() {
    try {
      while (true) {
        Optional<ResourceId> next = queue.take();
        if (next.isEmpty()) return;
        process(next.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void process(ResourceId id) {
    try {
      if (reconciler.reconcile(id) == Reconciler.Result.RETRY) {
        queue.retry(id);
      } else {
        queue.forget(id);
        if (usesRefs(id)) queue.addAfter(id, REF_RESYNC);
      }
    } catch (RuntimeException e) {
      // API errors (conflicts, timeouts, RBAC): try again later; the status is left as it was.
      Duration delay = queue.retry(id);
      LOG.warn("Reconciling {} failed, retrying in {}: {}", id, delay, e.toString());
    }
  }

  private boolean usesRefs(ResourceId id) {
    return cache.get(id).map(r -> Resources.hasSinkRef(Resources.spec(r))).orElse(false);
  }

  @Override
  public void close() {
    queue.shutdown();
    cache.stop();
    try {
      worker.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (applier instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("Stopping the runtime failed: {}", e.getMessage());
      }
    }
  }
}
