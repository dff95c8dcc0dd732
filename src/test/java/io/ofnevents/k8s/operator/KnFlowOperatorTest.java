package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.ofnevents.model.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sequences and Parallels (flows.knative.dev/v1) in the operator's Camel K mode against the fabric8
 * mock API server (CRUD mode): the Integration and the Service in front of its ingress,
 * `status.address.url`, the per-step and per-branch lists, Knative's conditions with their bounded
 * reasons, a flow as another kind's destination, and the flows left to Knative next to its CRDs.
 */
class KnFlowOperatorTest {
  static final String SEQUENCE =
      """
      apiVersion: flows.knative.dev/v1
      kind: Sequence
      metadata: {name: seq, namespace: default}
      spec:
        channelTemplate: {apiVersion: messaging.knative.dev/v1, kind: InMemoryChannel}
        steps:
          - uri: "http://first.default.svc/step"
          - uri: "http://second.default.svc/step"
        reply: {uri: "http://reply.default.svc/out"}
      """;
  static final String PARALLEL =
      """
      apiVersion: flows.knative.dev/v1
      kind: Parallel
      metadata: {name: par, namespace: default}
      spec:
        branches:
          - filter: {uri: "http://even.default.svc/filter"}
            subscriber: {uri: "http://even.default.svc/in"}
          - subscriber: {uri: "http://odd.default.svc/in"}
            reply: {uri: "http://odd.default.svc/reply"}
        reply: {uri: "http://reply.default.svc/out"}
      """;
  static final String SEQUENCE_ADDRESS =
      "http://kn-sequence-seq-ingress.default.svc.cluster.local/default/sequences/seq";

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
  void aSequenceIsReadyWithItsAddressAndOneEntryPerStep() {
    cluster.apply(KnOperatorTest.BUS);
    cluster.apply(SEQUENCE);
    awaitCondition(Kind.KN_SEQUENCE, "seq", "Ready", "True");
    Map<String, Object> status = cluster.status(Kind.KN_SEQUENCE, "default", "seq");
    assertThat(status.get("address")).isEqualTo(Map.of("name", "http", "url", SEQUENCE_ADDRESS));
    for (String c : List.of("ChannelsReady", "SubscriptionsReady", "Addressable")) {
      assertThat(cluster.condition(Kind.KN_SEQUENCE, "default", "seq", c))
          .as(c)
          .containsEntry("status", "True");
    }
    assertThat(cluster.conditions(Kind.KN_SEQUENCE, "default", "seq")).hasSize(4);
    Map<String, Object> bus =
        Map.of(
            "apiVersion", "events.openfunction.io/v1alpha1",
            "kind", "EventBus",
            "name", "default",
            "namespace", "default");
    Map<String, Object> ready = Map.of("type", "Ready", "status", "True");
    assertThat(status.get("channelStatuses"))
        .isEqualTo(
            List.of(
                Map.of(
                    "channel", bus, "subject", "knflow.default.seq-kn-sequence-0", "ready", ready),
                Map.of(
                    "channel",
                    bus,
                    "subject",
                    "knflow.default.seq-kn-sequence-1",
                    "ready",
                    ready)));
    assertThat(status.get("subscriptionStatuses"))
        .isEqualTo(
            List.of(
                Map.of("consumer", "default-seq-kn-sequence-0", "ready", ready),
                Map.of("consumer", "default-seq-kn-sequence-1", "ready", ready)));
    assertThat(status.get("annotations"))
        .asInstanceOf(MAP)
        .containsEntry("ofn-events.io/bus", "EventBus/default");

    assertThat(cluster.integration("default", "kn-sequence-seq")).isNotNull();
    Service service =
        cluster.client.services().inNamespace("default").withName("kn-sequence-seq-ingress").get();
    assertThat(service.getSpec().getSelector())
        .containsEntry("camel.apache.org/integration", "kn-sequence-seq");
    assertThat(service.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("Sequence"));

    // a step more: one entry more, the Integration follows
    cluster.apply(
        SEQUENCE.replace(
            "    - uri: \"http://second.default.svc/step\"\n",
            "    - uri: \"http://second.default.svc/step\"\n"
                + "    - uri: \"http://third.default.svc/step\"\n"));
    await()
        .atMost(OperatorTest.WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        cluster.status(Kind.KN_SEQUENCE, "default", "seq").get("channelStatuses"))
                    .asInstanceOf(LIST)
                    .hasSize(3));
    assertThat(cluster.status(Kind.KN_SEQUENCE, "default", "seq").get("subscriptionStatuses"))
        .asInstanceOf(LIST)
        .hasSize(3);
  }

  /**
   * A step that does not resolve: SubscriptionsReady False with the bounded reason and the step,
   * that step's entry says why, nothing applied; Ready once the Service is there.
   */
  @Test
  void aSequenceWithAStepThatDoesNotResolveWaitsForIt() {
    cluster.apply(KnOperatorTest.BUS);
    cluster.apply(
        SEQUENCE.replace(
            "- uri: \"http://second.default.svc/step\"",
            "- ref: {apiVersion: v1, kind: Service, name: second}"));
    awaitReady(Kind.KN_SEQUENCE, "seq", "False", "SubscriberNotResolved");
    assertThat(cluster.condition(Kind.KN_SEQUENCE, "default", "seq", "SubscriptionsReady"))
        .containsEntry("status", "False")
        .containsEntry("message", "spec.steps[1]: cannot find v1 Service default/second");
    List<?> subs =
        (List<?>) cluster.status(Kind.KN_SEQUENCE, "default", "seq").get("subscriptionStatuses");
    assertThat(((Map<?, ?>) subs.get(0)).get("ready"))
        .asInstanceOf(MAP)
        .containsEntry("status", "Unknown")
        .containsEntry("reason", "NotApplied");
    assertThat(((Map<?, ?>) subs.get(1)).get("ready"))
        .asInstanceOf(MAP)
        .containsEntry("status", "False")
        .containsEntry("reason", "SubscriberNotResolved");
    assertThat(cluster.integration("default", "kn-sequence-seq")).isNull();

    cluster
        .client
        .services()
        .inNamespace("default")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("second")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build())
        .create();
    awaitCondition(Kind.KN_SEQUENCE, "seq", "Ready", "True");
    assertThat(cluster.integration("default", "kn-sequence-seq")).isNotNull();
  }

  @Test
  void aParallelIsReadyWithItsAddressAndKnativesThreePartsPerBranch() {
    cluster.apply(KnOperatorTest.BUS);
    cluster.apply(PARALLEL);
    awaitCondition(Kind.KN_PARALLEL, "par", "Ready", "True");
    Map<String, Object> status = cluster.status(Kind.KN_PARALLEL, "default", "par");
    assertThat(status.get("address"))
        .isEqualTo(
            Map.of(
                "name",
                "http",
                "url",
                "http://kn-parallel-par-ingress.default.svc.cluster.local/default/parallels/par"));
    assertThat(status.get("ingressChannelStatus"))
        .asInstanceOf(MAP)
        .containsEntry("subject", "knflow.default.par-kn-parallel");
    assertThat(status.get("branchStatuses")).asInstanceOf(LIST).hasSize(2);
    Map<?, ?> second = (Map<?, ?>) ((List<?>) status.get("branchStatuses")).get(1);
    assertThat(second.get("filterSubscriptionStatus"))
        .asInstanceOf(MAP)
        .containsEntry("consumer", "default-par-kn-parallel-filter-1");
    assertThat(second.get("filterChannelStatus"))
        .asInstanceOf(MAP)
        .containsEntry("subject", "knflow.default.par-kn-parallel-1");
    assertThat(second.get("subscriberSubscriptionStatus"))
        .asInstanceOf(MAP)
        .containsEntry("consumer", "default-par-kn-parallel-1")
        .containsEntry("ready", Map.of("type", "Ready", "status", "True"));
    for (String c : List.of("ChannelsReady", "SubscriptionsReady", "Addressable")) {
      assertThat(cluster.condition(Kind.KN_PARALLEL, "default", "par", c))
          .as(c)
          .containsEntry("status", "True");
    }
    assertThat(cluster.integration("default", "kn-parallel-par")).isNotNull();
    assertThat(
            cluster
                .client
                .services()
                .inNamespace("default")
                .withName("kn-parallel-par-ingress")
                .get())
        .isNotNull();

    // deleted: its Integration goes, as a Broker's does
    cluster
        .client
        .genericKubernetesResources(Resources.context(Kind.KN_PARALLEL))
        .inNamespace("default")
        .withName("par")
        .delete();
    await()
        .atMost(OperatorTest.WAIT)
        .until(() -> cluster.integration("default", "kn-parallel-par") == null);
  }

  /**
   * A flow as a destination: a PingSource's sink and a Trigger's subscriber by ref publish onto its
   * first subject (it is among their inputs) and report its address.
   */
  @Test
  void aFlowIsTheSinkOfAPingSourceAndTheSubscriberOfATrigger() {
    cluster.apply(KnOperatorTest.BUS);
    cluster.apply(KnOperatorTest.BROKER);
    cluster.apply(SEQUENCE);
    cluster.apply(
        KnOperatorTest.PING.replace(
            "{apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}",
            "{apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq}"));
    cluster.apply(
        KnOperatorTest.TRIGGER.replace(
            "subscriber: {uri: \"http://orders.default.svc/in\"}",
            "subscriber: {ref: {apiVersion: flows.knative.dev/v1, kind: Sequence, name: seq}}"));
    awaitCondition(Kind.KN_PING_SOURCE, "ping", "Ready", "True");
    awaitCondition(Kind.KN_TRIGGER, "orders", "Ready", "True");
    assertThat(cluster.status(Kind.KN_PING_SOURCE, "default", "ping"))
        .containsEntry("sinkUri", SEQUENCE_ADDRESS);
    assertThat(cluster.status(Kind.KN_TRIGGER, "default", "orders"))
        .containsEntry("subscriberUri", SEQUENCE_ADDRESS);
    assertThat(cluster.integration("default", "kn-pingsource-ping").getSpec().getFlows().toString())
        .contains("knflow.default.seq-kn-sequence-0");
  }

  /** Without an EventBus default each Integration has its own in-memory bus: Ready says so. */
  @Test
  void aFlowOnTheImplicitInMemoryBusIsWarnedAbout() {
    cluster.apply(SEQUENCE);
    awaitCondition(Kind.KN_SEQUENCE, "seq", "Ready", "True");
    assertThat(cluster.condition(Kind.KN_SEQUENCE, "default", "seq", "Ready").get("message"))
        .asString()
        .contains("the bus it uses is in-memory")
        .doesNotContain("spec.config");
    assertThat(cluster.status(Kind.KN_SEQUENCE, "default", "seq").get("annotations"))
        .asInstanceOf(MAP)
        .containsEntry("ofn-events.io/bus", "inMemory");
    assertThat((List<?>) cluster.status(Kind.KN_SEQUENCE, "default", "seq").get("channelStatuses"))
        .allSatisfy(c -> assertThat(((Map<?, ?>) c).containsKey("channel")).isFalse());
  }

  /** A flow whose bus does not validate: ChannelsReady False (BusInvalid), nothing applied. */
  @Test
  void aFlowOnAnInvalidBusIsNotApplied() {
    cluster.apply(KnOperatorTest.BUS.replace("nats://nats.default.svc:4222", "not a url"));
    cluster.apply(PARALLEL);
    awaitReady(Kind.KN_PARALLEL, "par", "False", "BusInvalid");
    assertThat(cluster.integration("default", "kn-parallel-par")).isNull();
  }

  private void awaitCondition(Kind kind, String name, String type, String status) {
    cluster.awaitCondition(OperatorTest.WAIT, kind, name, type, status, null);
  }

  private void awaitReady(Kind kind, String name, String status, String reason) {
    cluster.awaitCondition(OperatorTest.WAIT, kind, name, "Ready", status, reason);
  }
}
