package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ofnevents.compile.Names;
import io.ofnevents.model.Kind;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two operator replicas on one Lease against the mock API server: one reconciles; when it stops or
 * loses the Lease, the other takes over and reconciles.
 */
class OperatorHaTest {
  static final String LEASE = Names.operatorLease(null);

  MockCluster cluster;
  final List<KubernetesClient> clients = new ArrayList<>();
  final List<Operator> operators = new ArrayList<>();

  @BeforeEach
  void start() {
    cluster = new MockCluster();
  }

  @AfterEach
  void stop() {
    operators.forEach(Operator::close);
    clients.forEach(KubernetesClient::close);
    cluster.close();
  }

  /** A replica with its own client, as a separate pod would have. */
  private Operator replica(String identity) {
    KubernetesClient client = cluster.server.createClient();
    clients.add(client);
    var election =
        new LeaderElection(
            "default",
            LEASE,
            identity,
            Duration.ofSeconds(2),
            Duration.ofMillis(1500),
            Duration.ofMillis(200));
    Operator o = Operator.camelK(client, null, OperatorTest.VERSION, election);
    operators.add(o);
    o.start();
    return o;
  }

  @Test
  void whenTheLeaderStopsTheOtherReplicaTakesOverAndReconciles() {
    Operator a = replica("a");
    await().atMost(OperatorTest.WAIT).until(a::leading);
    Operator b = replica("b");
    await().atMost(OperatorTest.WAIT).until(b::ready);
    // b stays a follower while a renews its Lease.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !b.leading());
    assertThat(holder()).isEqualTo("a");
    cluster.apply(OperatorTest.BUS);
    cluster.apply(OperatorTest.SOURCE);
    await()
        .atMost(OperatorTest.WAIT)
        .until(() -> cluster.integration("default", "es-clock") != null);

    a.close();
    // a released the Lease on its way out: b need not wait for it to expire.
    await().atMost(OperatorTest.WAIT).until(b::leading);
    assertThat(holder()).isEqualTo("b");
    cluster.apply(OperatorTest.SOURCE.replace("@every 2s", "@every 7s"));
    awaitPeriod(7000);
  }

  @Test
  void aLeaderThatLosesItsLeaseStopsAndTheNewHolderReconciles() {
    Operator a = replica("a");
    await().atMost(OperatorTest.WAIT).until(a::leading);
    Operator b = replica("b");
    await().atMost(OperatorTest.WAIT).until(b::ready);
    cluster.apply(OperatorTest.BUS);
    cluster.apply(OperatorTest.SOURCE);
    await()
        .atMost(OperatorTest.WAIT)
        .until(
            () ->
                "True".equals(cluster.ready(Kind.EVENT_SOURCE, "default", "clock").get("status")));

    // The Lease now names b, as after a's renewals failed and b acquired it.
    cluster
        .client
        .resources(Lease.class)
        .inNamespace("default")
        .withName(LEASE)
        .edit(
            l -> {
              l.getSpec().setHolderIdentity("b");
              l.getSpec().setRenewTime(ZonedDateTime.now());
              return l;
            });
    await().atMost(OperatorTest.WAIT).until(() -> b.leading() && !a.leading());
    cluster.apply(OperatorTest.SOURCE.replace("@every 2s", "@every 9s"));
    awaitPeriod(9000);
    // a keeps campaigning but stays a follower while b renews.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !a.leading());
    assertThat(holder()).isEqualTo("b");
  }

  /**
   * Waits until the Integration of `clock` has the timer period a reconcile of the change gives.
   */
  private void awaitPeriod(int millis) {
    await()
        .atMost(OperatorTest.WAIT)
        .until(
            () ->
                OperatorTest.flows(cluster.integration("default", "es-clock"))
                    .toString()
                    .contains("period=" + millis));
  }

  private String holder() {
    Lease lease =
        cluster.client.resources(Lease.class).inNamespace("default").withName(LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
