package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.runtime.console.EventRecorder;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every resource's routes in this process (`--runtime in-process`), for clusters without Camel
 * K. All routes share one camel-main runtime, because the in-memory bus lives in one Camel context;
 * any change restarts it after a short quiet period, so a burst of changes costs one restart. The
 * trade-off: a restart drops what the in-memory bus and in-memory condition state hold (JetStream
 * buses redeliver unacknowledged events).
 *
 * <p>A resource is running only once all of its routes started. Camel's supervising route
 * controller starts the routes, so a route that fails to start (its NATS stream cannot be made, its
 * broker is down) fails only its own resource and is retried with backoff without restarting the
 * others. A start that fails as a whole (the management port is taken, a route cannot even be
 * created) fails every resource, or only the one a route creation names (see {@link
 * SharedRuntime}), and is tried again later. The state of every resource is watched and each change
 * is reported to the operator, which writes the status.
 */
final class InProcessApplier implements Applier, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessApplier.class);
  static final Duration QUIET = Duration.ofMillis(300);
  static final Duration RETRY = Duration.ofSeconds(5);

  /** Retrying a failed resource restarts the healthy ones too: back off up to this. */
  static final Duration MAX_RETRY = Duration.ofMinutes(5);

  /** How often the routes' states are looked at. */
  static final Duration WATCH = Duration.ofMillis(500);

  /** What the last (re)start came to: the plans it tried, and where each stands now. */
  private record Attempt(Map<ResourceId, Outcome.Plan> tried, Map<ResourceId, Applied> states) {
    static final Attempt NONE = new Attempt(Map.of(), Map.of());
  }

  private final Map<ResourceId, Outcome.Plan> desired = new TreeMap<>();
  private final ScheduledExecutorService restarts =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ofn-in-process-restart"));
  private ScheduledFuture<?> pending;
  private volatile Attempt last = Attempt.NONE;
  private volatile Consumer<ResourceId> listener = id -> {};
  // Only the restart thread touches these.
  private final SharedRuntime runtime;
  private int retries;
  private final KubernetesClient client;
  private final IngressExposure ingress;
  private final EventRecorder recorder;

  /**
   * `options`: the runtime's (management and ingress ports, the token of `/api/parked`'s writes);
   * `ingress`: how the Brokers' ingress is exposed; `recorder`: records the recent events of every
   * runtime started, for the console.
   */
  InProcessApplier(
      RuntimeOptions options,
      KubernetesClient client,
      IngressExposure ingress,
      EventRecorder recorder) {
    this.client = client;
    this.ingress = ingress;
    this.recorder = recorder;
    Map<String, String> properties = new TreeMap<>(options.properties());
    // A route that fails to start is retried by Camel, alone, instead of failing the runtime.
    properties.putIfAbsent("camel.routecontroller.enabled", "true");
    properties.putIfAbsent("camel.routecontroller.backOffDelay", String.valueOf(RETRY.toMillis()));
    properties.putIfAbsent("camel.routecontroller.backOffMultiplier", "2");
    properties.putIfAbsent(
        "camel.routecontroller.backOffMaxDelay", String.valueOf(MAX_RETRY.toMillis()));
    this.runtime =
        new SharedRuntime(
            new RuntimeOptions(
                options.managementPort(),
                options.kameletLocation(),
                properties,
                options.apiToken(),
                options.ingressPort()),
            recorder);
    restarts.scheduleWithFixedDelay(
        this::watch, WATCH.toMillis(), WATCH.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized Applied apply(
      ResourceId id, GenericKubernetesResource owner, Outcome.Plan plan) {
    if (!plan.hasRoutes()) {
      delete(id);
      return Applied.running("defines no event: nothing to run");
    }
    Outcome.Plan previous = desired.put(id, plan);
    if (previous == null || !sameRoutes(previous, plan)) scheduleRestart(QUIET);
    return state(id, plan);
  }

  /** Where `plan` of `id` stands after the last start. */
  private Applied state(ResourceId id, Outcome.Plan plan) {
    Attempt a = last;
    Outcome.Plan tried = a.tried().get(id);
    if (tried == null || !sameRoutes(tried, plan)) {
      return new Applied(Applied.State.PENDING, "waiting for the in-process runtime to start it");
    }
    return a.states().getOrDefault(id, RouteOwners.PENDING);
  }

  @Override
  public synchronized void delete(ResourceId id) {
    if (desired.remove(id) != null) scheduleRestart(QUIET);
  }

  @Override
  public boolean sharesInMemoryBus() {
    return true;
  }

  @Override
  public boolean scalesWorkloads() {
    return false;
  }

  @Override
  public void onChange(Consumer<ResourceId> listener) {
    this.listener = listener;
  }

  /** One Service for the runtime's ingress port (see {@link IngressExposure}). */
  @Override
  public String address(ResourceId addressable) {
    return Addressables.is(addressable.kind()) ? ingress.url(addressable) : null;
  }

  @Override
  public void lead() {
    ingress.lead(client);
  }

  /** Where the runtimes record their recent events (for the console). */
  EventRecorder recorder() {
    return recorder;
  }

  /** The CamelContext of the runtime running now, null while none does (for the console). */
  CamelContext context() {
    return runtime.context();
  }

  @Override
  public void standby() {
    ingress.follow(client);
    synchronized (this) {
      desired.clear();
      if (pending != null) pending.cancel(false);
      pending = null;
    }
    try {
      restarts
          .submit(
              () -> {
                runtime.stop();
                last = Attempt.NONE;
                retries = 0;
              })
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warn("Stopping the in-process runtime failed: {}", e.getCause().toString());
    }
  }

  private static boolean sameRoutes(Outcome.Plan a, Outcome.Plan b) {
    return a.routes().yaml().equals(b.routes().yaml())
        && a.secretLiterals().equals(b.secretLiterals());
  }

  private synchronized void scheduleRestart(Duration delay) {
    if (pending != null) pending.cancel(false);
    pending = restarts.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void restart() {
    Map<ResourceId, Outcome.Plan> snapshot;
    synchronized (this) {
      snapshot = new TreeMap<>(desired);
    }
    Attempt previous = last;
    // `running` is what the runtime runs; a start that failed as a whole left it empty.
    if (snapshot.equals(runtime.running())) return;
    if (!snapshot.equals(previous.tried())) retries = 0;
    Map<ResourceId, String> failures = runtime.start(snapshot);
    Map<ResourceId, Applied> states = new TreeMap<>();
    snapshot.keySet().forEach(id -> states.put(id, RouteOwners.PENDING));
    states.putAll(runtime.states());
    failures.forEach((id, why) -> states.put(id, new Applied(Applied.State.FAILED, why)));
    publish(new Attempt(Map.copyOf(snapshot), Map.copyOf(states)));
    if (failures.isEmpty()) {
      LOG.info("In-process runtime started with {} resource(s)", snapshot.size());
    } else {
      // Nothing runs: try again soon. Some run: each try restarts them too, so back off.
      Duration delay = runtime.running().isEmpty() ? RETRY : backoff(retries++);
      LOG.error(
          "In-process runtime: {} of {} resource(s) not started, starting again in {}",
          failures.size(),
          snapshot.size(),
          delay);
      scheduleRestart(delay);
    }
  }

  /** Looks at the routes of the running runtime and publishes what changed. */
  private void watch() {
    try {
      Map<ResourceId, Applied> now = runtime.states();
      if (now.isEmpty()) return;
      Attempt a = last;
      Map<ResourceId, Applied> states = new TreeMap<>(a.states());
      states.putAll(now);
      if (!states.equals(a.states())) publish(new Attempt(a.tried(), Map.copyOf(states)));
    } catch (RuntimeException e) {
      LOG.warn("Cannot read the in-process routes' state: {}", e.toString());
    }
  }

  /** Makes `next` the state, and tells the operator about every resource whose state moved. */
  private void publish(Attempt next) {
    Attempt before = last;
    last = next;
    for (ResourceId id : next.tried().keySet()) {
      if (!next.states().get(id).equals(before.states().get(id))
          || !next.tried().get(id).equals(before.tried().get(id))) {
        if (next.states().get(id).state() == Applied.State.FAILED) {
          LOG.warn("In-process runtime: {}: {}", id, next.states().get(id).message());
        }
        listener.accept(id);
      }
    }
  }

  static Duration backoff(int retry) {
    Duration d = RETRY.multipliedBy(1L << Math.min(retry, 6));
    return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
  }

  @Override
  public void close() {
    restarts.shutdownNow();
    try {
      restarts.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runtime.stop();
  }
}
