package io.ofnevents.runtime.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedactTest {

  @Test
  void hidesUserInfoOfEveryUrlAndKeepsTheRest() {
    assertThat(
            Redact.urls(
                "Unable to connect to NATS servers: [nats://ofn:s3cret@nats-0:4222,"
                    + " tls://tok3n@nats-1:4222, nats://nats-2:4222]"))
        .isEqualTo(
            "Unable to connect to NATS servers: [nats://***@nats-0:4222,"
                + " tls://***@nats-1:4222, nats://nats-2:4222]");
    assertThat(Redact.urls(null)).isNull();
  }

  @Test
  void busOptionsNeverPrintSecrets() {
    BusOptions o =
        new BusOptions(
            "jetstream",
            "c",
            1,
            "nats://u:pw1@h:4222",
            "queue",
            Duration.ofSeconds(30),
            -1,
            1,
            "new",
            null,
            null,
            null,
            null,
            null,
            "file",
            1,
            null,
            Duration.ofMinutes(2),
            "tok2",
            "u",
            "pw3",
            "creds4",
            "/c.creds",
            null,
            null,
            null,
            false,
            null,
            null,
            10);
    assertThat(o.toString()).doesNotContain("pw1", "tok2", "pw3", "creds4");
  }
}
