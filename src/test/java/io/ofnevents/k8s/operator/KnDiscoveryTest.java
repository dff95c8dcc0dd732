package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.model.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Which Knative resources the operator serves: none until the cluster serves their kinds (their
 * CRDs may come after the operator), all with our CRDs, and only our Broker class (and its
 * Triggers) next to Knative Eventing's own CRDs, whose controllers serve the rest.
 */
class KnDiscoveryTest {
  static final String OURS_CLASS =
      "metadata: {name: ofn, namespace: default, annotations: {eventing.knative.dev/broker.class: OfnEvents}}";

  @Test
  void knativeCrdsInstalledAfterTheStartAreServed() {
    try (MockCluster cluster = new MockCluster(false);
        Operator operator = Operator.camelK(cluster.client, null, OperatorTest.VERSION)) {
      operator.start();
      await().atMost(OperatorTest.WAIT).until(operator::ready);
      cluster.apply(KnOperatorTest.BUS);
      cluster.installKnativeCrds(true);
      cluster.apply(KnOperatorTest.BROKER);
      cluster.apply(KnOperatorTest.TRIGGER);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(cluster.ready(Kind.KN_BROKER, "default", "default"))
                    .containsEntry("status", "True");
                assertThat(cluster.ready(Kind.KN_TRIGGER, "default", "orders"))
                    .containsEntry("status", "True");
              });
    }
  }

  @Test
  void nextToKnativeOnlyOurBrokerClassAndItsTriggersAreServed() {
    try (MockCluster cluster = new MockCluster(false)) {
      cluster.installKnativeCrds(false);
      cluster.apply(KnOperatorTest.BUS);
      // Knative's webhook would have set the class of these; its controllers serve them
      cluster.apply(
          KnOperatorTest.BROKER.replace(
              "metadata: {name: default, namespace: default}",
              "metadata: {name: default, namespace: default, annotations: {eventing.knative.dev/broker.class: MTChannelBasedBroker}}"));
      cluster.apply(KnOperatorTest.TRIGGER);
      cluster.apply(KnOperatorTest.PING);
      cluster.apply(KnFlowOperatorTest.SEQUENCE);
      cluster.apply(KnFlowOperatorTest.PARALLEL);
      cluster.apply(
          KnOperatorTest.BROKER.replace(
              "metadata: {name: default, namespace: default}", OURS_CLASS));
      cluster.apply(
          KnOperatorTest.TRIGGER
              .replace("name: orders", "name: ours")
              .replace("broker: default", "broker: ofn"));
      try (Operator operator = Operator.camelK(cluster.client, null, OperatorTest.VERSION)) {
        operator.start();
        await()
            .atMost(OperatorTest.WAIT)
            .untilAsserted(
                () -> {
                  assertThat(cluster.ready(Kind.KN_BROKER, "default", "ofn"))
                      .containsEntry("status", "True");
                  assertThat(cluster.ready(Kind.KN_TRIGGER, "default", "ours"))
                      .containsEntry("status", "True");
                });
        assertThat(cluster.integration("default", "kn-broker-ofn")).isNotNull();
        // untouched: no status, no Integration, no defaulting of our own
        assertThat(cluster.status(Kind.KN_BROKER, "default", "default")).isEmpty();
        assertThat(cluster.status(Kind.KN_TRIGGER, "default", "orders")).isEmpty();
        assertThat(cluster.status(Kind.KN_PING_SOURCE, "default", "ping")).isEmpty();
        assertThat(cluster.integration("default", "kn-broker-default")).isNull();
        assertThat(cluster.integration("default", "kn-trigger-orders")).isNull();
        assertThat(cluster.integration("default", "kn-pingsource-ping")).isNull();
        // Knative's flow controllers serve every Sequence and Parallel
        assertThat(cluster.status(Kind.KN_SEQUENCE, "default", "seq")).isEmpty();
        assertThat(cluster.status(Kind.KN_PARALLEL, "default", "par")).isEmpty();
        assertThat(cluster.integration("default", "kn-sequence-seq")).isNull();
        assertThat(cluster.integration("default", "kn-parallel-par")).isNull();
      }
    }
  }
}
