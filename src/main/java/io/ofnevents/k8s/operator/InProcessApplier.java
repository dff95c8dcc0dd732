package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every resource's routes in this process (`--runtime in-process`), for clusters without Camel
 * K. All routes share one camel-main runtime, because the in-memory bus lives in one Camel context;
 * any change restarts it after a short quiet period, so a burst of changes costs one restart. The
 * trade-off: a restart drops what the in-memory bus and in-memory condition state hold (JetStream
 * buses redeliver unacknowledged events).
 */
final class InProcessApplier implements Applier, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessApplier.class);
  static final Duration QUIET = Duration.ofMillis(300);
  static final Duration RETRY = Duration.ofSeconds(5);

  private final RuntimeOptions options;
  private final Map<ResourceId, Outcome.Plan> desired = new TreeMap<>();
  private final ScheduledExecutorService restarts =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ofn-in-process-restart"));
  private ScheduledFuture<?> pending;
  private Map<ResourceId, Outcome.Plan> running = Map.of();
  private OfnRuntime runtime;

  InProcessApplier(RuntimeOptions options) {
    this.options = options;
  }

  @Override
  public synchronized String apply(
      ResourceId id, GenericKubernetesResource owner, Outcome.Plan plan) {
    if (!plan.hasRoutes()) {
      delete(id);
      return "defines no event: nothing to run";
    }
    Outcome.Plan previous = desired.put(id, plan);
    if (previous == null
        || !previous.routes().yaml().equals(plan.routes().yaml())
        || !previous.secretLiterals().equals(plan.secretLiterals())) {
      scheduleRestart(QUIET);
    }
    return "routes run in the operator (in-process runtime)";
  }

  @Override
  public synchronized void delete(ResourceId id) {
    if (desired.remove(id) != null) scheduleRestart(QUIET);
  }

  @Override
  public boolean sharesInMemoryBus() {
    return true;
  }

  private void scheduleRestart(Duration delay) {
    if (pending != null) pending.cancel(false);
    pending = restarts.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void restart() {
    Map<ResourceId, Outcome.Plan> snapshot;
    synchronized (this) {
      snapshot = new TreeMap<>(desired);
    }
    if (snapshot.equals(running)) return;
    try {
      stopRuntime();
      if (!snapshot.isEmpty()) {
        runtime = new OfnRuntime(bundle(snapshot), options);
        runtime.start();
      }
      running = snapshot;
      LOG.info("In-process runtime running {} resource(s)", snapshot.size());
    } catch (Exception e) {
      // Keep the desired state; try again, since a bus or sink may simply not be up yet.
      LOG.error("In-process runtime failed to start, retrying in {}: {}", RETRY, e.getMessage());
      stopRuntime();
      running = Map.of();
      synchronized (this) {
        scheduleRestart(RETRY);
      }
    }
  }

  private static Bundle bundle(Map<ResourceId, Outcome.Plan> plans) {
    List<RouteFile> routes = new ArrayList<>();
    Map<String, String> secrets = new TreeMap<>();
    String properties = "";
    for (Outcome.Plan p : plans.values()) {
      routes.add(p.routes());
      secrets.putAll(p.secretLiterals());
      properties = p.applicationProperties();
    }
    return new Bundle(List.copyOf(routes), properties, List.of(), secrets);
  }

  private void stopRuntime() {
    if (runtime == null) return;
    try {
      runtime.close();
    } catch (Exception e) {
      LOG.warn("In-process runtime did not stop cleanly: {}", e.getMessage());
    }
    runtime = null;
  }

  @Override
  public void close() {
    restarts.shutdownNow();
    try {
      restarts.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopRuntime();
  }
}
