package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.ofnevents.model.Kind;
import java.util.List;
import java.util.Map;
import org.apache.camel.v1.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Knative's control-plane conformance (reference §8 items 1, 2 and 14) for the operator in Camel K
 * mode against the fabric8 mock API server (CRUD mode): Broker, Trigger and PingSource status,
 * Knative's reasons, and what Knative's admission webhook would refuse.
 */
class KnOperatorTest {
  static final String BUS =
      """
      apiVersion: events.openfunction.io/v1alpha1
      kind: EventBus
      metadata: {name: default, namespace: default}
      spec: {nats: {url: "nats://nats.default.svc:4222"}}
      """;
  static final String BROKER =
      """
      apiVersion: eventing.knative.dev/v1
      kind: Broker
      metadata: {name: default, namespace: default}
      spec:
        delivery:
          deadLetterSink: {uri: "http://dead.default.svc/letters"}
      """;
  static final String TRIGGER =
      """
      apiVersion: eventing.knative.dev/v1
      kind: Trigger
      metadata: {name: orders, namespace: default}
      spec:
        broker: default
        filter: {attributes: {type: order.created}}
        subscriber: {uri: "http://orders.default.svc/in"}
      """;
  static final String PING =
      """
      apiVersion: sources.knative.dev/v1
      kind: PingSource
      metadata: {name: ping, namespace: default}
      spec:
        schedule: "*/1 * * * *"
        data: '{"hello": "ping"}'
        contentType: application/json
        sink:
          ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}
      """;

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

  /**
   * §8.1: Ready with its address, class defaulted, dead letter shown, class and config immutable.
   */
  @Test
  void aBrokerIsReadyWithItsAddressAndRefusesAChangeOfClassOrConfig() {
    cluster.apply(BUS);
    cluster.apply(BROKER);
    awaitCondition(Kind.KN_BROKER, "default", "Ready", "True");
    GenericKubernetesResource broker =
        cluster.get(Kind.KN_BROKER, "default", "default").orElseThrow();
    assertThat(broker.getMetadata().getAnnotations())
        .containsEntry("eventing.knative.dev/broker.class", "MTChannelBasedBroker");
    Map<String, Object> status = cluster.status(Kind.KN_BROKER, "default", "default");
    assertThat(status.get("address"))
        .isEqualTo(
            Map.of(
                "name",
                "http",
                "url",
                "http://kn-broker-default-ingress.default.svc.cluster.local/default/default"));
    assertThat(status)
        .containsEntry("deadLetterSinkUri", "http://dead.default.svc/letters")
        .containsEntry("observedGeneration", broker.getMetadata().getGeneration());
    for (String c :
        List.of(
            "Addressable",
            "IngressReady",
            "TriggerChannelReady",
            "FilterReady",
            "DeadLetterSinkResolved")) {
      assertThat(cluster.condition(Kind.KN_BROKER, "default", "default", c))
          .as(c)
          .containsEntry("status", "True");
    }
    assertThat(cluster.conditions(Kind.KN_BROKER, "default", "default")).hasSize(6);
    assertThat(status.get("annotations"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("ofn-events.io/subject", "kn.default.default")
        .containsEntry("ofn-events.io/bus", "EventBus/default");

    Integration ingress = cluster.integration("default", "kn-broker-default");
    assertThat(ingress).isNotNull();
    assertThat(ingress.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getApiVersion()).isEqualTo("eventing.knative.dev/v1"));
    Service service =
        cluster
            .client
            .services()
            .inNamespace("default")
            .withName("kn-broker-default-ingress")
            .get();
    assertThat(service.getSpec().getSelector())
        .containsEntry("camel.apache.org/integration", "kn-broker-default");
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getPort()).isEqualTo(80);
              assertThat(p.getTargetPort().getIntVal()).isEqualTo(8080);
            });
    assertThat(service.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("Broker"));

    // Knative's webhook refuses a new class: here Ready says so and what ran keeps running
    cluster.apply(
        BROKER.replace(
            "metadata: {name: default, namespace: default}",
            "metadata: {name: default, namespace: default, annotations: {eventing.knative.dev/broker.class: Kafka}}"));
    awaitReady(Kind.KN_BROKER, "default", "False", "ImmutableFieldChanged");
    assertThat(message(Kind.KN_BROKER, "default"))
        .contains(
            "metadata.annotations[eventing.knative.dev/broker.class]: -MTChannelBasedBroker +Kafka");
    assertThat(cluster.integration("default", "kn-broker-default").getSpec())
        .isEqualTo(ingress.getSpec());
    cluster.apply(
        BROKER.replace(
            "metadata: {name: default, namespace: default}",
            "metadata: {name: default, namespace: default, annotations: {eventing.knative.dev/broker.class: MTChannelBasedBroker}}"));
    awaitCondition(Kind.KN_BROKER, "default", "Ready", "True");

    cluster.apply(
        BROKER.replace(
            "spec:\n",
            "spec:\n  config: {apiVersion: events.openfunction.io/v1alpha1, kind: EventBus, name: other}\n"));
    awaitReady(Kind.KN_BROKER, "default", "False", "ImmutableFieldChanged");
    assertThat(message(Kind.KN_BROKER, "default"))
        .contains("spec.config: - +events.openfunction.io");
  }

  /**
   * A Broker whose `spec.config` names a bus that is not there is not Ready, and neither its
   * Triggers nor a PingSource sending to it run (not on some fallback bus), until the bus is there.
   */
  @Test
  void aBrokerOnAMissingBusWaitsForIt() {
    cluster.apply(
        BROKER.replace(
            "spec:\n",
            "spec:\n  config: {apiVersion: events.openfunction.io/v1alpha1, kind: EventBus, name: orders}\n"));
    cluster.apply(TRIGGER);
    cluster.apply(PING);
    awaitCondition(Kind.KN_BROKER, "default", "TriggerChannelReady", "False");
    assertThat(cluster.condition(Kind.KN_BROKER, "default", "default", "TriggerChannelReady"))
        .containsEntry("reason", "BusNotFound")
        .containsEntry("message", "EventBus default/orders not found");
    awaitReady(Kind.KN_TRIGGER, "orders", "False", "BusNotFound");
    awaitCondition(Kind.KN_PING_SOURCE, "ping", "SinkProvided", "False");
    assertThat(cluster.integration("default", "kn-broker-default")).isNull();
    assertThat(cluster.integration("default", "kn-trigger-orders")).isNull();
    assertThat(cluster.integration("default", "kn-pingsource-ping")).isNull();
    cluster.apply(BUS.replace("name: default,", "name: orders,"));
    awaitCondition(Kind.KN_BROKER, "default", "Ready", "True");
    awaitCondition(Kind.KN_TRIGGER, "orders", "Ready", "True");
    awaitCondition(Kind.KN_PING_SOURCE, "ping", "Ready", "True");
    assertThat(cluster.integration("default", "kn-broker-default")).isNotNull();
    assertThat(cluster.integration("default", "kn-trigger-orders")).isNotNull();
    assertThat(cluster.integration("default", "kn-pingsource-ping")).isNotNull();
  }

  /**
   * §8.2: a Trigger may precede its Broker (BrokerDoesNotExist), is Ready after it with its
   * subscriberUri; `spec.broker` is immutable; filter keys that are not lowercase alphanumeric are
   * refused.
   */
  @Test
  void aTriggerMayPrecedeItsBrokerAndIsReadyAfterIt() {
    cluster.apply(BUS);
    cluster.apply(TRIGGER);
    awaitReady(Kind.KN_TRIGGER, "orders", "False", "BrokerDoesNotExist");
    assertThat(cluster.condition(Kind.KN_TRIGGER, "default", "orders", "BrokerReady"))
        .containsEntry("status", "False")
        .containsEntry("message", "Broker \"default\" does not exist");
    assertThat(cluster.integration("default", "kn-trigger-orders")).isNull();

    cluster.apply(BROKER);
    awaitCondition(Kind.KN_TRIGGER, "orders", "Ready", "True");
    Map<String, Object> status = cluster.status(Kind.KN_TRIGGER, "default", "orders");
    assertThat(status)
        .containsEntry("subscriberUri", "http://orders.default.svc/in")
        // the Broker's dead letter sink, as Knative falls back to it
        .containsEntry("deadLetterSinkUri", "http://dead.default.svc/letters");
    for (String c :
        List.of(
            "BrokerReady",
            "SubscriberResolved",
            "SubscriptionReady",
            "DependencyReady",
            "DeadLetterSinkResolved")) {
      assertThat(cluster.condition(Kind.KN_TRIGGER, "default", "orders", c))
          .as(c)
          .containsEntry("status", "True");
    }
    assertThat(cluster.integration("default", "kn-trigger-orders")).isNotNull();

    cluster.apply(TRIGGER.replace("broker: default", "broker: other"));
    awaitReady(Kind.KN_TRIGGER, "orders", "False", "ImmutableFieldChanged");
    assertThat(message(Kind.KN_TRIGGER, "orders")).contains("spec.broker: -default +other");
    cluster.apply(TRIGGER);
    awaitCondition(Kind.KN_TRIGGER, "orders", "Ready", "True");

    cluster.apply(TRIGGER.replace("{type: order.created}", "{Type: order.created, ce-source: x}"));
    awaitReady(Kind.KN_TRIGGER, "orders", "False", "InvalidSpec");
    assertThat(message(Kind.KN_TRIGGER, "orders"))
        .contains("spec.filter.attributes")
        .contains("Type")
        .contains("ce-source");
  }

  /** Subscribers by ref: a Knative Service's address, a v1 Service that exists, a Broker. */
  @Test
  void subscriberRefsResolveThroughTheApi() {
    cluster.apply(BUS);
    cluster.apply(BROKER);
    String byRef =
        TRIGGER.replace(
            "subscriber: {uri: \"http://orders.default.svc/in\"}",
            "subscriber: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: display}, uri: /events}");
    cluster.apply(byRef);
    awaitCondition(Kind.KN_TRIGGER, "orders", "SubscriberResolved", "False");
    assertThat(cluster.condition(Kind.KN_TRIGGER, "default", "orders", "SubscriberResolved"))
        .containsEntry("reason", "Unable to get the Subscriber's URI")
        .containsEntry("message", "cannot find serving.knative.dev/v1 Service default/display");
    assertThat(cluster.status(Kind.KN_TRIGGER, "default", "orders"))
        .doesNotContainKey("subscriberUri");

    // unwatched targets are looked up again with backoff
    createKnativeService("display", "http://display.default.svc.cluster.local");
    awaitCondition(Kind.KN_TRIGGER, "orders", "Ready", "True");
    assertThat(cluster.status(Kind.KN_TRIGGER, "default", "orders"))
        .containsEntry("subscriberUri", "http://display.default.svc.cluster.local/events");

    cluster.apply(
        TRIGGER
            .replace("name: orders", "name: plain")
            .replace(
                "subscriber: {uri: \"http://orders.default.svc/in\"}",
                "subscriber: {ref: {apiVersion: v1, kind: Service, name: web}}"));
    awaitCondition(Kind.KN_TRIGGER, "plain", "SubscriberResolved", "False");
    cluster
        .client
        .services()
        .inNamespace("default")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("web")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build())
        .create();
    awaitCondition(Kind.KN_TRIGGER, "plain", "Ready", "True");
    assertThat(cluster.status(Kind.KN_TRIGGER, "default", "plain"))
        .containsEntry("subscriberUri", "http://web.default.svc.cluster.local");

    cluster.apply(
        TRIGGER
            .replace("name: orders", "name: forward")
            .replace(
                "subscriber: {uri: \"http://orders.default.svc/in\"}",
                "subscriber: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}}"));
    awaitCondition(Kind.KN_TRIGGER, "forward", "Ready", "True");
    assertThat(cluster.status(Kind.KN_TRIGGER, "default", "forward"))
        .containsEntry(
            "subscriberUri",
            "http://kn-broker-default-ingress.default.svc.cluster.local/default/default");
  }

  /** §8.14: a Trigger depending on a PingSource that is missing, then Ready once it is. */
  @Test
  void aTriggerWaitsForItsDependency() {
    cluster.apply(BUS);
    cluster.apply(BROKER);
    cluster.apply(
        TRIGGER.replace(
            "metadata: {name: orders, namespace: default}",
            "metadata:\n  name: orders\n  namespace: default\n  annotations:\n    knative.dev/dependency: '{\"kind\":\"PingSource\",\"name\":\"ping\",\"apiVersion\":\"sources.knative.dev/v1\"}'"));
    awaitReady(Kind.KN_TRIGGER, "orders", "False", "DependencyDoesNotExist");
    assertThat(cluster.condition(Kind.KN_TRIGGER, "default", "orders", "DependencyReady"))
        .containsEntry("status", "False")
        .containsEntry(
            "message",
            "Dependency does not exist: sources.knative.dev/v1 PingSource default/ping not found");
    // its routes run meanwhile, as Knative's subscription does (applied after the first status)
    awaitCondition(Kind.KN_TRIGGER, "orders", "SubscriptionReady", "True");
    assertThat(cluster.condition(Kind.KN_TRIGGER, "default", "orders", "DependencyReady"))
        .containsEntry("status", "False");

    cluster.apply(PING);
    awaitCondition(Kind.KN_PING_SOURCE, "ping", "Ready", "True");
    assertThat(cluster.status(Kind.KN_PING_SOURCE, "default", "ping"))
        .containsEntry(
            "sinkUri",
            "http://kn-broker-default-ingress.default.svc.cluster.local/default/default");
    awaitCondition(Kind.KN_TRIGGER, "orders", "Ready", "True");
    assertThat(cluster.condition(Kind.KN_TRIGGER, "default", "orders", "DependencyReady"))
        .containsEntry("status", "True");
  }

  /** A PingSource whose sink cannot be resolved: SinkProvided False, nothing applied. */
  @Test
  void aPingSourceWithoutItsSinkIsNotReady() {
    cluster.apply(BUS);
    cluster.apply(PING.replace("kind: Broker, name: default", "kind: Broker, name: missing"));
    awaitCondition(Kind.KN_PING_SOURCE, "ping", "SinkProvided", "False");
    assertThat(cluster.condition(Kind.KN_PING_SOURCE, "default", "ping", "SinkProvided"))
        .containsEntry("reason", "NotFound")
        .containsEntry("message", "Broker.eventing.knative.dev default/missing does not exist");
    assertThat(cluster.integration("default", "kn-pingsource-ping")).isNull();
  }

  private void createKnativeService(String name, String address) {
    var context =
        new ResourceDefinitionContext.Builder()
            .withGroup("serving.knative.dev")
            .withVersion("v1")
            .withKind("Service")
            .withPlural("services")
            .withNamespaced(true)
            .build();
    GenericKubernetesResource ksvc =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("serving.knative.dev/v1")
            .withKind("Service")
            .withNewMetadata()
            .withName(name)
            .withNamespace("default")
            .endMetadata()
            .addToAdditionalProperties(
                "status",
                Map.of("url", "https://display.example.com", "address", Map.of("url", address)))
            .build();
    cluster
        .client
        .genericKubernetesResources(context)
        .inNamespace("default")
        .resource(ksvc)
        .create();
  }

  private void awaitCondition(Kind kind, String name, String type, String status) {
    await()
        .atMost(OperatorTest.WAIT)
        .untilAsserted(
            () ->
                assertThat(cluster.condition(kind, "default", name, type))
                    .as(
                        kind
                            + " "
                            + name
                            + " "
                            + type
                            + " in "
                            + cluster.status(kind, "default", name))
                    .containsEntry("status", status));
  }

  private void awaitReady(Kind kind, String name, String status, String reason) {
    await()
        .atMost(OperatorTest.WAIT)
        .untilAsserted(
            () ->
                assertThat(cluster.condition(kind, "default", name, "Ready"))
                    .as(kind + " " + name + " in " + cluster.status(kind, "default", name))
                    .containsEntry("status", status)
                    .containsEntry("reason", reason));
  }

  private String message(Kind kind, String name) {
    return String.valueOf(cluster.condition(kind, "default", name, "Ready").get("message"));
  }
}
