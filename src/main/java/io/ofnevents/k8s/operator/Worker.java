package io.ofnevents.k8s.operator;

import io.ofnevents.model.ResourceId;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One term of leadership: a work queue of resources and the thread that reconciles them one at a
 * time, retrying failures with backoff. A new leader starts a new worker with an empty queue and
 * queues every resource; the old worker finishes its current reconcile and ends.
 */
final class Worker {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final WorkQueue<ResourceId> queue = new WorkQueue<>();
  private final Reconciler reconciler;
  private final Predicate<ResourceId> usesRefs;
  private final Duration refResync;
  private final Thread thread = new Thread(this::work, "ofn-operator-worker");

  /** `usesRefs`: whether a resource's sink refs must be resolved again after `refResync`. */
  Worker(Reconciler reconciler, Predicate<ResourceId> usesRefs, Duration refResync) {
    this.reconciler = reconciler;
    this.usesRefs = usesRefs;
    this.refResync = refResync;
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void add(ResourceId id) {
    queue.add(id);
  }

  boolean alive() {
    return thread.isAlive();
  }

  /** Takes no new key; returns once the reconcile in progress (if any) is done. */
  void stop() {
    queue.shutdown();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
        if (usesRefs.test(id)) queue.addAfter(id, refResync);
      }
    } catch (RuntimeException e) {
      // API errors (conflicts, timeouts, RBAC): try again later; the status is left as it was.
      Duration delay = queue.retry(id);
      LOG.warn("Reconciling {} failed, retrying in {}: {}", id, delay, e.toString());
    }
  }
}
