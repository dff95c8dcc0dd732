package io.ofnevents.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.Problem;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of the Kafka, Redis and MQTT sources, good and bad: each bad input yields exactly the
 * expected line `es.yaml:LINE: EventSource default/es: spec.KIND.ev.FIELD: message`, each good one
 * no problem at all. The fields of a case start on line 10.
 */
class SourceValidationTest {

  static Stream<Arguments> good() {
    return Stream.of(
        good("kafka", "brokers: \"a:9092, b:9093\"", "topic: events-sample", "authRequired: false"),
        good(
            "kafka",
            "brokers: a:9092",
            "topic: t.1_x-y",
            "authRequired: true",
            "saslUsername: alice",
            "saslPassword: \"${env:KAFKA_PASSWORD}\"",
            "saslMechanism: SCRAM-SHA-512",
            "maxMessageBytes: 1048576"),
        good(
            "kafka",
            "brokers: a:9092",
            "topic: t",
            "authRequired: true",
            "saslUsername: \"${file:/run/secrets/user}\"",
            "saslPassword: {secretKeyRef: {name: kafka, key: password}}"),
        good("redis", "redisHost: redis:6379"),
        good(
            "redis",
            "redisHost: redis:6379",
            "redisPassword: \"${env:REDIS_PASSWORD}\"",
            "stream: orders",
            "redeliverInterval: 30s",
            "processingTimeout: 1m30s",
            "redisDB: 3",
            "enableTLS: true",
            "dialTimeout: 2s",
            "readTimeout: PT1S",
            "redisMaxRetries: 5",
            "redisMinRetryInterval: 10ms",
            "redisMaxRetryInterval: 1s",
            "poolSize: 8",
            "minIdleConns: 2",
            "idleTimeout: 10m"),
        good("redis", "redisHost: redis:6379", "channel: news"),
        good("redis", "redisHost: redis:6379", "pattern: \"news.*\""),
        good(
            "redis",
            "redisHost: \"s1:26379,s2:26379\"",
            "failover: true",
            "sentinelMasterName: mymaster"),
        good("redis", "redisHost: \"n1:7000,n2:7000\"", "redisType: cluster"),
        good("mqtt", "url: tcp://mosquitto:1883", "topic: sensors/+/temperature"),
        good(
            "mqtt",
            "url: ssl://mosquitto:8883",
            "topic: \"sensors/#\"",
            "qos: 2",
            "cleanSession: true",
            "caCert: \"${file:/certs/ca.pem}\"",
            "clientCert: /certs/client.pem",
            "clientKey: \"${file:/certs/client.key}\""),
        good("mqtt", "url: mqtt://broker", "topic: \"#\"", "qos: 0"));
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        // Kafka
        bad(
            "kafka",
            l("topic: t", "authRequired: false"),
            "9: spec.kafka.ev.brokers: required field is missing"),
        bad(
            "kafka",
            l("brokers: a:9092", "authRequired: false"),
            "9: spec.kafka.ev.topic: required field is missing"),
        bad(
            "kafka",
            l("brokers: a:9092", "topic: t"),
            "9: spec.kafka.ev.authRequired: required field is missing"),
        bad(
            "kafka",
            l("brokers: kafka", "topic: t", "authRequired: false"),
            "10: spec.kafka.ev.brokers: \"kafka\" is not host:port"),
        bad(
            "kafka",
            l("brokers: \"a:9092,tcp://b:9092\"", "topic: t", "authRequired: false"),
            "10: spec.kafka.ev.brokers: \"tcp://b:9092\" is not host:port"),
        bad(
            "kafka",
            l("brokers: a:99999", "topic: t", "authRequired: false"),
            "10: spec.kafka.ev.brokers: port 99999 is out of range 1-65535"),
        bad(
            "kafka",
            l("brokers: a:9092", "topic: \"my topic\"", "authRequired: false"),
            "11: spec.kafka.ev.topic: \"my topic\" is not a Kafka topic name (letters, digits, '.', '_'"
                + " and '-', at most 249)"),
        bad(
            "kafka",
            l("brokers: a:9092", "topic: t", "authRequired: yes please"),
            "12: spec.kafka.ev.authRequired: expected true or false, got string \"yes please\""),
        bad(
            "kafka",
            l("brokers: a:9092", "topic: t", "authRequired: true"),
            "9: spec.kafka.ev.saslUsername: required when authRequired is true",
            "9: spec.kafka.ev.saslPassword: required when authRequired is true"),
        bad(
            "kafka",
            l(
                "brokers: a:9092",
                "topic: t",
                "authRequired: true",
                "saslUsername: u",
                "saslPassword: hunter2"),
            "14: spec.kafka.ev.saslPassword: warning: secret given in clear; use ${env:VAR},"
                + " ${file:/path} or {secretKeyRef: {name, key}}"),
        bad(
            "kafka",
            l(
                "brokers: a:9092",
                "topic: t",
                "authRequired: true",
                "saslUsername: u",
                "saslPassword: \"${env:P}\"",
                "saslMechanism: GSSAPI"),
            "15: spec.kafka.ev.saslMechanism: must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512"
                + " (got \"GSSAPI\")"),
        bad(
            "kafka",
            l("brokers: a:9092", "topic: t", "authRequired: false", "saslMechanism: PLAIN"),
            "13: spec.kafka.ev.saslMechanism: warning: has no effect unless authRequired is true"),
        bad(
            "kafka",
            l("brokers: a:9092", "topic: t", "authRequired: false", "maxMessageBytes: 0"),
            "13: spec.kafka.ev.maxMessageBytes: must be greater than zero"),
        bad(
            "kafka",
            l("brokers: a:9092", "topic: t", "authRequired: false", "maxMessageBytes: 1k"),
            "13: spec.kafka.ev.maxMessageBytes: expected an integer, got string \"1k\""),
        bad(
            "kafka",
            l("brokers: a:9092", "topic: t", "authRequired: false", "topics: [t]"),
            "13: spec.kafka.ev.topics: unknown field \"topics\" (did you mean \"topic\"?)"),
        // Redis
        bad("redis", l("stream: s"), "9: spec.redis.ev.redisHost: required field is missing"),
        bad(
            "redis",
            l("redisHost: redis"),
            "10: spec.redis.ev.redisHost: \"redis\" is not host:port"),
        bad(
            "redis",
            l("redisHost: \"a:1,b:2\""),
            "10: spec.redis.ev.redisHost: only one host:port unless failover is true or redisType is"
                + " cluster"),
        bad(
            "redis",
            l("redisHost: r:6379", "redisPassword: hunter2"),
            "11: spec.redis.ev.redisPassword: warning: secret given in clear; use ${env:VAR},"
                + " ${file:/path} or {secretKeyRef: {name, key}}"),
        bad(
            "redis",
            l("redisHost: r:6379", "stream: s", "channel: c"),
            "9: spec.redis.ev: set at most one of stream, channel and pattern"),
        bad(
            "redis",
            l("redisHost: r:6379", "stream: \"\""),
            "11: spec.redis.ev.stream: must not be empty"),
        bad(
            "redis",
            l("redisHost: r:6379", "redeliverInterval: soon"),
            "11: spec.redis.ev.redeliverInterval: \"soon\" is not a duration (use e.g. 30s, 1m30s,"
                + " 200ms or PT0.2S)"),
        bad(
            "redis",
            l("redisHost: r:6379", "processingTimeout: 0s"),
            "11: spec.redis.ev.processingTimeout: \"0s\" must be greater than zero"),
        bad(
            "redis",
            l("redisHost: r:6379", "channel: c", "processingTimeout: 5s"),
            "12: spec.redis.ev.processingTimeout: warning: has no effect: applies to streams only;"
                + " pub/sub messages cannot be redelivered"),
        bad(
            "redis",
            l("redisHost: r:6379", "failover: true"),
            "9: spec.redis.ev.sentinelMasterName: required when failover is true"),
        bad(
            "redis",
            l("redisHost: r:6379", "sentinelMasterName: m"),
            "11: spec.redis.ev.sentinelMasterName: warning: has no effect unless failover is true"),
        bad(
            "redis",
            l("redisHost: r:6379", "redisType: sentinel"),
            "11: spec.redis.ev.redisType: must be one of node, cluster (got \"sentinel\")"),
        bad(
            "redis",
            l("redisHost: r:6379", "redisType: cluster", "redisDB: 2"),
            "12: spec.redis.ev.redisDB: a Redis cluster has only database 0"),
        bad(
            "redis",
            l("redisHost: r:6379", "redisDB: 16"),
            "11: spec.redis.ev.redisDB: must be between 0 and 15 (got 16)"),
        bad(
            "redis",
            l("redisHost: r:6379", "enableTLS: sometimes"),
            "11: spec.redis.ev.enableTLS: expected true or false, got string \"sometimes\""),
        bad(
            "redis",
            l("redisHost: r:6379", "poolSize: 0"),
            "11: spec.redis.ev.poolSize: must be at least 1 (got 0)"),
        bad(
            "redis",
            l("redisHost: r:6379", "poolSize: 2", "minIdleConns: 3"),
            "12: spec.redis.ev.minIdleConns: must not exceed poolSize (2)"),
        bad(
            "redis",
            l("redisHost: r:6379", "redisMaxRetries: -1"),
            "11: spec.redis.ev.redisMaxRetries: must be at least 0 (got -1)"),
        bad(
            "redis",
            l("redisHost: r:6379", "dialTimeout: 5"),
            "11: spec.redis.ev.dialTimeout: expected a string, got integer 5 (quote it: \"5\")"),
        bad(
            "redis",
            l("redisHost: r:6379", "dialTimeout: \"5\""),
            "11: spec.redis.ev.dialTimeout: \"5\" is not a duration (use e.g. 30s, 1m30s, 200ms or"
                + " PT0.2S)"),
        bad(
            "redis",
            l("redisHost: r:6379", "redisMinRetryInterval: 1s", "redisMaxRetryInterval: 10ms"),
            "12: spec.redis.ev.redisMaxRetryInterval: must not be shorter than redisMinRetryInterval"),
        bad(
            "redis",
            l("redisHost: r:6379", "maxConnAge: 30m"),
            "11: spec.redis.ev.maxConnAge: warning: accepted but has no effect: the Redis client"
                + " (Redisson) does not recycle connections by age"),
        bad(
            "redis",
            l("redisHost: r:6379", "key: k"),
            "11: spec.redis.ev.key: unknown field \"key\" (known fields: redisHost, redisPassword,"
                + " enableTLS, failover, sentinelMasterName, redeliverInterval, processingTimeout,"
                + " redisType, redisMinRetryInterval, redisMaxRetryInterval, dialTimeout, readTimeout,"
                + " writeTimeout, poolTimeout, maxConnAge, idleCheckFrequency, idleTimeout, redisDB,"
                + " redisMaxRetries, poolSize, minIdleConns, stream, channel, pattern)"),
        // MQTT
        bad("mqtt", l("topic: t"), "9: spec.mqtt.ev.url: required field is missing"),
        bad("mqtt", l("url: tcp://m:1883"), "9: spec.mqtt.ev.topic: required field is missing"),
        bad(
            "mqtt",
            l("url: http://m", "topic: t"),
            "10: spec.mqtt.ev.url: \"http://m\" is not an MQTT broker URL such as tcp://host:1883 or"
                + " ssl://host:8883"),
        bad(
            "mqtt",
            l("url: tcp://m:1883", "topic: \"a/#/b\""),
            "11: spec.mqtt.ev.topic: \"a/#/b\": '#' must be a whole level and the last one"),
        bad(
            "mqtt",
            l("url: tcp://m:1883", "topic: \"a/b+\""),
            "11: spec.mqtt.ev.topic: \"a/b+\": '+' must be a whole level"),
        bad(
            "mqtt",
            l("url: tcp://m:1883", "topic: t", "qos: 3"),
            "12: spec.mqtt.ev.qos: must be 0, 1 or 2 (got 3)"),
        bad(
            "mqtt",
            l("url: tcp://m:1883", "topic: t", "qos: high"),
            "12: spec.mqtt.ev.qos: expected an integer, got string \"high\""),
        bad(
            "mqtt",
            l("url: tcp://m:1883", "topic: t", "retain: true"),
            "12: spec.mqtt.ev.retain: warning: has no effect: it sets the retain flag of published"
                + " messages, and a source only subscribes"),
        bad(
            "mqtt",
            l("url: tcp://m:1883", "topic: t", "cleanSession: 1"),
            "12: spec.mqtt.ev.cleanSession: expected true or false, got integer 1"),
        bad(
            "mqtt",
            l("url: ssl://m:8883", "topic: t", "clientCert: /c.pem"),
            "9: spec.mqtt.ev.clientKey: required with clientCert"),
        bad(
            "mqtt",
            l("url: ssl://m:8883", "topic: t", "clientCert: /c.pem", "clientKey: PEMTEXT"),
            "13: spec.mqtt.ev.clientKey: warning: secret given in clear; use ${env:VAR},"
                + " ${file:/path} or {secretKeyRef: {name, key}}"),
        bad(
            "mqtt",
            l("url: tcp://m:1883", "topic: t", "caCert: /ca.pem"),
            "12: spec.mqtt.ev.caCert: warning: has no effect without TLS: use an ssl://, wss:// or"
                + " mqtts:// url"),
        bad(
            "mqtt",
            l("url: tcp://m:1883", "topic: t", "consumerID: me"),
            "12: spec.mqtt.ev.consumerID: warning: accepted but has no effect: the client id is always"
                + " {namespace}-{eventSource}-{event}"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("good")
  void goodInputHasNoProblem(String kind, String fields) {
    assertThat(problems(kind, fields)).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("bad")
  void badInputIsReportedWithFileLineResourceAndField(
      String kind, String fields, List<String> expected) {
    List<String> want =
        expected.stream()
            .map(e -> e.replaceFirst("^(\\d+): ", "es.yaml:$1: EventSource default/es: "))
            .toList();
    assertThat(problems(kind, fields)).containsExactlyInAnyOrderElementsOf(want);
  }

  private static List<String> problems(String kind, String fields) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: events.openfunction.io/v1alpha1
            kind: EventSource
            metadata:
              name: es
            spec:
              sink:
                uri: http://sink.example/
            """);
    yaml.append("  ").append(kind).append(":\n    ev:\n");
    for (String line : fields.split("\n")) yaml.append("      ").append(line).append('\n');
    LoadResult loaded = YamlLoader.load("es.yaml", yaml.toString(), "default");
    List<Problem> all = new ArrayList<>(loaded.problems());
    all.addAll(Validator.validate(loaded.resources()));
    return all.stream().map(Problem::format).toList();
  }

  private static Arguments good(String kind, String... fields) {
    return Arguments.of(kind, String.join("\n", fields));
  }

  private static Arguments bad(String kind, String fields, String... expected) {
    return Arguments.of(kind, fields, List.of(expected));
  }

  private static String l(String... lines) {
    return String.join("\n", lines);
  }
}
