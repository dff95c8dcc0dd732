package io.ofnevents.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import org.junit.jupiter.api.Test;

/**
 * What the compiler writes for each source kind: the Kamelet and its parameters, consumer names
 * {ns}-{eventSource}-{event}, and secrets only as placeholders, never as values.
 */
class SourceCompileTest {

  @Test
  void kafkaWithSaslGetsTheGroupOfItsEventSourceAndSecretsAsPlaceholders() {
    Bundle b =
        compile(
            """
            kafka:
              created:
                brokers: "k:9092"
                topic: orders
                authRequired: true
                saslUsername: alice
                saslPassword: hunter2
            """);
    String yaml = b.routes().get(0).yaml();
    assertThat(yaml)
        .contains("uri: kamelet:ofn-kafka-source")
        .contains("groupId: default-shop-created")
        .contains("securityProtocol: SASL_PLAINTEXT")
        .contains("saslMechanism: PLAIN")
        .contains("saslPassword: RAW({{ofn.secret.default.shop.spec.kafka.created.saslPassword}})")
        .doesNotContain("hunter2")
        .doesNotContain("alice");
    assertThat(b.secretLiterals())
        .containsEntry("ofn.secret.default.shop.spec.kafka.created.saslPassword", "hunter2");
    assertThat(b.kamelets()).contains("ofn-kafka-source", "ofn-cloudevents-action");
  }

  @Test
  void kafkaWithoutAuthHasNoSaslParameters() {
    String yaml =
        compile("kafka:\n  ev:\n    brokers: \"k:9092\"\n    topic: t\n    authRequired: false\n")
            .routes()
            .get(0)
            .yaml();
    assertThat(yaml).doesNotContain("sasl").doesNotContain("securityProtocol");
  }

  @Test
  void kafkaWithTlsPassesEachPemAsABase64PlaceholderAndSaslOverTls() {
    String yaml =
        compile(
                """
                kafka:
                  signed:
                    brokers: "k:9093"
                    topic: orders
                    authRequired: true
                    saslUsername: "${env:KAFKA_USER}"
                    saslPassword: "${env:KAFKA_PASSWORD}"
                    tls:
                      caCert: "${file:/certs/ca.pem}"
                      clientCert: {secretKeyRef: {name: kafka-user, key: user.crt}}
                      clientKey: "${env:KAFKA_KEY}"
                  oneway:
                    brokers: "k:9093"
                    topic: orders
                    authRequired: false
                    tls: {}
                """)
            .routes()
            .get(0)
            .yaml();
    assertThat(yaml)
        .contains("securityProtocol: SASL_SSL")
        .contains("caCert: RAW({{ofn-base64:{{ofn-file:/certs/ca.pem}}}})")
        .contains("clientCert: RAW({{ofn-base64:{{secret:kafka-user/user.crt}}}})")
        .contains("clientKey: RAW({{ofn-base64:{{env:KAFKA_KEY}}}})")
        .contains("securityProtocol: SSL\n");
  }

  @Test
  void redisReadsTheEventNameAsStreamByDefaultWithItsGroup() {
    String yaml =
        compile(
                """
                redis:
                  signups:
                    redisHost: "r:6379"
                    redisPassword: "${env:REDIS_PASSWORD}"
                    processingTimeout: 30s
                """)
            .routes()
            .get(0)
            .yaml();
    assertThat(yaml)
        .contains("uri: kamelet:ofn-redis-source")
        .contains("stream: signups")
        .contains("group: default-shop-signups")
        .contains("processingTimeout: 30s")
        .contains("redisPassword: RAW({{env:REDIS_PASSWORD}})");
  }

  @Test
  void redisPubSubHasNoGroup() {
    String yaml =
        compile("redis:\n  news:\n    redisHost: \"r:6379\"\n    pattern: \"news.*\"\n")
            .routes()
            .get(0)
            .yaml();
    assertThat(yaml).contains("pattern: news.*").doesNotContain("group:").doesNotContain("stream:");
  }

  @Test
  void mqttUsesItsClientIdAndPassesFilesAsPaths() {
    String yaml =
        compile(
                """
                mqtt:
                  temperature:
                    url: ssl://m:8883
                    topic: home/+/temperature
                    retain: true
                    caCert: "${file:/certs/ca.pem}"
                    clientCert: /certs/client.pem
                    clientKey: "${file:/certs/client.key}"
                """)
            .routes()
            .get(0)
            .yaml();
    assertThat(yaml)
        .contains("uri: kamelet:ofn-mqtt-source")
        .contains("clientId: default-shop-temperature")
        .contains("topic: home/+/temperature")
        .contains("caCert: /certs/ca.pem")
        .contains("clientCert: /certs/client.pem")
        .contains("clientKey: /certs/client.key")
        .doesNotContain("retain")
        .doesNotContain("shareGroup");
  }

  @Test
  void mqttWithASharedSubscriptionNamesItsGroup() {
    String yaml =
        compile(
                """
                mqtt:
                  temperature:
                    url: tcp://m:1883
                    topic: home/+/temperature
                    sharedSubscription: true
                """)
            .routes()
            .get(0)
            .yaml();
    assertThat(yaml)
        .contains("clientId: default-shop-temperature")
        .contains("shareGroup: default-shop-temperature")
        .contains("topic: home/+/temperature");
  }

  private static Bundle compile(String sources) {
    String yaml =
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata:
          name: shop
        spec:
          sink:
            uri: http://sink.example/
        """
            + sources.indent(2);
    LoadResult loaded = YamlLoader.load("es.yaml", yaml, "default");
    assertThat(loaded.problems()).isEmpty();
    Bundle b = Compiler.compile(loaded.resources(), CompileOptions.standalone("test"));
    assertThat(b.problems()).isEmpty();
    return b;
  }
}
