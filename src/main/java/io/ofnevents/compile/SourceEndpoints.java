package io.ofnevents.compile;

import io.ofnevents.model.CronSpec;
import io.ofnevents.model.KafkaSpec;
import io.ofnevents.model.MqttSpec;
import io.ofnevents.model.RedisSpec;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.SecretValue;
import io.ofnevents.model.cron.CronSyntaxException;
import io.ofnevents.model.cron.CronTranslation;
import io.ofnevents.model.cron.CronTranslator;
import io.ofnevents.model.load.SecretReferences;
import java.util.LinkedHashMap;
import java.util.Map;

/** The `from` endpoint of each source kind, as a Kamelet of our catalog. */
final class SourceEndpoints {
  static final String CRON = "ofn-cron-source";
  static final String TIMER = "ofn-timer-source";
  static final String KAFKA = "ofn-kafka-source";
  static final String REDIS = "ofn-redis-source";
  static final String MQTT = "ofn-mqtt-source";

  /** Upstream cron ran in the Dapr sidecar's zone, UTC in a container. */
  static final String DEFAULT_TIME_ZONE = "UTC";

  private final Kamelets used;
  private final Compilation c;
  private final ResourceId owner;

  SourceEndpoints(Kamelets used, Compilation c, ResourceId owner) {
    this.used = used;
    this.c = c;
    this.owner = owner;
  }

  Map<String, Object> cron(CronSpec spec) {
    CronTranslation t;
    try {
      t = CronTranslator.translate(spec.schedule());
    } catch (CronSyntaxException e) {
      throw new IllegalStateException("invalid schedule (validate first): " + e.getMessage(), e);
    }
    if (t.isPeriodic()) return Y.endpoint(used.use(TIMER), Y.map("period", t.periodMillis()));
    String zone = t.timeZone() == null ? DEFAULT_TIME_ZONE : t.timeZone();
    return Y.endpoint(used.use(CRON), Y.map("cron", t.quartzCron(), "timeZone", zone));
  }

  /** Kafka's engine factory for base64 PEM certificates, in ofn-events-camel. */
  static final String KAFKA_SSL_ENGINE_FACTORY =
      "io.ofnevents.runtime.kafka.Base64PemSslEngineFactory";

  /**
   * Kafka with offsets committed after delivery; `authRequired` means SASL on a plaintext listener
   * (as Dapr's PLAIN mode was), or on a TLS one with `tls` (ours), with the mechanism of ours
   * defaulting to PLAIN. The TLS PEMs go as placeholders, like every secret.
   */
  Map<String, Object> kafka(KafkaSpec spec, String event, String path) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("brokers", spec.brokers());
    p.put("topic", spec.topic());
    p.put("groupId", Names.sourceConsumer(owner.namespace(), owner.name(), event));
    boolean tls = spec.tls() != null;
    if (tls) {
      p.put("securityProtocol", "SSL");
      // ofn-events-camel's: the PEMs travel base64-encoded (the Kamelet runs on stock Camel
      // without TLS)
      p.put("sslEngineFactory", KAFKA_SSL_ENGINE_FACTORY);
      String tlsPath = path + ".tls";
      put(p, "caCert", base64(spec.tls().caCert(), tlsPath + ".caCert"));
      put(p, "clientCert", base64(spec.tls().clientCert(), tlsPath + ".clientCert"));
      put(p, "clientKey", base64(spec.tls().clientKey(), tlsPath + ".clientKey"));
    }
    if (Boolean.TRUE.equals(spec.authRequired())) {
      p.put("securityProtocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
      p.put("saslMechanism", spec.saslMechanism() == null ? "PLAIN" : spec.saslMechanism());
      p.put("saslUsername", secret(spec.saslUsername(), path + ".saslUsername"));
      p.put("saslPassword", secret(spec.saslPassword(), path + ".saslPassword"));
    }
    if (spec.maxMessageBytes() != null) p.put("maxMessageBytes", spec.maxMessageBytes());
    return Y.endpoint(used.use(KAFKA), p);
  }

  /**
   * Redis: `channel` or `pattern` for pub/sub, else the stream `stream` (default: the event name)
   * read by the group {ns}-{eventSource}-{event}. Fields that do not apply to the client are left
   * out here and reported by validation.
   */
  Map<String, Object> redis(RedisSpec spec, String event, String path) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("redisHost", spec.redisHost());
    put(p, "redisPassword", secret(spec.redisPassword(), path + ".redisPassword"));
    put(p, "redisDB", spec.redisDB());
    put(p, "enableTLS", spec.enableTLS());
    put(p, "redisType", spec.redisType());
    put(p, "failover", spec.failover());
    put(p, "sentinelMasterName", spec.sentinelMasterName());
    put(p, "dialTimeout", spec.dialTimeout());
    put(p, "readTimeout", spec.readTimeout());
    put(p, "redisMaxRetries", spec.redisMaxRetries());
    put(p, "redisMinRetryInterval", spec.redisMinRetryInterval());
    put(p, "redisMaxRetryInterval", spec.redisMaxRetryInterval());
    put(p, "poolSize", spec.poolSize());
    put(p, "minIdleConns", spec.minIdleConns());
    put(p, "idleTimeout", spec.idleTimeout());
    if (spec.channel() != null) {
      p.put("channel", spec.channel());
    } else if (spec.pattern() != null) {
      p.put("pattern", spec.pattern());
    } else {
      p.put("stream", spec.stream() == null ? event : spec.stream());
      p.put("group", Names.sourceConsumer(owner.namespace(), owner.name(), event));
      put(p, "redeliverInterval", spec.redeliverInterval());
      put(p, "processingTimeout", spec.processingTimeout());
    }
    return Y.endpoint(used.use(REDIS), p);
  }

  /**
   * MQTT with client id {ns}-{eventSource}-{event}; with `sharedSubscription` that is also the
   * shared-subscription group, and the source appends its replica id to the client id, so that the
   * replicas split the messages, each with a session of its own. `retain` only concerns publishers.
   */
  Map<String, Object> mqtt(MqttSpec spec, String event, String path) {
    Map<String, Object> p = new LinkedHashMap<>();
    String consumer = Names.sourceConsumer(owner.namespace(), owner.name(), event);
    p.put("url", spec.url());
    p.put("topic", spec.topic());
    p.put("clientId", consumer);
    if (Boolean.TRUE.equals(spec.sharedSubscription())) p.put("shareGroup", consumer);
    put(p, "qos", spec.qos());
    put(p, "cleanSession", spec.cleanSession());
    put(p, "caCert", pem(spec.caCert()));
    put(p, "clientCert", pem(spec.clientCert()));
    // a key file is passed as its path, which the source reads: the key never becomes a property
    SecretValue key = spec.clientKey();
    put(
        p,
        "clientKey",
        key != null && key.file() != null ? key.file() : base64(key, path + ".clientKey"));
    return Y.endpoint(used.use(MQTT), p);
  }

  /**
   * A certificate is no secret: PEM text or a path goes as is, `${file:/path}` as the path (the
   * source reads it), `${env:VAR}` as a placeholder, base64-encoded at run time.
   */
  private static String pem(String value) {
    if (value == null) return null;
    SecretValue ref = SecretReferences.parse(value);
    if (ref.file() != null) return ref.file();
    if (ref.env() != null) return "RAW({{ofn-base64:{{env:" + ref.env() + "}}}})";
    return value;
  }

  /**
   * A secret as a placeholder inside RAW(): placeholders are resolved after the endpoint URI is
   * built, so a value with '+', '&' or '%' would otherwise be read as URI syntax.
   */
  private String secret(SecretValue value, String path) {
    String placeholder = c.secret(value, owner, path);
    return placeholder == null ? null : "RAW(" + placeholder + ")";
  }

  /**
   * A PEM secret as a placeholder base64-encoded at run time: the PEM's line breaks cannot travel
   * in an endpoint URI, base64 can. The sources decode it.
   */
  private String base64(SecretValue value, String path) {
    String placeholder = c.secret(value, owner, path);
    return placeholder == null ? null : "RAW({{ofn-base64:" + placeholder + "}})";
  }

  private static void put(Map<String, Object> p, String key, Object value) {
    if (value != null) p.put(key, value);
  }
}
