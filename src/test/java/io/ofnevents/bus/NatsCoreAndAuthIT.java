package io.ofnevents.bus;

import static io.ofnevents.bus.BusFixtures.event;
import static io.ofnevents.bus.BusFixtures.options;
import static io.ofnevents.bus.BusFixtures.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.ofnevents.runtime.bus.BusDriver;
import io.ofnevents.runtime.bus.ConsumerSettings;
import io.ofnevents.runtime.bus.Subscription;
import io.ofnevents.runtime.bus.nats.CoreNatsBus;
import io.ofnevents.runtime.bus.nats.JetStreamBus;
import io.ofnevents.runtime.bus.nats.NatsUnavailableException;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Core NATS (at-most-once, queue groups) and authentication by token and user/password. */
class NatsCoreAndAuthIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void coreNatsSharesEventsInAQueueGroupAndDropsAFailedOne() throws Exception {
    try (CoreNatsBus a = core("replica-a");
        CoreNatsBus b = core("replica-b")) {
      List<String> grouped = new CopyOnWriteArrayList<>();
      List<String> everyA = new CopyOnWriteArrayList<>();
      AtomicInteger failures = new AtomicInteger();
      ConsumerSettings topic =
          new ConsumerSettings("c", false, 1, Duration.ofSeconds(30), -1, 1000, "new", null, null);
      try (Subscription s1 =
              a.subscribe("core", queue("g", TIMEOUT), (m, d) -> grouped.add(m.id()));
          Subscription s2 =
              b.subscribe("core", queue("g", TIMEOUT), (m, d) -> grouped.add(m.id()));
          Subscription s3 = a.subscribe("core", topic, (m, d) -> everyA.add(m.id()));
          Subscription s4 =
              b.subscribe(
                  "core",
                  topic,
                  (m, d) -> {
                    failures.incrementAndGet();
                    throw new IllegalStateException("at-most-once: not redelivered");
                  })) {
        awaitSubscribed(a, b);
        for (int i = 0; i < 10; i++) a.publish("core", event("c-" + i, "c"));
        await().atMost(TIMEOUT).until(() -> grouped.size() == 10 && everyA.size() == 10);
        assertThat(grouped).doesNotHaveDuplicates();
        // a failed core delivery is logged and dropped: never retried
        await().during(Duration.ofMillis(700)).atMost(TIMEOUT).until(() -> failures.get() == 10);
      }
    }
  }

  @Test
  void tokenAndUserPasswordAuthenticateAndAWrongSecretIsNotEchoed() throws Exception {
    try (NatsServer secured = NatsServer.builder().token("t0ken-s3cret").build()) {
      secured.start();
      try (JetStreamBus bus =
          new JetStreamBus(
              options("driver", "jetstream", "servers", secured.url(), "token", "t0ken-s3cret"),
              "r")) {
        List<String> got = new CopyOnWriteArrayList<>();
        try (Subscription s =
            bus.subscribe("auth", queue("a", TIMEOUT), (m, d) -> got.add(m.id()))) {
          bus.publish("auth", event("a-1", "a"));
          await().atMost(TIMEOUT).until(() -> got.size() == 1);
        }
      }
      assertThatThrownBy(
              () ->
                  new JetStreamBus(
                      options(
                          "driver", "jetstream", "servers", secured.url(), "token", "wr0ng-one"),
                      "r"))
          .isInstanceOf(NatsUnavailableException.class)
          .hasMessageContaining("cannot connect to NATS at " + secured.url())
          .hasMessageNotContaining("wr0ng-one");
    }
    try (NatsServer secured = NatsServer.builder().user("ofn", "pa55word").build()) {
      secured.start();
      try (BusDriver bus =
          new JetStreamBus(
              options(
                  "driver",
                  "jetstream",
                  "servers",
                  secured.url(),
                  "user",
                  "ofn",
                  "password",
                  "pa55word"),
              "r")) {
        bus.publish("userpass", event("u-1", "u"));
        assertThat(bus.isHealthy()).isTrue();
      }
    }
  }

  @Test
  void aTokenGivenByFileReferenceReachesTheBusAndNoGeneratedFile(@TempDir Path dir)
      throws Exception {
    String token = "t0ken-from-a-file";
    Path tokenFile = Files.writeString(dir.resolve("token"), token + "\n");
    try (NatsServer secured = NatsServer.builder().token(token).build()) {
      secured.start();
      String resources =
          """
          apiVersion: events.openfunction.io/v1alpha1
          kind: EventBus
          metadata: {name: default}
          spec:
            nats:
              url: %s
              auth: {token: "${file:%s}"}
          ---
          apiVersion: events.openfunction.io/v1alpha1
          kind: Trigger
          metadata: {name: relay}
          spec:
            eventBus: default
            inputs:
              incoming: {eventSource: src, event: in}
            subscribers:
              - {condition: incoming, topic: out}
          """
              .formatted(secured.url(), tokenFile);
      Options options = Options.builder().server(secured.url()).token(token.toCharArray()).build();
      try (TestRuntime rt = TestRuntime.start(resources);
          Connection plain = Nats.connect(options)) {
        assertThat(rt.bundle().routes()).noneMatch(f -> f.yaml().contains(token));
        List<Message> out = new CopyOnWriteArrayList<>();
        plain.createDispatcher(out::add).subscribe("out");
        plain.flush(TIMEOUT);
        plain.jetStream().publish("default-src-in", "relayed".getBytes());
        await().atMost(TIMEOUT).until(() -> out.size() == 1);
        assertThat(out.get(0).getHeaders().getFirst("ce-ofntrigger")).isEqualTo("relay");
      }
    }
  }

  private static CoreNatsBus core(String replica) {
    return new CoreNatsBus(options("driver", "core", "servers", nats.url()), replica);
  }

  /** Core subscriptions are registered asynchronously: a round trip makes sure they are. */
  private static void awaitSubscribed(CoreNatsBus... buses) throws Exception {
    for (CoreNatsBus bus : buses) bus.flush(TIMEOUT);
  }
}
