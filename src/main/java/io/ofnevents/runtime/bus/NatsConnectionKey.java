package io.ofnevents.runtime.bus;

import java.util.Objects;

/** Endpoints with the same key share one NATS connection. */
public final class NatsConnectionKey {
  private NatsConnectionKey() {}

  public static String of(BusOptions o) {
    return String.join(
        "|",
        o.driver(),
        String.valueOf(o.servers()),
        String.valueOf(
            Objects.hash(o.token(), o.user(), o.password(), o.credentials(), o.credentialsFile())),
        String.valueOf(o.tlsCaFile()),
        String.valueOf(o.tlsCertFile()),
        String.valueOf(o.tlsKeyFile()),
        String.valueOf(o.tlsInsecure()));
  }
}
