package io.ofnevents.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void upstreamNamesAreKept() {
    assertThat(Names.topic("default", "my-eventsource", "sample-two"))
        .isEqualTo("default-my-eventsource-sample-two");
    assertThat(Names.triggerConsumer("default", "my-trigger")).isEqualTo("default-ebft-my-trigger");
    assertThat(Names.triggerConsumer("ImDurable", "default", "my-trigger"))
        .isEqualTo("ImDurable-default-ebft-my-trigger");
    assertThat(Names.eventSourcePublisher("default", "es")).isEqualTo("default-ebfes-es");
    assertThat(Names.sourceConsumer("default", "es", "e")).isEqualTo("default-es-e");
  }

  @Test
  void mqttReplicasOfASharedSubscriptionHaveSessionsOfTheirOwn() {
    assertThat(Names.mqttClientId("default-es-e", "es-0")).isEqualTo("default-es-e-es-0");
    assertThat(Names.mqttSharedFilter("default-es-e", "home/+/t"))
        .isEqualTo("$share/default-es-e/home/+/t");
    assertThat(Names.mqttSharedFilter(null, "home/+/t")).isEqualTo("home/+/t");
  }

  @Test
  void kubernetesNamesAreDnsLabelsOfAtMost63WithAHashWhenChanged() {
    assertThat(Names.k8s("es-my-eventsource")).isEqualTo("es-my-eventsource");
    String longName = "t-" + "x".repeat(80);
    assertThat(Names.k8s(longName))
        .hasSize(63)
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
        .startsWith("t-xxx");
    assertThat(Names.k8s("es-a.b")).isNotEqualTo(Names.k8s("es-a-b")).matches("es-a-b-[0-9a-f]{8}");
    assertThat(Names.k8s(longName)).isNotEqualTo(Names.k8s(longName + "y"));
  }

  @Test
  void theOperatorsLeaseIsOnePerWatchedScopeAndScaledObjectsAreNamedAsTheirIntegration() {
    assertThat(Names.operatorLease(null)).isEqualTo("ofn-events-operator");
    assertThat(Names.operatorLease("events")).isEqualTo("ofn-events-operator-events");
    assertThat(Names.operatorLease("n".repeat(63))).hasSize(63);
    ResourceId es = new ResourceId(Kind.EVENT_SOURCE, "default", "orders");
    assertThat(Names.scaledObject(es)).isEqualTo(Names.integration(es)).isEqualTo("es-orders");
  }

  @Test
  void streamNamesAreValidJetStreamNames() {
    assertThat(Names.stream("default-my-es-tick")).isEqualTo("OFN_default-my-es-tick");
    assertThat(Names.stream("orders.created")).matches("OFN_orders_created_[0-9a-f]{8}");
    assertThat(Names.stream("a".repeat(100))).hasSize(64);
  }

  @Test
  void routeFilesAndIntegrationsAreNamedAfterTheResource() {
    ResourceId es = new ResourceId(Kind.EVENT_SOURCE, "ns", "clock");
    assertThat(Names.routeFile(es)).isEqualTo("eventsource-ns-clock.camel.yaml");
    assertThat(Names.integration(es)).isEqualTo("es-clock");
    assertThat(Names.integration(new ResourceId(Kind.TRIGGER, "ns", "t1"))).isEqualTo("t-t1");
  }
}
