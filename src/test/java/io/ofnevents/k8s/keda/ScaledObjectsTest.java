package io.ofnevents.k8s.keda;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.k8s.StructuralSchemas;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.Loaded;
import io.ofnevents.model.load.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** scaleOption → KEDA ScaledObject, each checked against the CRD schema of KEDA 2.20.2. */
@SuppressWarnings("unchecked")
class ScaledObjectsTest {
  static StructuralSchemas keda;

  static final String KAFKA_SOURCE =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventSource
      metadata: {name: orders, namespace: shop}
      spec:
        sink: {uri: "http://sink.shop.svc/"}
        kafka:
          placed:
            brokers: kafka-0.kafka:9092,kafka-1.kafka:9092
            topic: orders
            authRequired: true
            saslMechanism: SCRAM-SHA-512
            saslUsername: ${env:KAFKA_USER}
            saslPassword: ${env:KAFKA_PASSWORD}
            scaleOption:
              pollingInterval: 15
              cooldownPeriod: 120
              minReplicaCount: 0
              maxReplicaCount: 8
              lagThreshold: "50"
              metadata: {offsetResetPolicy: earliest, allowIdleConsumers: "false"}
              authRef: {name: kafka-sasl, kind: TriggerAuthentication}
              advanced:
                restoreToOriginalReplicaCount: true
                horizontalPodAutoscalerConfig:
                  behavior:
                    scaleDown:
                      stabilizationWindowSeconds: 60
                      policies: [{type: Percent, value: 50, periodSeconds: 30}]
      """;

  static final String STAN_BUS =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventBus
      metadata: {name: default, namespace: shop}
      spec:
        natsStreaming:
          natsURL: nats://nats.shop:4222
          natsStreamingClusterID: stan
          subscriptionType: queue
          durableSubscriptionName: ImDurable
          scaleOption:
            natsServerMonitoringEndpoint: nats.shop.svc:8222
            lagThreshold: "10"
            maxReplicaCount: 5
      """;

  static final String TRIGGER =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: Trigger
      metadata: {name: fulfil, namespace: shop}
      spec:
        eventBus: default
        conditionState: {store: nats}
        inputs:
          placed: {eventSource: orders, event: placed}
          paid: {eventSource: payments, event: paid, namespace: pay}
        subscribers:
          - condition: placed && paid
            sink: {uri: "http://fulfil.shop.svc/"}
      """;

  @BeforeAll
  static void schemas() throws IOException {
    try (InputStream in =
        ScaledObjectsTest.class.getResourceAsStream("/keda/keda.sh_scaledobjects.yaml")) {
      keda = new StructuralSchemas().addCrds(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aKafkaEventSourceScalesOnItsConsumerGroupsLag() {
    ScaledObjects.Scaling s = scaling(KAFKA_SOURCE, "EventSource");
    assertThat(s.errors()).isEmpty();
    assertThat(s.warnings()).isEmpty();
    assertThat(keda.validate(s.scaledObject())).isEmpty();
    assertThat(s.scaledObject())
        .containsEntry("apiVersion", "keda.sh/v1alpha1")
        .containsEntry("kind", "ScaledObject");
    Map<String, Object> spec = (Map<String, Object>) s.scaledObject().get("spec");
    assertThat((Map<String, Object>) spec.get("scaleTargetRef"))
        .isEqualTo(
            Map.of(
                "apiVersion", "camel.apache.org/v1", "kind", "Integration", "name", "es-orders"));
    assertThat(spec)
        .containsEntry("pollingInterval", 15)
        .containsEntry("cooldownPeriod", 120)
        .containsEntry("minReplicaCount", 0)
        .containsEntry("maxReplicaCount", 8);
    assertThat((Map<String, Object>) spec.get("advanced"))
        .containsEntry("restoreToOriginalReplicaCount", true);
    Map<String, Object> trigger =
        (Map<String, Object>) ((List<Object>) spec.get("triggers")).get(0);
    assertThat(trigger).containsEntry("type", "kafka").containsEntry("name", "placed");
    assertThat((Map<String, Object>) trigger.get("authenticationRef"))
        .isEqualTo(Map.of("name", "kafka-sasl", "kind", "TriggerAuthentication"));
    assertThat((Map<String, Object>) trigger.get("metadata"))
        .isEqualTo(
            Map.of(
                "bootstrapServers", "kafka-0.kafka:9092,kafka-1.kafka:9092",
                "topic", "orders",
                // the group the route consumes with: {namespace}-{eventSource}-{event}
                "consumerGroup", "shop-orders-placed",
                "lagThreshold", "50",
                "sasl", "scram_sha512",
                "offsetResetPolicy", "earliest",
                "allowIdleConsumers", "false"));
    Map<String, Object> metadata = (Map<String, Object>) s.scaledObject().get("metadata");
    assertThat(metadata).containsEntry("name", "es-orders").containsEntry("namespace", "shop");
  }

  @Test
  void aTriggerOnANatsStreamingBusScalesOnTheJetStreamConsumersPendingCount() {
    ScaledObjects.Scaling s = scaling(STAN_BUS + "---\n" + TRIGGER, "Trigger");
    assertThat(s.errors()).isEmpty();
    assertThat(s.warnings()).isEmpty();
    assertThat(keda.validate(s.scaledObject())).isEmpty();
    Map<String, Object> spec = (Map<String, Object>) s.scaledObject().get("spec");
    assertThat(((Map<String, Object>) spec.get("scaleTargetRef")).get("name"))
        .isEqualTo("t-fulfil");
    assertThat(spec).containsEntry("maxReplicaCount", 5).doesNotContainKey("minReplicaCount");
    List<Object> triggers = (List<Object>) spec.get("triggers");
    // One per input subject, each the durable the Trigger's input route binds.
    assertThat(triggers)
        .extracting(t -> ((Map<String, Object>) t).get("metadata"))
        .containsExactly(
            Map.of(
                "natsServerMonitoringEndpoint", "nats.shop.svc:8222",
                "account", "$G",
                "stream", "OFN_pay-payments-paid",
                "consumer", "ImDurable-shop-ebft-fulfil",
                "lagThreshold", "10"),
            Map.of(
                "natsServerMonitoringEndpoint", "nats.shop.svc:8222",
                "account", "$G",
                "stream", "OFN_shop-orders-placed",
                "consumer", "ImDurable-shop-ebft-fulfil",
                "lagThreshold", "10"));
    assertThat(triggers)
        .allSatisfy(
            t -> assertThat((Map<String, Object>) t).containsEntry("type", "nats-jetstream"));
  }

  @Test
  void theSchemaCheckRejectsWhatKedaWouldRefuse() {
    ScaledObjects.Scaling s = scaling(KAFKA_SOURCE, "EventSource");
    Map<String, Object> broken = new LinkedHashMap<>(s.scaledObject());
    Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) broken.get("spec"));
    spec.put("maxReplicas", 3);
    spec.put("triggers", List.of(Map.of("type", "kafka")));
    broken.put("spec", spec);
    assertThat(keda.validate(broken))
        .anySatisfy(m -> assertThat(m).contains("maxReplicas"))
        .anySatisfy(m -> assertThat(m).contains("metadata"));
  }

  @Test
  void anEventSourceThatAlsoRunsOtherEventsIsNotScaled() {
    String mixed =
        KAFKA_SOURCE.replace(
            "  kafka:\n", "  cron:\n    tick: {schedule: \"@every 5s\"}\n  kafka:\n");
    ScaledObjects.Scaling s = scaling(mixed, "EventSource");
    assertThat(s.scaledObject()).isNull();
    assertThat(s.warnings())
        .singleElement()
        .asString()
        .startsWith(
            "spec.kafka.placed.scaleOption: not applied: the EventSource's Integration also runs spec.cron.tick");
  }

  @Test
  void aTopicSubscriptionIsNotScaledAndSeparateConditionStateIsAWarning() {
    ScaledObjects.Scaling topic =
        scaling(
            STAN_BUS.replace("subscriptionType: queue", "subscriptionType: topic")
                + "---\n"
                + TRIGGER,
            "Trigger");
    assertThat(topic.scaledObject()).isNull();
    assertThat(topic.warnings())
        .singleElement()
        .asString()
        .startsWith(
            "EventBus shop/default spec.natsStreaming.scaleOption: not applied: with subscriptionType topic");

    ScaledObjects.Scaling memory =
        scaling(
            STAN_BUS
                + "---\n"
                + TRIGGER.replace(
                    "conditionState: {store: nats}", "conditionState: {store: memory}"),
            "Trigger");
    assertThat(memory.scaledObject()).isNotNull();
    assertThat(memory.warnings())
        .singleElement()
        .asString()
        .contains("use conditionState.store nats");
  }

  @Test
  void generatedNamesWinOverMetadataAndMetadataLagThresholdWinsAsUpstream() {
    String yaml =
        KAFKA_SOURCE.replace(
            "metadata: {offsetResetPolicy: earliest, allowIdleConsumers: \"false\"}",
            "metadata: {consumerGroup: mine, lagThreshold: \"7\"}");
    ScaledObjects.Scaling s = scaling(yaml, "EventSource");
    Map<String, Object> trigger =
        (Map<String, Object>)
            ((List<Object>) ((Map<String, Object>) s.scaledObject().get("spec")).get("triggers"))
                .get(0);
    assertThat((Map<String, Object>) trigger.get("metadata"))
        .containsEntry("consumerGroup", "shop-orders-placed")
        .containsEntry("lagThreshold", "7");
    assertThat(s.warnings())
        .containsExactly(
            "spec.kafka.placed.scaleOption.metadata.consumerGroup: replaced by \"shop-orders-placed\", the value the routes use",
            "spec.kafka.placed.scaleOption.lagThreshold: metadata.lagThreshold \"7\" is used, as upstream did; \"50\" is ignored");
  }

  @Test
  void valuesKedaRefusesAreErrorsWithTheirPath() {
    String yaml =
        KAFKA_SOURCE
            .replace("minReplicaCount: 0", "minReplicaCount: 9")
            .replace("lagThreshold: \"50\"", "lagThreshold: lots")
            .replace("restoreToOriginalReplicaCount: true", "restoreToOriginal: true")
            .replace("kind: TriggerAuthentication}", "kind: Secret}");
    ScaledObjects.Scaling s = scaling(yaml, "EventSource");
    assertThat(s.scaledObject()).isNull();
    assertThat(s.errors())
        .containsExactlyInAnyOrder(
            "spec.kafka.placed.scaleOption.minReplicaCount: 9 is more than maxReplicaCount 8",
            "spec.kafka.placed.scaleOption.lagThreshold: must be a positive whole number (got \"lots\")",
            "spec.kafka.placed.scaleOption.advanced.restoreToOriginal: unknown field (KEDA AdvancedConfig has horizontalPodAutoscalerConfig, restoreToOriginalReplicaCount, scalingModifiers)",
            "spec.kafka.placed.scaleOption.authRef.kind: must be TriggerAuthentication or ClusterTriggerAuthentication");
  }

  @Test
  void aBadAuthRefOfABusIsOneErrorHoweverManyInputsTheTriggerHas() {
    String bus =
        STAN_BUS.replace(
            "maxReplicaCount: 5", "maxReplicaCount: 5\n      authRef: {name: nats, role: x}");
    ScaledObjects.Scaling s = scaling(bus + "---\n" + TRIGGER, "Trigger");
    assertThat(s.errors())
        .containsExactly(
            "EventBus shop/default spec.natsStreaming.scaleOption.authRef.role: unknown field (name, kind)");
  }

  @Test
  void twoScaledKafkaEventsShareOneScaledObjectAndMustAgreeOnIt() {
    String yaml =
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: orders, namespace: shop}
        spec:
          sink: {uri: "http://sink.shop.svc/"}
          kafka:
            placed:
              brokers: kafka:9092
              topic: orders
              authRequired: false
              scaleOption: {lagThreshold: "50", maxReplicaCount: 8}
            returned:
              brokers: kafka:9092
              topic: returns
              authRequired: false
              scaleOption: {lagThreshold: "5", maxReplicaCount: 3}
        """;
    ScaledObjects.Scaling s = scaling(yaml, "EventSource");
    assertThat(s.errors())
        .singleElement()
        .asString()
        .startsWith(
            "spec.kafka.returned.scaleOption: pollingInterval, cooldownPeriod, minReplicaCount, maxReplicaCount and advanced must be the same as in spec.kafka.placed.scaleOption");
  }

  /** The scaling of the one resource of `kind` in the YAML, with its bus looked up. */
  static ScaledObjects.Scaling scaling(String yaml, String kind) {
    LoadResult loaded = YamlLoader.load("x.yaml", yaml, "default");
    assertThat(loaded.problems().stream().filter(p -> p.isError()).toList()).isEmpty();
    List<Resource> resources = loaded.resources().stream().map(Loaded::resource).toList();
    Resource r =
        resources.stream().filter(x -> x.kind().kindName().equals(kind)).findFirst().orElseThrow();
    ResourceSet set = ResourceSet.of(resources);
    String bus = r instanceof io.ofnevents.model.Trigger t ? t.spec().eventBus() : null;
    return ScaledObjects.of(r, set.findBus(r.namespace(), bus).orElse(null));
  }
}
