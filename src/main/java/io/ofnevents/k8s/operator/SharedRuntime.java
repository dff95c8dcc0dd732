package io.ofnevents.k8s.operator;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.runtime.console.EventRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one camel-main runtime of the in-process operator and the plans it runs. Used from one thread
 * only (the applier's restart thread).
 */
final class SharedRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(SharedRuntime.class);

  private final RuntimeOptions options;
  private final EventRecorder recorder;
  // read by the console's threads too
  private volatile OfnRuntime runtime;
  private volatile Map<ResourceId, Outcome.Plan> running = Map.of();

  SharedRuntime(RuntimeOptions options, EventRecorder recorder) {
    this.options = options;
    this.recorder = recorder;
  }

  /** The context of the runtime running now; null while none does. */
  CamelContext context() {
    OfnRuntime r = runtime;
    return r == null || running.isEmpty() ? null : r.context();
  }

  /** What runs now (empty when nothing does, e.g. after a start failed as a whole). */
  Map<ResourceId, Outcome.Plan> running() {
    return running;
  }

  /**
   * Starts `plans` in place of what ran; returns why the resources that do not run failed. A start
   * that names the route it could not create leaves that resource out and starts the rest again,
   * until a start succeeds or fails for a reason they share (or the same cause again).
   */
  Map<ResourceId, String> start(Map<ResourceId, Outcome.Plan> plans) {
    stop();
    Map<ResourceId, Outcome.Plan> attempt = new TreeMap<>(plans);
    Map<ResourceId, String> failures = new TreeMap<>();
    String previousCause = null;
    while (!attempt.isEmpty()) {
      try {
        OfnRuntime next = new OfnRuntime(bundle(attempt), options).withEventRecorder(recorder);
        runtime = next;
        next.start();
        running = Map.copyOf(attempt);
        return failures;
      } catch (Exception e) {
        stop();
        String cause = RouteOwners.rootMessage(e);
        Optional<ResourceId> culprit = new RouteOwners(attempt).ownerOf(e);
        if (culprit.isEmpty() || cause.equals(previousCause)) {
          String why = "the in-process runtime failed to start: " + cause;
          attempt.keySet().forEach(id -> failures.put(id, why));
          break;
        }
        failures.put(culprit.get(), "its routes cannot be created in the operator: " + cause);
        attempt.remove(culprit.get());
        previousCause = cause;
      }
    }
    return failures;
  }

  /** Where each running resource stands (empty when nothing runs). */
  Map<ResourceId, Applier.Applied> states() {
    if (runtime == null || running.isEmpty()) return Map.of();
    return new RouteOwners(running).states(runtime.context());
  }

  void stop() {
    running = Map.of();
    if (runtime == null) return;
    try {
      runtime.close();
    } catch (Exception e) {
      LOG.warn("In-process runtime did not stop cleanly: {}", e.getMessage());
    }
    runtime = null;
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
}
