package io.ofnevents.knative;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.runtime.parking.ParkedEvents;
import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PingSources through real routes (reference §6 and §8 item 17): a 6-field schedule with seconds,
 * sinks by URI, by Service ref and a Broker; Knative's attributes (type, source, no subject,
 * `datacontenttype`, `ceOverrides`), `dataBase64`, `Kn-Namespace`; a tick to an HTTP sink that
 * refuses it is parked, not lost; on JetStream two runtimes firing the same PingSource store each
 * tick once (its id is the scheduled time).
 */
class KnPingSourceIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void ticksReachUriServiceAndBrokerSinksWithKnativesAttributes() throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      String yaml =
          """
          apiVersion: sources.knative.dev/v1
          kind: PingSource
          metadata: {name: by-uri}
          spec:
            schedule: "*/1 * * * * *"
            contentType: application/octet-stream
            dataBase64: AAECAw==
            ceOverrides: {extensions: {team: blue}}
            sink: {uri: SINK/uri}
          ---
          apiVersion: sources.knative.dev/v1beta2
          kind: PingSource
          metadata: {name: by-ref}
          spec:
            schedule: "*/1 * * * * *"
            contentType: text/plain
            data: hello
            sink:
              ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: web}
              uri: /ping  # relative to the ref, RFC 3986: replaces the path
          ---
          apiVersion: sources.knative.dev/v1
          kind: PingSource
          metadata: {name: to-broker}
          spec:
            schedule: "*/1 * * * * *"
            contentType: application/json
            data: '{"message": "hi"}'
            sink:
              ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}
          ---
          apiVersion: eventing.knative.dev/v1
          kind: Broker
          metadata: {name: default}
          ---
          apiVersion: eventing.knative.dev/v1
          kind: Trigger
          metadata: {name: pings}
          spec:
            broker: default
            filter: {attributes: {type: dev.knative.sources.ping}}
            subscriber: {uri: SINK/broker}
          """
              .replace("SINK", sink.url(""));
      try (KnRuntime runtime = KnRuntime.start(yaml, "Service/web=" + sink.url("/web"))) {
        await().atMost(WAIT).until(() -> sink.delivered("/uri").size() >= 2);
        await().atMost(WAIT).until(() -> !sink.delivered("/ping").isEmpty());
        await().atMost(WAIT).until(() -> !sink.delivered("/broker").isEmpty());
      }
      RecordingSink.Request uri = sink.delivered("/uri").get(0);
      assertThat(uri.header("ce-type")).isEqualTo("dev.knative.sources.ping");
      assertThat(uri.header("ce-source"))
          .isEqualTo("/apis/v1/namespaces/default/pingsources/by-uri");
      assertThat(uri.header("ce-subject")).isNull();
      assertThat(uri.header("ce-specversion")).isEqualTo("1.0");
      assertThat(uri.header("ce-team")).isEqualTo("blue");
      assertThat(uri.header("content-type")).isEqualTo("application/octet-stream");
      assertThat(uri.body()).containsExactly(0, 1, 2, 3);
      assertThat(uri.header("kn-namespace")).isEqualTo("default");
      assertThat(uri.header("prefer")).isNull();
      // the id is the tick's scheduled time, different per tick
      assertThat(uri.header("ce-id")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z");
      assertThat(sink.delivered("/uri").get(1).header("ce-id")).isNotEqualTo(uri.header("ce-id"));
      RecordingSink.Request ref = sink.delivered("/ping").get(0);
      assertThat(ref.bodyText()).isEqualTo("hello");
      assertThat(ref.header("content-type")).isEqualTo("text/plain");
      RecordingSink.Request broker = sink.delivered("/broker").get(0);
      assertThat(broker.header("ce-source"))
          .isEqualTo("/apis/v1/namespaces/default/pingsources/to-broker");
      assertThat(broker.bodyText()).isEqualTo("{\"message\": \"hi\"}");
      assertThat(broker.header("ce-knativearrivaltime")).isNotNull();
    }
  }

  @Test
  void aTickItsSinkRefusesIsParkedAndAReplayDeliversIt() throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      AtomicBoolean fixed = new AtomicBoolean();
      sink.respondWith(r -> fixed.get() ? 200 : 400);
      String yaml =
          """
          apiVersion: sources.knative.dev/v1
          kind: PingSource
          metadata: {name: picky}
          spec:
            schedule: "*/1 * * * * *"
            sink: {uri: SINK/picky}
          """
              .replace("SINK", sink.url(""));
      try (KnRuntime runtime = KnRuntime.start(yaml)) {
        ParkedEvents parked = new ParkedEvents(runtime.runtime().context());
        await().atMost(WAIT).until(() -> !parked.list("default/pingsource:picky", 100).isEmpty());
        ParkedEvents.Parked p = parked.list("default/pingsource:picky", 100).get(0);
        assertThat(p.event().headers()).containsEntry("ce-type", "dev.knative.sources.ping");
        assertThat(
                runtime
                    .metrics()
                    .value("ofn_kn_pingsource_ticks_parked_total", "pingsource", "picky"))
            .isGreaterThanOrEqualTo(1);
        fixed.set(true);
        parked.replay(p.address());
        assertThat(sink.delivered("/picky").stream().map(r -> r.header("ce-id")))
            .contains(p.event().eventId());
      }
    }
  }

  @Test
  void twoRuntimesFiringTheSamePingSourceOntoJetStreamStoreEachTickOnce() throws Exception {
    try (RecordingSink sink = RecordingSink.start()) {
      String yaml =
          """
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventBus
          metadata: {name: default}
          spec: {nats: {url: NATS}}
          ---
          apiVersion: sources.knative.dev/v1
          kind: PingSource
          metadata: {name: every-second}
          spec:
            schedule: "*/1 * * * * *"
            sink: {uri: SINK/ticks}
          """
              .replace("NATS", nats.url())
              .replace("SINK", sink.url(""));
      try (KnRuntime one = KnRuntime.start(yaml);
          KnRuntime two = KnRuntime.start(yaml)) {
        await().atMost(WAIT).until(() -> sink.delivered("/ticks").size() >= 6);
      }
      List<String> ids = sink.delivered("/ticks").stream().map(r -> r.header("ce-id")).toList();
      // both fired every tick; the second publish of each is a duplicate JetStream drops
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(new String(sink.delivered("/ticks").get(0).body(), UTF_8)).isEmpty();
    }
  }
}
