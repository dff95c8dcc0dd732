package io.ofnevents.compile;

import io.ofnevents.model.CronSpec;
import io.ofnevents.model.Durations;
import io.ofnevents.model.KafkaSpec;
import io.ofnevents.model.MqttSpec;
import io.ofnevents.model.RedisSpec;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.cron.CronSyntaxException;
import io.ofnevents.model.cron.CronTranslation;
import io.ofnevents.model.cron.CronTranslator;
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

  Map<String, Object> kafka(KafkaSpec spec, String event, String path) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("brokers", spec.brokers());
    p.put("topic", spec.topic());
    p.put("groupId", Names.sourceConsumer(owner.namespace(), owner.name(), event));
    if (Boolean.TRUE.equals(spec.authRequired())) {
      p.put("saslMechanism", spec.saslMechanism() == null ? "PLAIN" : spec.saslMechanism());
      p.put("saslUsername", c.secret(spec.saslUsername(), owner, path + ".saslUsername"));
      p.put("saslPassword", c.secret(spec.saslPassword(), owner, path + ".saslPassword"));
    }
    if (spec.maxMessageBytes() != null) p.put("maxMessageBytes", spec.maxMessageBytes());
    return Y.endpoint(used.use(KAFKA), p);
  }

  Map<String, Object> redis(RedisSpec spec, String event, String path) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("redisHost", spec.redisHost());
    put(p, "redisPassword", c.secret(spec.redisPassword(), owner, path + ".redisPassword"));
    put(p, "redisDB", spec.redisDB());
    put(p, "enableTLS", spec.enableTLS());
    if (spec.channel() != null) {
      p.put("channel", spec.channel());
    } else if (spec.pattern() != null) {
      p.put("pattern", spec.pattern());
    } else {
      p.put("stream", spec.stream() == null ? event : spec.stream());
      p.put("group", Names.sourceConsumer(owner.namespace(), owner.name(), event));
      put(p, "redeliverInterval", millis(spec.redeliverInterval()));
      put(p, "processingTimeout", millis(spec.processingTimeout()));
    }
    return Y.endpoint(used.use(REDIS), p);
  }

  Map<String, Object> mqtt(MqttSpec spec, String event, String path) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("url", spec.url());
    p.put("topic", spec.topic());
    p.put("clientId", Names.sourceConsumer(owner.namespace(), owner.name(), event));
    put(p, "qos", spec.qos());
    put(p, "retain", spec.retain());
    put(p, "cleanSession", spec.cleanSession());
    put(p, "caCert", spec.caCert());
    put(p, "clientCert", spec.clientCert());
    put(p, "clientKey", c.secret(spec.clientKey(), owner, path + ".clientKey"));
    return Y.endpoint(used.use(MQTT), p);
  }

  private static Long millis(String duration) {
    return duration == null ? null : Durations.parse(duration).toMillis();
  }

  private static void put(Map<String, Object> p, String key, Object value) {
    if (value != null) p.put(key, value);
  }
}
