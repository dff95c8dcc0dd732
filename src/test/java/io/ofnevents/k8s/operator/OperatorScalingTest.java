package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.ofnevents.k8s.keda.KedaCrd;
import io.ofnevents.model.Kind;
import io.ofnevents.model.load.YamlLoader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.camel.v1.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** scaleOption in the operator (Camel K mode): the ScaledObject it keeps, against the mock API. */
class OperatorScalingTest {
  static final String SOURCE =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventSource
      metadata: {name: orders, namespace: default}
      spec:
        sink: {uri: "http://sink.default.svc/"}
        kafka:
          placed:
            brokers: kafka:9092
            topic: orders
            authRequired: false
            scaleOption: {lagThreshold: "20", minReplicaCount: 0, maxReplicaCount: 4}
      """;

  static final String SCALE_OPTION =
      "      scaleOption: {lagThreshold: \"20\", minReplicaCount: 0, maxReplicaCount: 4}\n";

  MockCluster cluster;
  Operator operator;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    operator = Operator.camelK(cluster.client, null, OperatorTest.VERSION);
    operator.start();
    await().atMost(OperatorTest.WAIT).until(operator::ready);
  }

  @AfterEach
  void stop() {
    operator.close();
    cluster.close();
  }

  @Test
  void aScaleOptionBecomesAScaledObjectOfTheIntegrationOwnedByTheResource() throws IOException {
    cluster.apply(SOURCE);
    await().atMost(OperatorTest.WAIT).until(() -> scaledObject("es-orders") != null);
    GenericKubernetesResource so = scaledObject("es-orders");
    assertThat(so.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("EventSource");
              assertThat(o.getName()).isEqualTo("orders");
              assertThat(o.getController()).isTrue();
            });
    // What the API server holds is valid for KEDA's own CRD.
    assertThat(KedaCrd.schema().validate(new KubernetesSerialization().convertValue(so, Map.class)))
        .isEmpty();
    Map<?, ?> spec = (Map<?, ?>) so.getAdditionalProperties().get("spec");
    assertThat(((Map<?, ?>) spec.get("scaleTargetRef")).get("name")).isEqualTo("es-orders");
    assertThat(spec.get("maxReplicaCount")).isEqualTo(4);
    await()
        .atMost(OperatorTest.WAIT)
        .untilAsserted(
            () ->
                assertThat(cluster.ready(Kind.EVENT_SOURCE, "default", "orders"))
                    .containsEntry("status", "True")
                    .containsEntry(
                        "message",
                        "Integration es-orders applied, scaled by KEDA ScaledObject es-orders"));

    cluster.delete(Kind.EVENT_SOURCE, "default", "orders");
    await().atMost(OperatorTest.WAIT).until(() -> scaledObject("es-orders") == null);
  }

  @Test
  void kedasReplicasAreKeptWhileScaledAndOursComeBackWithoutAScaledObject() {
    cluster.apply(SOURCE);
    await().atMost(OperatorTest.WAIT).until(() -> scaledObject("es-orders") != null);
    // KEDA scaled the Integration to zero through its scale subresource.
    var integrations = cluster.client.resources(Integration.class).inNamespace("default");
    integrations
        .withName("es-orders")
        .edit(
            i -> {
              i.getSpec().setReplicas(0);
              return i;
            });
    cluster.apply(SOURCE.replace("maxReplicaCount: 4", "maxReplicaCount: 6"));
    await()
        .atMost(OperatorTest.WAIT)
        .until(
            () ->
                Integer.valueOf(6)
                    .equals(
                        ((Map<?, ?>)
                                scaledObject("es-orders").getAdditionalProperties().get("spec"))
                            .get("maxReplicaCount")));
    cluster.apply(SOURCE.replace("topic: orders", "topic: orders-v2"));
    await()
        .atMost(OperatorTest.WAIT)
        .until(
            () ->
                OperatorTest.flows(cluster.integration("default", "es-orders"))
                    .toString()
                    .contains("orders-v2"));
    assertThat(cluster.integration("default", "es-orders").getSpec().getReplicas()).isZero();

    // No scaleOption any more: the ScaledObject goes, and the Integration is not left at zero.
    cluster.apply(SOURCE.replace(SCALE_OPTION, ""));
    await()
        .atMost(OperatorTest.WAIT)
        .untilAsserted(
            () -> {
              assertThat(scaledObject("es-orders")).isNull();
              assertThat(cluster.integration("default", "es-orders").getSpec().getReplicas())
                  .isNull();
            });
  }

  @Test
  void aScaleOptionKedaWouldRefuseIsReportedAndNothingIsApplied() {
    cluster.apply(SOURCE.replace("minReplicaCount: 0", "minReplicaCount: 5"));
    await()
        .atMost(OperatorTest.WAIT)
        .untilAsserted(
            () ->
                assertThat(cluster.ready(Kind.EVENT_SOURCE, "default", "orders"))
                    .containsEntry("status", "False")
                    .containsEntry("reason", "ErrorGenerateScaledObject")
                    .containsEntry(
                        "message",
                        "spec.kafka.placed.scaleOption.minReplicaCount: 5 is more than maxReplicaCount 4"));
    assertThat(scaledObject("es-orders")).isNull();
    assertThat(cluster.integration("default", "es-orders")).isNull();
  }

  @Test
  void inProcessAScaleOptionIsAWarningThatItHasNoEffect() {
    var loaded = YamlLoader.load("x.yaml", SOURCE, "default");
    Outcome outcome =
        Planner.plan(
            loaded,
            List.of(),
            r -> Map.of(),
            OperatorTest.VERSION,
            new Planner.Target(true, false));
    assertThat(outcome).isInstanceOf(Outcome.Plan.class);
    Outcome.Plan plan = (Outcome.Plan) outcome;
    assertThat(plan.scaledObject()).isNull();
    assertThat(plan.warnings())
        .containsExactly(
            "spec.kafka.placed.scaleOption: has no effect in-process: every route runs in the"
                + " operator, there is no workload to scale");
  }

  private GenericKubernetesResource scaledObject(String name) {
    return cluster
        .client
        .genericKubernetesResources(Scaling.CONTEXT)
        .inNamespace("default")
        .withName(name)
        .get();
  }
}
