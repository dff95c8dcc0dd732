package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ofnevents.model.Kind;
import io.ofnevents.testing.FreePorts;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** Starting the operator on a cluster that already holds resources of every watched kind. */
class OperatorStartTest {
  @Test
  void noHandlerReadsTheCacheOfAKindNotStartedYet() {
    try (MockCluster cluster = new MockCluster();
        CapturedLog errors = new CapturedLog("io.fabric8", Level.ERROR)) {
      // Bus events re-queue the resources naming the bus, which reads the Trigger cache: before
      // the fix the Trigger informer was created only after the bus informers had listed.
      cluster.apply(OperatorTest.BUS);
      cluster.apply(OperatorTest.CLUSTER_BUS);
      cluster.apply(OperatorTest.SOURCE);
      cluster.apply(OperatorTest.TRIGGER);
      try (Operator operator = Operator.camelK(cluster.client, null, OperatorTest.VERSION)) {
        operator.start();
        cluster.awaitStatus(
            OperatorTest.WAIT, "True", Kind.EVENT_SOURCE, "clock", Kind.TRIGGER, "watch");
      }
      assertThat(errors.lines()).as("errors of informer handlers").isEmpty();
    }
  }

  @Test
  void anUnreachableApiServerFailsTheStartWithTheClientError() {
    var config =
        new ConfigBuilder()
            .withMasterUrl("http://127.0.0.1:" + FreePorts.pick())
            .withRequestRetryBackoffLimit(0)
            .build();
    try (var client = new KubernetesClientBuilder().withConfig(config).build();
        Operator operator = Operator.camelK(client, null, OperatorTest.VERSION)) {
      // OperatorCommand turns this exception into its one-line "cannot list" message.
      assertThatThrownBy(operator::start).isInstanceOf(KubernetesClientException.class);
    }
  }
}
