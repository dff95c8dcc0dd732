package io.ofnevents.compile.knative;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.compile.CompileOptions;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.address.AddressBook;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.knative.BrokerBus;
import io.ofnevents.model.knative.KnDelivery;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.testing.Yamls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resolved model of the Knative kinds: buses, subjects, hops, filters and delivery. */
class KnativePlansTest {
  static final CompileOptions OPTIONS =
      new CompileOptions(
          Addressing.standalone(
              AddressBook.parse(List.of("Service/event-display=http://127.0.0.1:9000"))),
          "test");

  static KnativePlans plans(LoadResult r) {
    return KnativePlans.of(
        ResourceSet.of(r.resources().stream().map(l -> l.resource()).toList()), OPTIONS);
  }

  @Test
  void seed003RunsOnAnImplicitInMemoryBusWithStockKnativeDelivery() {
    KnativePlans p = plans(Yamls.loadDir(Path.of("src/test/resources/knative/seeds/003")));
    assertThat(p.problems()).isEmpty();
    BrokerPlan broker = p.brokers().get(new ResourceId(Kind.KN_BROKER, "default", "default"));
    assertThat(broker.bus().how()).isEqualTo(BrokerBus.How.IMPLICIT_IN_MEMORY);
    assertThat(broker.bus().spec().inMemory()).isNotNull();
    assertThat(broker.subject()).isEqualTo("kn.default.default");
    TriggerPlan t = p.triggers().get(0);
    assertThat(t.broker()).isSameAs(broker);
    assertThat(t.consumer()).isEqualTo("default-kn-trigger-testevents-trigger");
    assertThat(t.filterExpression()).isEqualTo("{}");
    assertThat(t.subscriber()).isEqualTo(new Hop.Http("http://127.0.0.1:9000"));
    assertThat(t.delivery()).isEqualTo(KnDelivery.STOCK_BROKER_DEFAULT);
    assertThat(t.deadLetter()).isNull();
  }

  @Test
  void busDeliveryAndDeadLetterFollowKnativesRules() {
    KnativePlans p =
        plans(
            Yamls.load(
                """
                apiVersion: events.openfunction.io/v1alpha1
                kind: EventBus
                metadata: {name: default}
                spec: {nats: {url: "nats://localhost:4222"}}
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata: {name: b}
                spec:
                  delivery:
                    retry: 2
                    deadLetterSink: {uri: "http://broker-dls/"}
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: own}
                spec:
                  broker: b
                  filter: {attributes: {type: dev.example}}
                  subscriber: {uri: "http://sub/"}
                  delivery: {retry: 5, backoffPolicy: linear, backoffDelay: PT1S}
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: inherited}
                spec:
                  broker: b
                  subscriber: {uri: "http://sub/"}
                ---
                apiVersion: sources.knative.dev/v1
                kind: PingSource
                metadata: {name: ping}
                spec:
                  schedule: "10 0/1 * * * ?"
                  timezone: Europe/Paris
                  dataBase64: aGVsbG8=
                  ceOverrides: {extensions: {team: a}}
                  sink: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: b}}
                """));
    assertThat(p.problems()).isEmpty();
    BrokerPlan b = p.brokers().values().iterator().next();
    assertThat(b.bus().how()).isEqualTo(BrokerBus.How.NAMESPACE_DEFAULT);
    TriggerPlan own =
        p.triggers().stream()
            .filter(t -> t.trigger().name().equals("own"))
            .findFirst()
            .orElseThrow();
    // the Trigger's delivery replaces the Broker's whole; the dead letter falls back to the
    // Broker's
    assertThat(own.delivery().retry()).isEqualTo(5);
    assertThat(own.delivery().backoffDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(own.deadLetter()).isEqualTo(new Hop.Http("http://broker-dls/"));
    assertThat(own.filterExpression())
        .isEqualTo("{\"filter\":{\"attributes\":{\"type\":\"dev.example\"}}}");
    TriggerPlan inherited =
        p.triggers().stream()
            .filter(t -> t.trigger().name().equals("inherited"))
            .findFirst()
            .orElseThrow();
    assertThat(inherited.delivery().retry()).isEqualTo(2);
    PingPlan ping = p.pings().get(0);
    assertThat(ping.sink()).isEqualTo(new Hop.Subject(b.broker().id(), "kn.default.b"));
    assertThat(new String(ping.data(), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(ping.ceSource()).isEqualTo("/apis/v1/namespaces/default/pingsources/ping");
    assertThat(ping.ceType()).isEqualTo("dev.knative.sources.ping");
    assertThat(ping.schedule().timeZone()).isEqualTo("Europe/Paris");
    assertThat(ping.extensions()).containsEntry("team", "a");
  }
}
