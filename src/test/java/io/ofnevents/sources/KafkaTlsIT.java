package io.ofnevents.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.KafkaClients;
import io.ofnevents.testing.KafkaServer;
import io.ofnevents.testing.ManagedRuntime;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka source over TLS against the real KRaft broker with certificates made for the test, in
 * the packaged runtime, each PEM by another kind of reference: SSL with only the CA (`${file:}`),
 * SSL to a listener that requires a client certificate (CA from `${env:}`, certificate and key from
 * a Secret), and SASL_SSL with SCRAM-SHA-256. Each event's records reach the sink.
 */
class KafkaTlsIT {
  static final TestCertificates CERTS = TestCertificates.create();
  static final String PASSWORD = "tls-Pw+&=1";
  static final List<String> EVENTS = List.of("oneway", "mutual", "sasl");

  @RegisterExtension
  static final ServerExtension<KafkaServer> kafka =
      ServerExtension.of(KafkaServer.withTls(CERTS, "bob", PASSWORD));

  @Test
  void consumesOverSslWithAndWithoutAClientCertificateAndOverSaslSsl(@TempDir Path dir)
      throws Exception {
    Path secrets = dir.resolve("secrets");
    Files.createDirectories(secrets.resolve("kafka-client"));
    Files.copy(CERTS.clientCert(), secrets.resolve("kafka-client/tls.crt"));
    Files.copy(CERTS.clientKey(), secrets.resolve("kafka-client/tls.key"));
    Files.copy(CERTS.caCert(), secrets.resolve("kafka-client/ca.crt"));
    Files.writeString(secrets.resolve("kafka-client/password"), PASSWORD);
    Path resources = dir.resolve("resources");
    Files.createDirectories(resources);
    try (RecordingSink sink = RecordingSink.start()) {
      Files.writeString(resources.resolve("tls.yaml"), eventSource(sink));
      try (ManagedRuntime rt =
          ManagedRuntime.start(
              resources,
              List.of("--secrets-dir", secrets.toString()),
              "KAFKA_CA=" + Files.readString(CERTS.caCert()))) {
        rt.awaitReady(Duration.ofSeconds(90));
        // new consumer groups start at the newest offset: send until each event's record arrives
        await()
            .atMost(Duration.ofSeconds(90))
            .failFast("runtime exited", () -> !rt.process().isAlive())
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  List<String> bodies = sink.deliveredBodies("/tls");
                  for (String event : EVENTS) {
                    if (!bodies.contains(event + "-record")) {
                      KafkaClients.produce(kafka.url(), "tls-" + event, null, event + "-record");
                    }
                  }
                  return EVENTS.stream().allMatch(e -> bodies.contains(e + "-record"));
                });
        assertThat(rt.log()).doesNotContain("BEGIN PRIVATE KEY").doesNotContain(PASSWORD);
      }
    }
  }

  private static String eventSource(RecordingSink sink) {
    return """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: secure}
        spec:
          sink: {uri: "%1$s"}
          kafka:
            oneway:
              brokers: "127.0.0.1:%2$d"
              topic: tls-oneway
              authRequired: false
              tls:
                caCert: "${file:%5$s}"
            mutual:
              brokers: "127.0.0.1:%3$d"
              topic: tls-mutual
              authRequired: false
              tls:
                caCert: "${env:KAFKA_CA}"
                clientCert: {secretKeyRef: {name: kafka-client, key: tls.crt}}
                clientKey: {secretKeyRef: {name: kafka-client, key: tls.key}}
            sasl:
              brokers: "127.0.0.1:%4$d"
              topic: tls-sasl
              authRequired: true
              saslMechanism: SCRAM-SHA-256
              saslUsername: bob
              saslPassword: {secretKeyRef: {name: kafka-client, key: password}}
              tls:
                caCert: {secretKeyRef: {name: kafka-client, key: ca.crt}}
        """
        .formatted(
            sink.url("/tls"),
            kafka.server().tlsPort(),
            kafka.server().mtlsPort(),
            kafka.server().saslSslPort(),
            CERTS.caCert());
  }
}
