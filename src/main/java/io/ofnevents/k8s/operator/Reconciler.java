package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.Loaded;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reconciles one resource: plan from the cached cluster state, apply the plan (or delete what ran
 * when the resource is gone), and write its status; the Knative kinds through {@link KnReconciler}.
 * A resource in error keeps what it last ran, as upstream did; only its deletion (or defining no
 * event) stops it.
 */
final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  /** What the work loop should do after a reconcile. */
  enum Result {
    DONE,
    RETRY
  }

  private final ClusterCache cache;
  private final SinkRefs refs;
  private final Applier applier;
  private final StatusWriter status;
  private final String version;
  private final KnReconciler knative;
  private final ConsoleResources console;

  Reconciler(
      ClusterCache cache,
      SinkRefs refs,
      Applier applier,
      StatusWriter status,
      String version,
      KnReconciler knative,
      ConsoleResources console) {
    this.cache = cache;
    this.refs = refs;
    this.applier = applier;
    this.status = status;
    this.version = version;
    this.knative = knative;
    this.console = console;
  }

  Result reconcile(ResourceId id) {
    MDC.put("resource.kind", id.kind().kindName());
    MDC.put("resource.namespace", id.namespace());
    MDC.put("resource.name", id.name());
    try {
      GenericKubernetesResource cr = cache.get(id).orElse(null);
      if (cr == null || cr.getMetadata().getDeletionTimestamp() != null) {
        applier.delete(id);
        console.remove(id);
        LOG.debug("Gone: stopped what it ran");
        return Result.DONE;
      }
      if (id.kind().isKnative()) return knative.reconcile(id, cr);
      LoadResult loaded = Resources.load(id.kind(), cr);
      Outcome outcome =
          Planner.plan(
              loaded,
              context(loaded),
              refs::resolve,
              version,
              new Planner.Target(applier.sharesInMemoryBus(), applier.scalesWorkloads()));
      console.put(
          id,
          loaded,
          outcome instanceof Outcome.Failed f ? failure(id, f) : List.of(),
          plan(outcome));
      if (outcome instanceof Outcome.Plan plan) {
        Applier.Applied applied;
        try {
          applied = applier.apply(id, cr, plan);
        } catch (Applier.Rejected e) {
          return report(
              id, cr, new Outcome.Failed(e.reason(), e.getMessage(), plan.eventBus(), false));
        }
        List<String> warnings = new ArrayList<>(plan.warnings());
        warnings.addAll(applied.warnings());
        String message =
            warnings.isEmpty()
                ? applied.message()
                : applied.message() + "; warnings: " + String.join("; ", warnings);
        write(id, cr, ready(id.kind(), applied.state(), message, plan.eventBus()));
        return Result.DONE;
      }
      return report(id, cr, (Outcome.Failed) outcome);
    } finally {
      MDC.remove("resource.kind");
      MDC.remove("resource.namespace");
      MDC.remove("resource.name");
    }
  }

  /** Writes why `id` is not ready; what it ran before keeps running. */
  private Result report(ResourceId id, GenericKubernetesResource cr, Outcome.Failed failed) {
    var ready =
        new StatusWriter.Ready(
            StatusWriter.Status.FALSE, failed.reason(), failed.message(), failed.eventBus());
    if (write(id, cr, ready)) LOG.warn("Not ready: {}: {}", failed.reason(), failed.message());
    return failed.retry() ? Result.RETRY : Result.DONE;
  }

  private boolean write(ResourceId id, GenericKubernetesResource cr, StatusWriter.Ready ready) {
    return status.write(id.kind(), cr, ready);
  }

  /**
   * The Ready condition of an applied plan: True once it runs, Unknown while it waits for the
   * runtime to start it, False with upstream's workload reason when it failed to start, False with
   * `ConnectionUnavailable` while a connection its routes need is down (the applier reports each
   * change, so the status follows without a retry here).
   */
  static StatusWriter.Ready ready(
      Kind kind, Applier.Applied.State state, String message, String bus) {
    return switch (state) {
      case RUNNING ->
          new StatusWriter.Ready(StatusWriter.Status.TRUE, readyReason(kind), message, bus);
      case PENDING ->
          new StatusWriter.Ready(StatusWriter.Status.UNKNOWN, Outcome.PENDING, message, bus);
      case FAILED ->
          new StatusWriter.Ready(
              StatusWriter.Status.FALSE, Outcome.errorCreating(kind), message, bus);
      case UNAVAILABLE ->
          new StatusWriter.Ready(
              StatusWriter.Status.FALSE,
              io.ofnevents.k8s.operator.status.Run.UNAVAILABLE_REASON,
              message,
              bus);
    };
  }

  /** Upstream's success reasons. */
  static String readyReason(Kind kind) {
    return kind == Kind.EVENT_SOURCE ? "EventSourceIsReady" : "TriggerIsReady";
  }

  /**
   * The buses visible from the resource's namespace and the Brokers it may publish to or read (see
   * {@link Inputs}); a bus that fails to load is left out.
   */
  private List<Loaded> context(LoadResult loaded) {
    if (loaded.hasErrors() || loaded.resources().size() != 1) return List.of();
    return knative.inputs(loaded.resources().get(0).resource());
  }

  private static Outcome.Plan plan(Outcome outcome) {
    return outcome instanceof Outcome.Plan p ? p : null;
  }

  /** Why it failed, for the console: the status message as one problem of the resource. */
  private static List<io.ofnevents.model.Problem> failure(ResourceId id, Outcome.Failed f) {
    return List.of(
        io.ofnevents.model.Problem.error(null, 0, id, null, f.reason() + ": " + f.message()));
  }
}
