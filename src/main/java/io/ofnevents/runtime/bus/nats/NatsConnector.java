package io.ofnevents.runtime.bus.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.ofnevents.runtime.bus.BusOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The jnats options of a bus: servers, authentication, TLS, and reconnection for as long as the
 * process runs (a restarted server is picked up again; JetStream state lives there). {@link
 * NatsLink} connects with them.
 */
public final class NatsConnector {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration RECONNECT_WAIT = Duration.ofMillis(250);

  /**
   * jnats 2.24.1 sometimes (about one server restart in six against nats-server 2.9.10) reports a
   * reconnect but then sends nothing: every request times out and pulls stop. Only its PINGs notice
   * (two unanswered ones make it reconnect again), so ping often: such a stall then lasts ~6 s
   * instead of the default 4 minutes.
   */
  static final Duration PING_INTERVAL = Duration.ofSeconds(2);

  private NatsConnector() {}

  /** Closes `nc`, waiting for pending acks to be flushed; never throws. */
  public static void closeQuietly(Connection nc) {
    try {
      nc.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // closing is best effort: JetStream redelivers whatever was not acknowledged
    }
  }

  /** jnats options for `o`; `events` hears about the connection (logging, the last error). */
  static Options options(BusOptions o, String name, ConnectionLog events) {
    if (o.servers() == null || o.servers().isBlank()) {
      throw new IllegalArgumentException("the NATS bus needs servers=<url>[,<url>...]");
    }
    String[] servers =
        Arrays.stream(o.servers().split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toArray(String[]::new);
    Options.Builder b =
        Options.builder()
            .servers(servers)
            .connectionName(name)
            .connectionTimeout(CONNECT_TIMEOUT)
            .maxReconnects(-1)
            .reconnectWait(RECONNECT_WAIT)
            .pingInterval(PING_INTERVAL)
            .connectionListener(events)
            .errorListener(events);
    if (o.token() != null) b.token(o.token().toCharArray());
    if (o.user() != null) b.userInfo(o.user(), o.password() == null ? "" : o.password());
    if (o.credentials() != null) {
      b.authHandler(Nats.staticCredentials(o.credentials().getBytes(StandardCharsets.UTF_8)));
    }
    if (o.credentialsFile() != null) b.authHandler(Nats.credentials(o.credentialsFile()));
    if (usesTls(o, servers)) b.sslContext(PemTls.context(o));
    return b.build();
  }

  private static boolean usesTls(BusOptions o, String[] servers) {
    if (o.tlsCaFile() != null || o.tlsCertFile() != null || o.tlsInsecure()) return true;
    return Arrays.stream(servers).anyMatch(s -> s.startsWith("tls://"));
  }
}
