package io.ofnevents.k8s.operator;

import com.sun.net.httpserver.HttpHandler;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.ApiToken;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.runtime.console.Console;
import io.ofnevents.runtime.console.EventRecorder;
import io.ofnevents.runtime.console.LiveState;
import io.ofnevents.runtime.console.RuntimeConsole;
import io.ofnevents.runtime.console.RuntimeLive;
import io.ofnevents.runtime.parking.ParkedApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller loop: informers on the {@link Watched} kinds feed a work queue of the resources
 * with a status; one worker reconciles them, on the replica that leads (see {@link Leadership}):
 * every replica keeps its informers running, so a new leader starts from a warm cache. A bus change
 * queues every resource that may use that bus, including those that failed because it was missing
 * (upstream keyed this on a label written only after success, so they never recovered). The Knative
 * kinds are watched when the cluster serves them, at start or once their CRDs appear ({@link
 * KnativeApis}).
 */
public final class Operator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Operator.class);

  /**
   * Sink refs are not watched: resources using them are re-resolved this often, and so are
   * ApiServerSources (the namespaces they select and the RBAC of their service account).
   */
  static final Duration REF_RESYNC = Duration.ofMinutes(5);

  /** How long a CRD that appeared may take to be served before its kind is given up. */
  static final Duration CRD_ESTABLISHED = Duration.ofSeconds(60);

  private final KubernetesClient client;
  private final String namespace;
  private final Applier applier;
  private final ClusterCache cache;
  private final KnativeApis apis;
  private final Reconciler reconciler;
  private final Leadership leadership;
  private final ConsoleResources console;
  private final ScheduledExecutorService kinds =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ofn-operator-kinds"));

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
    List<Kind> core = Watched.KINDS.keySet().stream().filter(k -> !k.isKnative()).toList();
    this.cache = new ClusterCache(Watched.informers(client, namespace, core, this::changed));
    this.apis = new KnativeApis(client);
    applier.onChange(this::enqueue);
    this.leadership =
        election == null ? null : new Leadership(client, election, this::lead, this::follow);
    this.console =
        new ConsoleResources(
            cache,
            applier instanceof InProcessApplier in
                ? new RuntimeLive(in::context, in.recorder())
                : LiveState.NONE);
    StatusWriter status = new StatusWriter(client, Clock.systemUTC());
    this.reconciler =
        new Reconciler(
            cache,
            new SinkRefs(client),
            applier,
            status,
            version,
            new KnReconciler(client, cache, apis, applier, status, console, version),
            console);
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

  /**
   * An operator running every resource's routes itself; `election` null: it leads at once;
   * `ingress`: how the Brokers' ingress is exposed.
   */
  public static Operator inProcess(
      KubernetesClient client,
      String namespace,
      RuntimeOptions options,
      String version,
      LeaderElection election,
      IngressExposure ingress) {
    return new Operator(
        client,
        namespace,
        new InProcessApplier(
            options, client, ingress, new EventRecorder(RuntimeConsole.EVENTS_PER_RESOURCE)),
        version,
        election);
  }

  /** As above, the Brokers' ingress (if on) reached at this host, without a Service. */
  public static Operator inProcess(
      KubernetesClient client,
      String namespace,
      RuntimeOptions options,
      String version,
      LeaderElection election) {
    return inProcess(
        client,
        namespace,
        options,
        version,
        election,
        IngressExposure.outsidePod(options.ingressPort(), "localhost"));
  }

  /** A lone operator (no leader election) running every resource's routes itself. */
  public static Operator inProcess(
      KubernetesClient client, String namespace, RuntimeOptions options, String version) {
    return inProcess(client, namespace, options, version, null);
  }

  /**
   * Starts every informer at once and waits until each has listed its kind (on every replica, so a
   * new leader starts from a warm cache), then reconciles, or campaigns to.
   */
  public void start() {
    List<Kind> optional = apis.discover(Watched.optional());
    cache.start(Watched.informers(client, namespace, optional, this::changed));
    apis.watchCrds(crd -> kinds.execute(() -> appeared(crd, Instant.now().plus(CRD_ESTABLISHED))));
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

  /**
   * A CRD appeared or changed: when it is one of the optional kinds not watched yet, watch that
   * kind once the API serves it (looked at again every second until `deadline`: a new CRD takes a
   * moment to be established). Its informer queues each of its resources.
   */
  private void appeared(String crd, Instant deadline) {
    Kind kind = KnativeApis.kindOfCrd(crd, Watched.optional());
    if (kind == null || cache.watches(kind)) return;
    try {
      if (apis.discover(List.of(kind)).isEmpty()) {
        if (Instant.now().isBefore(deadline)) {
          kinds.schedule(() -> appeared(crd, deadline), 1, TimeUnit.SECONDS);
        } else {
          LOG.warn("The CRD {} is not served after {}: {} not watched", crd, CRD_ESTABLISHED, kind);
        }
        return;
      }
      if (cache.add(kind, Watched.informer(client, namespace, kind, this::changed))) {
        LOG.info("Watching {} (its CRD {} appeared)", kind, crd);
      }
    } catch (RuntimeException e) {
      LOG.warn("Cannot watch {} yet: {}", kind, e.toString());
      if (Instant.now().isBefore(deadline)) {
        kinds.schedule(() -> appeared(crd, deadline), 1, TimeUnit.SECONDS);
      }
    }
  }

  /** Becomes the active replica: a new worker, with every resource queued. */
  private synchronized void lead() {
    if (worker != null) return;
    applier.lead();
    Worker w =
        new Worker(
            reconciler,
            // an ApiServerSource's namespaces and RBAC are not watched either
            id ->
                id.kind() == Kind.KN_API_SERVER_SOURCE
                    || cache
                        .get(id)
                        .map(r -> Resources.hasSinkRef(Resources.spec(r)))
                        .orElse(false),
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
  /**
   * The console of the resources this operator manages, for its health server: the page at `/`, its
   * API at `/api/`, and in-process the parked events of the runtime at `/api/parked` (writes need
   * `token`).
   */
  public Map<String, HttpHandler> console(ApiToken token) {
    Console c = new Console(console, token);
    Map<String, HttpHandler> handlers = new LinkedHashMap<>();
    handlers.put("/", c.page());
    handlers.put("/api/", c.api());
    if (applier instanceof InProcessApplier in) {
      handlers.put(ParkedApi.PATH, new ParkedApi(in::context, token));
    }
    return handlers;
  }

  @Override
  public void close() {
    follow();
    if (leadership != null) leadership.close();
    kinds.shutdownNow();
    apis.close();
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
