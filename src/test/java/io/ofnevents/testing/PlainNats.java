package io.ofnevents.testing;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.time.Duration;

/** A plain jnats client, as any NATS publisher would use it, for tests that feed the bus. */
public final class PlainNats {
  private PlainNats() {}

  /** A connection that rides out server restarts quietly (they are the point of fault tests). */
  public static Connection connect(String url) throws IOException, InterruptedException {
    return Nats.connect(
        Options.builder()
            .server(url)
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(250))
            .pingInterval(Duration.ofSeconds(2))
            .errorListener(new ErrorListener() {})
            .build());
  }

  /** Binary-mode CloudEvent headers with `id`, and `Nats-Msg-Id` = `id`, as sources publish. */
  public static Headers event(String id) {
    return EventPublisher.headers(id);
  }

  /** Publishes to JetStream and returns its ack; `headers` may be null (no header at all). */
  public static PublishAck publish(Connection nc, String subject, Headers headers, byte[] data)
      throws IOException, JetStreamApiException {
    NatsMessage.Builder b = NatsMessage.builder().subject(subject).data(data);
    if (headers != null) b.headers(headers);
    return nc.jetStream().publish(b.build());
  }

  /** Whether the runtime created durable `consumer` on the stream it keeps for `subject`. */
  public static boolean consumerExists(Connection nc, String subject, String consumer)
      throws IOException {
    try {
      return nc.jetStreamManagement().getConsumerInfo("OFN_" + subject, consumer) != null;
    } catch (JetStreamApiException e) {
      return false;
    }
  }
}
