package io.ofnevents.bus;

import static io.ofnevents.bus.BusFixtures.event;
import static io.ofnevents.bus.BusFixtures.options;
import static io.ofnevents.bus.BusFixtures.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ofnevents.runtime.bus.Subscription;
import io.ofnevents.runtime.bus.nats.JetStreamBus;
import io.ofnevents.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NATS bus over mutual TLS with PEM files, as a Kubernetes TLS Secret holds them. */
class NatsTlsIT {
  @TempDir static Path pki;

  @Test
  void connectsWithTheCaAndAClientCertificateAndFailsClearlyWithout() throws Exception {
    makePki();
    try (TlsNatsServer server = new TlsNatsServer()) {
      server.start();
      String[] tls = {
        "tlsCaFile", pki.resolve("ca.crt").toString(),
        "tlsCertFile", pki.resolve("client.crt").toString(),
        "tlsKeyFile", pki.resolve("client.key").toString()
      };
      try (JetStreamBus bus = new JetStreamBus(options(with(server.url(), tls)), "r")) {
        List<String> got = new CopyOnWriteArrayList<>();
        try (Subscription s =
            bus.subscribe(
                "secure", queue("s", Duration.ofSeconds(30)), (m, d) -> got.add(m.id()))) {
          bus.publish("secure", event("t-1", "over TLS"));
          await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 1);
        }
      }
      String[] noClientCert = {"tlsCaFile", pki.resolve("ca.crt").toString()};
      // the server drops the connection after the handshake, which jnats sees as a timeout: the
      // bus cannot tell it from a slow server, so it keeps trying and readiness says why
      try (JetStreamBus bus = new JetStreamBus(options(with(server.url(), noClientCert)), "r")) {
        assertThat(bus.downReason()).startsWith("cannot connect to NATS at " + server.url());
      }
      String[] missingKey = {
        "tlsCaFile", pki.resolve("ca.crt").toString(),
        "tlsCertFile", pki.resolve("client.crt").toString(),
        "tlsKeyFile", pki.resolve("nope.key").toString()
      };
      assertThatThrownBy(() -> new JetStreamBus(options(with(server.url(), missingKey)), "r"))
          .hasMessageContaining("cannot set up TLS for NATS")
          .hasMessageContaining("nope.key");
    }
  }

  private static String[] with(String url, String[] tls) {
    String[] all = new String[tls.length + 4];
    all[0] = "driver";
    all[1] = "jetstream";
    all[2] = "servers";
    all[3] = url;
    System.arraycopy(tls, 0, all, 4, tls.length);
    return all;
  }

  /** A CA, a server certificate for 127.0.0.1 and a client certificate, by openssl. */
  private static void makePki() throws Exception {
    Files.writeString(pki.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
    Files.writeString(pki.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    openssl(
        "req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=ofn-test-ca -keyout ca.key -out ca.crt");
    for (String who : List.of("server", "client")) {
      openssl(
          "req -newkey rsa:2048 -nodes -subj /CN="
              + who
              + " -keyout "
              + who
              + ".key -out "
              + who
              + ".csr");
      openssl(
          "x509 -req -days 1 -CA ca.crt -CAkey ca.key -CAcreateserial -in "
              + who
              + ".csr -out "
              + who
              + ".crt -extfile "
              + who
              + ".ext");
    }
    assertThat(Files.readString(pki.resolve("client.key"))).contains("BEGIN PRIVATE KEY");
  }

  private static void openssl(String args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args.split(" ")));
    Process p =
        new ProcessBuilder(command)
            .directory(pki.toFile())
            .redirectErrorStream(true)
            .redirectOutput(pki.resolve("openssl.log").toFile())
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("openssl " + args).isZero();
  }

  /** nats-server requiring TLS with client certificates signed by the test CA. */
  private static final class TlsNatsServer extends ServerProcess {
    TlsNatsServer() {
      super("nats-server", "nats-server");
    }

    @Override
    protected List<String> arguments() {
      return List.of(
          "-js",
          "-a",
          HOST,
          "-p",
          String.valueOf(port()),
          "-sd",
          dir().toString(),
          "--tls",
          "--tlscert",
          pki.resolve("server.crt").toString(),
          "--tlskey",
          pki.resolve("server.key").toString(),
          "--tlsverify",
          "--tlscacert",
          pki.resolve("ca.crt").toString());
    }

    @Override
    protected Pattern readyLine() {
      return Pattern.compile("Server is ready");
    }

    @Override
    public String url() {
      return "tls://" + HOST + ":" + port();
    }
  }
}
