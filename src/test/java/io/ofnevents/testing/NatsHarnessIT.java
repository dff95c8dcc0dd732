package io.ofnevents.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves the harness against a real nats-server: JetStream dedup, pull consumers, restarts. */
class NatsHarnessIT {
  @RegisterExtension static final ServerExtension<NatsServer> nats = ServerExtension.nats();

  private static final String MSG_ID = "Nats-Msg-Id";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void deduplicatesConsumesAndKeepsTheStreamAcrossARestart() throws Exception {
    int port = nats.port();
    // ids m-0..m-8, then m-3 again: JetStream must drop the repeat within its duplicate window
    List<String> ids = new ArrayList<>(IntStream.range(0, 9).mapToObj(i -> "m-" + i).toList());
    ids.add("m-3");
    List<String> expected = ids.subList(0, 9);

    try (Connection nc = connect(nats.url())) {
      createStream(nc, "SMOKE", "smoke-subject");
      JetStream js = nc.jetStream();
      List<PublishAck> acks = new ArrayList<>();
      for (String id : ids) {
        acks.add(js.publish(message("smoke-subject", id)));
      }
      assertThat(acks).extracting(PublishAck::isDuplicate).containsOnlyOnce(true).endsWith(true);
      assertThat(acks.get(9).getSeqno()).isEqualTo(acks.get(3).getSeqno());

      JetStreamSubscription sub = pullSubscribe(js, "smoke-subject", "smoke-durable");
      List<Message> received = new ArrayList<>();
      await()
          .pollInSameThread()
          .atMost(TIMEOUT)
          .until(
              () -> {
                received.addAll(sub.fetch(10, Duration.ofMillis(200)));
                return received.size() >= expected.size();
              });
      for (Message m : received) {
        m.ackSync(TIMEOUT);
      }
      assertThat(received)
          .extracting(m -> m.getHeaders().getFirst(MSG_ID))
          .containsExactlyElementsOf(expected);
      assertThat(received)
          .allSatisfy(
              m ->
                  assertThat(new String(m.getData(), UTF_8))
                      .isEqualTo("body " + m.getHeaders().getFirst(MSG_ID)));
      assertThat(sub.fetch(10, Duration.ofMillis(300))).as("nothing beyond the 9").isEmpty();
      ConsumerInfo consumer = sub.getConsumerInfo();
      assertThat(consumer.getNumPending()).isZero();
      assertThat(consumer.getNumAckPending()).isZero();
    }

    nats.server().restart();

    assertThat(nats.port()).isEqualTo(port);
    try (Connection nc = connect(nats.url())) {
      JetStreamManagement jsm = nc.jetStreamManagement();
      assertThat(jsm.getStreamInfo("SMOKE").getStreamState().getMsgCount()).isEqualTo(9);
      ConsumerInfo consumer = jsm.getConsumerInfo("SMOKE", "smoke-durable");
      assertThat(consumer.getAckFloor().getStreamSequence()).isEqualTo(9);
    }
  }

  @Test
  void aKilledServerStartsAgainOnItsPortWithItsStore() throws Exception {
    try (Connection nc = connect(nats.url())) {
      createStream(nc, "KILLED", "killed-subject");
      for (int i = 0; i < 3; i++) {
        nc.jetStream().publish(message("killed-subject", "k-" + i));
      }
    }
    int port = nats.port();

    nats.server().kill();
    assertThat(nats.server().isRunning()).isFalse();
    nats.server().start();

    assertThat(nats.port()).isEqualTo(port);
    try (Connection nc = connect(nats.url())) {
      assertThat(nc.jetStreamManagement().getStreamInfo("KILLED").getStreamState().getMsgCount())
          .isEqualTo(3);
    }
  }

  @Test
  void aTokenServerRejectsClientsWithoutTheToken() throws Exception {
    try (NatsServer secured = NatsServer.builder().token("s3cret").build()) {
      secured.start();
      Options anonymous =
          Options.builder()
              .server(secured.url())
              .noReconnect()
              .connectionTimeout(Duration.ofMillis(500)) // jnats waits this long after a rejection
              .errorListener(new ErrorListener() {}) // the rejection is expected: keep it quiet
              .build();
      assertThatThrownBy(() -> Nats.connect(anonymous)).hasMessageContaining("Authorization");
      Options withToken =
          Options.builder().server(secured.url()).token("s3cret".toCharArray()).build();
      try (Connection nc = Nats.connect(withToken)) {
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
      }
    }
  }

  private static Connection connect(String url) throws IOException, InterruptedException {
    return Nats.connect(Options.builder().server(url).connectionTimeout(TIMEOUT).build());
  }

  private static void createStream(Connection nc, String stream, String subject) throws Exception {
    nc.jetStreamManagement()
        .addStream(
            StreamConfiguration.builder()
                .name(stream)
                .subjects(subject)
                .storageType(StorageType.File)
                .build());
  }

  private static NatsMessage message(String subject, String id) {
    return NatsMessage.builder()
        .subject(subject)
        .headers(new Headers().put(MSG_ID, id))
        .data("body " + id, UTF_8)
        .build();
  }

  private static JetStreamSubscription pullSubscribe(JetStream js, String subject, String durable)
      throws Exception {
    ConsumerConfiguration config =
        ConsumerConfiguration.builder().durable(durable).ackPolicy(AckPolicy.Explicit).build();
    return js.subscribe(subject, PullSubscribeOptions.builder().configuration(config).build());
  }
}
