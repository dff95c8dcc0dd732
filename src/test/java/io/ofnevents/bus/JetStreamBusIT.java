package io.ofnevents.bus;

import static io.ofnevents.bus.BusFixtures.event;
import static io.ofnevents.bus.BusFixtures.options;
import static io.ofnevents.bus.BusFixtures.policy;
import static io.ofnevents.bus.BusFixtures.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.ofnevents.compile.Names;
import io.ofnevents.runtime.bus.BusMessage;
import io.ofnevents.runtime.bus.MessageHandler.Delivery;
import io.ofnevents.runtime.bus.Subscription;
import io.ofnevents.runtime.bus.nats.JetStreamBus;
import io.ofnevents.testing.NatsServer;
import io.ofnevents.testing.ServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JetStream driver against a real nats-server: at-least-once, stable ids, streams. */
class JetStreamBusIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final List<AutoCloseable> closeLater = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeLater.size() - 1; i >= 0; i--) closeLater.get(i).close();
  }

  private JetStreamBus bus(String... extra) {
    List<String> kv = new ArrayList<>(List.of("driver", "jetstream", "servers", nats.url()));
    kv.addAll(List.of(extra));
    JetStreamBus bus = new JetStreamBus(options(kv.toArray(String[]::new)), "replica-a");
    closeLater.add(bus);
    return bus;
  }

  private <S extends Subscription> S track(S s) {
    closeLater.add(s);
    return s;
  }

  @Test
  void deduplicatesByIdAndAcknowledgesOnlyAfterTheHandlerSucceeded() throws Exception {
    JetStreamBus bus = bus();
    bus.publish("dedup", event("e-1", "one"));
    bus.publish("dedup", event("e-1", "one again"));
    bus.publish("dedup", event("e-2", "two"));
    List<String> handled = new CopyOnWriteArrayList<>();
    List<Long> attemptsOfE2 = new CopyOnWriteArrayList<>();
    track(
        bus.subscribe(
            "dedup",
            policy("dedup-consumer", "all", null, null),
            (m, d) -> {
              if (m.id().equals("e-2")) {
                attemptsOfE2.add(d.attempt());
                if (d.attempt() == 1) throw new IllegalStateException("first delivery fails");
              }
              handled.add(m.id());
            }));
    await().atMost(TIMEOUT).until(() -> handled.size() >= 2);
    assertThat(handled).containsExactly("e-1", "e-2");
    assertThat(attemptsOfE2).containsExactly(1L, 2L);
    await()
        .atMost(TIMEOUT)
        .until(() -> consumer("OFN_dedup", "dedup-consumer").getNumAckPending() == 0);
  }

  @Test
  void aPlainNatsMessageGetsAttributesAndTheSameIdOnEveryRedelivery() throws Exception {
    JetStreamBus bus = bus();
    List<BusMessage> seen = new CopyOnWriteArrayList<>();
    track(
        bus.subscribe(
            "plain",
            queue("plain-consumer", Duration.ofSeconds(30)),
            (m, d) -> {
              seen.add(m);
              if (d.attempt() == 1) throw new IllegalStateException("redeliver me");
            }));
    try (Connection nc = Nats.connect(nats.url())) {
      nc.jetStream().publish("plain", "from a plain publisher".getBytes());
    }
    await().atMost(TIMEOUT).until(() -> seen.size() == 2);
    assertThat(seen).extracting(BusMessage::id).containsOnly("OFN_plain-1");
    assertThat(seen.get(0).headers())
        .containsEntry("ce-specversion", "1.0")
        .containsEntry("ce-type", "io.openfunction.events.nats")
        .containsEntry("ce-source", "/nats/subjects/plain")
        .containsKey("ce-time");
    assertThat(new String(seen.get(1).body())).isEqualTo("from a plain publisher");
  }

  @Test
  void aDeliveryLongerThanAckWaitIsKeptClaimedInsteadOfRedelivered() throws Exception {
    JetStreamBus bus = bus();
    AtomicInteger deliveries = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    List<String> done = new CopyOnWriteArrayList<>();
    track(
        bus.subscribe(
            "slow",
            queue("slow-consumer", Duration.ofSeconds(1)),
            (m, d) -> {
              deliveries.incrementAndGet();
              release.await(20, TimeUnit.SECONDS);
              done.add(m.id());
            }));
    bus.publish("slow", event("s-1", "slow"));
    // three AckWaits pass while the handler runs: JetStream must not hand the event out again
    await().during(Duration.ofMillis(3500)).atMost(TIMEOUT).until(() -> deliveries.get() == 1);
    release.countDown();
    await().atMost(TIMEOUT).until(() -> done.size() == 1);
    await()
        .atMost(TIMEOUT)
        .until(() -> consumer("OFN_slow", "slow-consumer").getNumAckPending() == 0);
    assertThat(deliveries.get()).isEqualTo(1);
  }

  @Test
  void aStreamDeletedUnderneathIsCreatedAgainByTheNextPublish() throws Exception {
    JetStreamBus bus = bus("maxAge", "1h", "duplicateWindow", "1m");
    bus.publish("recreated", event("r-1", "before"));
    try (Connection nc = Nats.connect(nats.url())) {
      JetStreamManagement jsm = nc.jetStreamManagement();
      assertThat(jsm.getStreamInfo("OFN_recreated").getConfiguration().getMaxAge())
          .isEqualTo(Duration.ofHours(1));
      jsm.deleteStream("OFN_recreated");
      bus.publish("recreated", event("r-2", "after"));
      assertThat(jsm.getStreamInfo("OFN_recreated").getStreamState().getMsgCount()).isEqualTo(1);
    }
  }

  @Test
  void oneNamedStreamCollectsTheSubjectsOfConcurrentPublishers() throws Exception {
    JetStreamBus first = bus("stream", "SHARED");
    JetStreamBus second = bus("stream", "SHARED"); // another connection, as another replica
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 6; i++) {
      JetStreamBus b = i % 2 == 0 ? first : second;
      String subject = "shared-" + i;
      Thread t =
          new Thread(
              () -> {
                try {
                  b.publish(subject, event(subject, subject));
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) t.join(TIMEOUT.toMillis());
    assertThat(failures).isEmpty();
    // A stream's configuration has no compare-and-set: a replica adding its subject from an older
    // read can drop one another replica just added (seen once in CI: 5 of 6 subjects). Nothing is
    // lost by it: the next publish to a dropped subject finds no stream and adds it again.
    for (int i = 0; i < 6; i++) {
      String subject = "shared-" + i;
      (i % 2 == 0 ? second : first).publish(subject, event(subject + "-again", subject));
    }
    try (Connection nc = Nats.connect(nats.url())) {
      var info = nc.jetStreamManagement().getStreamInfo("SHARED");
      assertThat(info.getConfiguration().getSubjects())
          .containsExactlyInAnyOrder(
              "shared-0", "shared-1", "shared-2", "shared-3", "shared-4", "shared-5");
      assertThat(info.getStreamState().getMsgCount()).isEqualTo(12);
    }
    // two inputs of one Trigger in the shared stream: one durable each
    List<String> got = new CopyOnWriteArrayList<>();
    track(first.subscribe("shared-0", policy("t", "all", null, null), (m, d) -> got.add(m.id())));
    track(first.subscribe("shared-1", policy("t", "all", null, null), (m, d) -> got.add(m.id())));
    await().atMost(TIMEOUT).until(() -> got.size() == 4);
    assertThat(got)
        .containsExactlyInAnyOrder("shared-0", "shared-0-again", "shared-1", "shared-1-again");
    assertThat(consumer("SHARED", Names.jetStreamDurable("t", null, "shared-0", true))).isNotNull();
  }

  @Test
  void aNewDurableStartsWhereTheDeliverPolicySays() throws Exception {
    JetStreamBus bus = bus();
    for (int i = 1; i <= 3; i++) bus.publish("policies", event("p-" + i, "p"));
    Instant afterAll = Instant.now();
    assertThat(received(bus, policy("all", "all", null, null), 3))
        .containsExactly("p-1", "p-2", "p-3");
    assertThat(received(bus, policy("last", "last", null, null), 1)).containsExactly("p-3");
    assertThat(received(bus, policy("seq", "byStartSequence", 2L, null), 2))
        .containsExactly("p-2", "p-3");
    List<String> fromNow = new CopyOnWriteArrayList<>();
    List<String> fromTime = new CopyOnWriteArrayList<>();
    track(
        bus.subscribe("policies", policy("new", "new", null, null), (m, d) -> fromNow.add(m.id())));
    track(
        bus.subscribe(
            "policies",
            policy("time", "byStartTime", null, afterAll),
            (m, d) -> fromTime.add(m.id())));
    bus.publish("policies", event("p-4", "p"));
    await().atMost(TIMEOUT).until(() -> fromNow.size() == 1 && fromTime.size() == 1);
    assertThat(fromNow).containsExactly("p-4");
    assertThat(fromTime).containsExactly("p-4");
  }

  @Test
  void topicSubscribersEachGetEveryEventQueueSubscribersShareThem() throws Exception {
    JetStreamBus a = bus();
    JetStreamBus b =
        new JetStreamBus(options("driver", "jetstream", "servers", nats.url()), "replica-b");
    closeLater.add(b);
    var topic =
        new io.ofnevents.runtime.bus.ConsumerSettings(
            "t-topic", false, 1, Duration.ofSeconds(30), -1, 1000, "new", null, null);
    List<String> onA = new CopyOnWriteArrayList<>();
    List<String> onB = new CopyOnWriteArrayList<>();
    List<String> shared = new CopyOnWriteArrayList<>();
    track(a.subscribe("fanout", topic, (m, d) -> onA.add(m.id())));
    track(b.subscribe("fanout", topic, (m, d) -> onB.add(m.id())));
    track(
        a.subscribe(
            "fanout", queue("t-queue", Duration.ofSeconds(30)), (m, d) -> shared.add(m.id())));
    track(
        b.subscribe(
            "fanout", queue("t-queue", Duration.ofSeconds(30)), (m, d) -> shared.add(m.id())));
    for (int i = 0; i < 20; i++) a.publish("fanout", event("f-" + i, "f"));
    await()
        .atMost(TIMEOUT)
        .until(() -> onA.size() == 20 && onB.size() == 20 && shared.size() == 20);
    assertThat(shared).doesNotHaveDuplicates();
    assertThat(consumer("OFN_fanout", "t-topic-replica-a")).isNotNull();
    assertThat(consumer("OFN_fanout", "t-topic-replica-b")).isNotNull();
  }

  @Test
  void nonAsciiAttributesCrossTheBusUnchanged() throws Exception {
    JetStreamBus bus = bus();
    List<BusMessage> seen = new CopyOnWriteArrayList<>();
    track(bus.subscribe("unicode", queue("u", Duration.ofSeconds(30)), (m, d) -> seen.add(m)));
    var headers = new java.util.HashMap<>(event("u-1", "x").headers());
    headers.put("ce-subject", "Grüße 😀 100%");
    bus.publish("unicode", new BusMessage(headers, "x".getBytes(), "u-1"));
    await().atMost(TIMEOUT).until(() -> seen.size() == 1);
    assertThat(seen.get(0).headers()).containsEntry("ce-subject", "Grüße 😀 100%");
  }

  private List<String> received(
      JetStreamBus bus, io.ofnevents.runtime.bus.ConsumerSettings s, int n) throws Exception {
    List<String> got = new CopyOnWriteArrayList<>();
    track(bus.subscribe("policies", s, (BusMessage m, Delivery d) -> got.add(m.id())));
    await().atMost(TIMEOUT).until(() -> got.size() >= n);
    return got;
  }

  private static ConsumerInfo consumer(String stream, String durable) throws Exception {
    try (Connection nc = Nats.connect(nats.url())) {
      return nc.jetStreamManagement().getConsumerInfo(stream, durable);
    }
  }
}
