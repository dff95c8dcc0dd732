package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a `coordination.k8s.io` Lease (fabric8's LeaderElector): of the replicas
 * campaigning on one Lease, one leads. A leader that stops releases the Lease, so another takes
 * over after one retry period; one that cannot renew it in time (or finds another holder) stops
 * leading and campaigns again. The start and stop callbacks run one at a time, in order, on a
 * thread of their own, never on the elector's.
 */
final class Leadership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  private final KubernetesClient client;
  private final LeaderElection config;
  private final Runnable onStart;
  private final Runnable onStop;
  private final ExecutorService transitions =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "ofn-operator-leadership"));
  private CompletableFuture<?> campaign;
  private boolean closed;

  Leadership(KubernetesClient client, LeaderElection config, Runnable onStart, Runnable onStop) {
    this.client = client;
    this.config = config;
    this.onStart = onStart;
    this.onStop = onStop;
  }

  /** Campaigns (again) unless closed; a LeaderElector runs once, so each campaign has its own. */
  synchronized void start() {
    if (closed) return;
    var elector =
        client
            .leaderElector()
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName(config.name())
                    .withLock(new LeaseLock(config.namespace(), config.name(), config.identity()))
                    .withLeaseDuration(config.lease())
                    .withRenewDeadline(config.renew())
                    .withRetryPeriod(config.retry())
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(
                        new LeaderCallbacks(
                            () -> run(onStart),
                            () -> run(onStop),
                            leader ->
                                LOG.info(
                                    "Lease {}/{} held by {}",
                                    config.namespace(),
                                    config.name(),
                                    leader == null || leader.isEmpty() ? "nobody" : leader)))
                    .build())
            .build();
    campaign = elector.start();
    campaign.whenComplete(
        (v, t) -> {
          // Leadership lost (or never won before an error): stand for election again.
          if (t != null && !(t instanceof java.util.concurrent.CancellationException)) {
            LOG.warn("Leader election ended: {}", t.toString());
          }
          start();
        });
  }

  private void run(Runnable transition) {
    try {
      transitions.execute(transition);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed: the operator stops anyway
    }
  }

  /** Stops campaigning; a leader releases the Lease and its stop callback has run on return. */
  @Override
  public void close() {
    CompletableFuture<?> c;
    synchronized (this) {
      closed = true;
      c = campaign;
    }
    if (c != null) c.cancel(true);
    transitions.shutdown();
    try {
      transitions.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
