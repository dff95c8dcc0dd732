package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller loop: informers on the {@link Watched} kinds feed a work queue of EventSources and
 * Triggers; one worker reconciles them, on the replica that leads (see {@link Leadership}): every
 * replica keeps its informers running, so a new leader starts from a warm cache. A bus change
 * queues every resource naming that bus by `spec.eventBus`, including those that failed because it
 * was missing (upstream keyed this on a label written only after success, so they never recovered).
 */
public final class Operator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Operator.class);

  /** Sink refs are not watched: resources using them are re-resolved this often. */
  static final Duration REF_RESYNC = Duration.ofMinutes(5);

  private final KubernetesClient client;
  private final String namespace;
  private final Applier applier;
  private final ClusterCache cache;
  private final Reconciler reconciler;
  private final Leadership leadership;

  /** The worker of the current term of leadership; null while another replica leads. */
  private volatile Worker worker;

  /**
   * @param namespace the one namespace to watch, or null for all (ClusterEventBus is always
   *     cluster-wide)
   * @param election the Lease to elect a leader on, or null to lead at once (one replica only)
   */
  public Operator(
      KubernetesClient client,
      String namespace,
      Applier applier,
      String version,
      LeaderElection election) {
    this.client = client;
    this.namespace = namespace;
    this.applier = applier;
    this.cache = new ClusterCache(Watched.informers(client, namespace, this::changed));
    applier.onChange(this::enqueue);
    this.leadership =
        election == null ? null : new Leadership(client, election, this::lead, this::follow);
    this.reconciler =
        new Reconciler(
            cache,
            new SinkRefs(client),
            applier,
            new StatusWriter(client, Clock.systemUTC()),
            version);
  }

  /** An operator applying Camel K Integrations; `election` null: it leads at once. */
  public static Operator camelK(
      KubernetesClient client, String namespace, String version, LeaderElection election) {
    return new Operator(client, namespace, new CamelKApplier(client, version), version, election);
  }

  /** A lone operator (no leader election) applying Camel K Integrations. */
  public static Operator camelK(KubernetesClient client, String namespace, String version) {
    return camelK(client, namespace, version, null);
  }

  /** An operator running every resource's routes itself; `election` null: it leads at once. */
  public static Operator inProcess(
      KubernetesClient client,
      String namespace,
      io.ofnevents.runtime.RuntimeOptions options,
      String version,
      LeaderElection election) {
    return new Operator(client, namespace, new InProcessApplier(options), version, election);
  }

  /** A lone operator (no leader election) running every resource's routes itself. */
  public static Operator inProcess(
      KubernetesClient client,
      String namespace,
      io.ofnevents.runtime.RuntimeOptions options,
      String version) {
    return inProcess(client, namespace, options, version, null);
  }

  /**
   * Starts every informer at once and waits until each has listed its kind (on every replica, so a
   * new leader starts from a warm cache), then reconciles, or campaigns to.
   */
  public void start() {
    cache.start();
    LOG.info(
        "Operator watching {} ({} runtime)",
        namespace == null ? "all namespaces" : "namespace " + namespace,
        applier instanceof InProcessApplier ? "in-process" : "Camel K");
    if (leadership == null) {
      lead();
    } else {
      leadership.start();
    }
  }

  /** Becomes the active replica: a new worker, with every resource queued. */
  private synchronized void lead() {
    if (worker != null) return;
    Worker w =
        new Worker(
            reconciler,
            id -> cache.get(id).map(r -> Resources.hasSinkRef(Resources.spec(r))).orElse(false),
            REF_RESYNC);
    worker = w;
    for (Kind kind : Watched.reconciled()) {
      for (GenericKubernetesResource r : cache.list(kind)) w.add(Resources.id(kind, r));
    }
    w.start();
    LOG.info("Leading: reconciling every resource");
  }

  /** Another replica leads: stop reconciling and stop whatever runs in this process. */
  private synchronized void follow() {
    Worker w = worker;
    if (w == null) return;
    worker = null;
    w.stop();
    applier.standby();
    LOG.info("Not leading any more: stopped reconciling");
  }

  /** Whether this replica reconciles (it leads, or runs without leader election). */
  public boolean leading() {
    return worker != null;
  }

  /** Whether the worker of a leader runs (the liveness of the operator); a follower is live. */
  public boolean live() {
    Worker w = worker;
    return w == null || w.alive();
  }

  /** Whether every informer has listed its kind once (a follower is ready to take over). */
  public boolean ready() {
    return cache.synced() && live();
  }

  private void changed(Kind kind, GenericKubernetesResource r) {
    Watched.affected(kind, r, cache).forEach(this::enqueue);
  }

  private void enqueue(ResourceId id) {
    Worker w = worker;
    // A follower drops it: a new leader queues every resource when its term starts.
    if (w != null) w.add(id);
  }

  /**
   * Stops reconciling and whatever runs here, then releases the Lease (a leader), so that another
   * replica takes over at once and never while this one still acts.
   */
  @Override
  public void close() {
    follow();
    if (leadership != null) leadership.close();
    cache.stop();
    if (applier instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("Stopping the runtime failed: {}", e.getMessage());
      }
    }
  }
}
