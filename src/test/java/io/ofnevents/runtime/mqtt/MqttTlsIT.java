package io.ofnevents.runtime.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.MosquittoServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.ServerExtension;
import io.ofnevents.testing.TestCertificates;
import io.ofnevents.testing.TestRuntime;
import java.nio.file.Files;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MQTT source over TLS against a mosquitto that requires client certificates: the CA given
 * inline as PEM text (as upstream YAML does), the client certificate as a path and the key as a
 * `${file:...}` reference.
 */
class MqttTlsIT {
  static final TestCertificates CERTS = TestCertificates.create();

  @RegisterExtension
  static final ServerExtension<MosquittoServer> mosquitto =
      ServerExtension.of(MosquittoServer.withTls(CERTS));

  @Test
  void connectsWithTheCaAndAClientCertificate() throws Exception {
    String ca = Files.readString(CERTS.caCert());
    String yaml =
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata:
          name: secure
        spec:
          sink:
            uri: "%s"
          mqtt:
            ev:
              url: "%s"
              topic: "secure/#"
              caCert: |
        %s
              clientCert: "%s"
              clientKey: "${file:%s}"
        """;
    try (RecordingSink sink = RecordingSink.start();
        TestRuntime rt =
            TestRuntime.start(
                yaml.formatted(
                    sink.url("/secure"),
                    mosquitto.url(),
                    ca.strip().indent(8).stripTrailing(),
                    CERTS.clientCert(),
                    CERTS.clientKey()))) {
      assertThat(rt.bundle().routes().get(0).yaml()).contains("BEGIN CERTIFICATE");
      MqttClient publisher = publisher();
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  publisher.publish("secure/door", "open".getBytes(UTF_8), 1, false);
                  return !sink.delivered("/secure").isEmpty();
                });
      } finally {
        publisher.disconnect();
        publisher.close();
      }
      assertThat(sink.delivered("/secure").get(0).bodyText()).isEqualTo("open");
      assertThat(sink.delivered("/secure").get(0).header("ce-subject")).isEqualTo("secure/door");
    }
  }

  /** A publisher with the same test CA and client certificate, built by the source's own code. */
  private static MqttClient publisher() throws Exception {
    MqttSettings settings =
        new MqttSettings(
            mosquitto.url(),
            "secure/#",
            "tls-publisher",
            null,
            1,
            true,
            CERTS.caCert().toString(),
            CERTS.clientCert().toString(),
            CERTS.clientKey().toString(),
            Duration.ofSeconds(30));
    MqttConnectOptions options = new MqttConnectOptions();
    options.setSocketFactory(MqttTls.socketFactory(settings));
    MqttClient client = new MqttClient(mosquitto.url(), "tls-publisher", new MemoryPersistence());
    client.connect(options);
    return client;
  }
}
