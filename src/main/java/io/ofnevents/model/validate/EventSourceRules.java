package io.ofnevents.model.validate;

import io.ofnevents.model.CronSpec;
import io.ofnevents.model.EventSource;
import io.ofnevents.model.EventSourceSpec;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.KafkaSpec;
import io.ofnevents.model.MqttSpec;
import io.ofnevents.model.RedisSpec;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.cron.CronSyntaxException;
import io.ofnevents.model.cron.CronTranslator;
import java.util.Map;

/** Rules of an EventSource. */
final class EventSourceRules {
  private EventSourceRules() {}

  static void check(EventSource es, ResourceSet all, Reporter r) {
    EventSourceSpec spec = es.spec();
    if (spec == null) return;
    boolean busOrSinkWritten = r.written("spec.eventBus") || r.written("spec.sink");
    if (spec.eventBus() == null && spec.sink() == null && !busOrSinkWritten) {
      r.error("spec", "must set spec.eventBus or spec.sink");
    }
    if (spec.eventBus() != null) BusRules.reference(spec.eventBus(), es.namespace(), all, r);
    CommonRules.sink(spec.sink(), "spec.sink", r);
    CommonRules.delivery(spec.delivery(), "spec.delivery", r, true);
    if (spec.delivery() != null && spec.sink() == null) {
      r.warning("spec.delivery", "has no effect without spec.sink");
    }
    int events =
        each(spec.kafka(), "spec.kafka", r, EventSourceRules::kafka)
            + each(spec.cron(), "spec.cron", r, EventSourceRules::cron)
            + each(spec.redis(), "spec.redis", r, EventSourceRules::redis)
            + each(spec.mqtt(), "spec.mqtt", r, EventSourceRules::mqtt);
    if (events == 0) {
      r.warning(
          "spec", "defines no event: add one under spec.kafka, spec.cron, spec.redis or spec.mqtt");
    }
    if (spec.logLevel() != null && !spec.logLevel().matches("[0-9]+")) {
      r.error(
          "spec.logLevel",
          "must be a number such as \"1\" or \"2\" (got \"" + spec.logLevel() + "\")");
    }
  }

  private static <T> int each(Map<String, T> events, String path, Reporter r, Rule<T> rule) {
    if (events == null) return 0;
    events.forEach(
        (name, spec) -> {
          String p = FieldPath.join(path, name);
          CommonRules.eventName(name, p, r);
          if (spec != null) rule.check(spec, p, r);
        });
    return events.size();
  }

  private static void cron(CronSpec cron, String path, Reporter r) {
    if (cron.schedule() == null) return;
    try {
      CronTranslator.translate(cron.schedule());
    } catch (CronSyntaxException e) {
      r.error(FieldPath.join(path, "schedule"), e.getMessage());
    }
  }

  private static void kafka(KafkaSpec k, String path, Reporter r) {
    if (k.brokers() != null) {
      for (String broker : k.brokers().split(",")) {
        if (!broker.trim().matches("[^\\s:/]+:\\d{1,5}")) {
          r.error(FieldPath.join(path, "brokers"), "\"" + broker.trim() + "\" is not host:port");
        }
      }
    }
    if (k.topic() == null || k.topic().isBlank()) {
      r.error(FieldPath.join(path, "topic"), "required field is missing");
    }
    if (Boolean.TRUE.equals(k.authRequired())) {
      if (k.saslUsername() == null)
        r.error(FieldPath.join(path, "saslUsername"), "required when authRequired is true");
      if (k.saslPassword() == null)
        r.error(FieldPath.join(path, "saslPassword"), "required when authRequired is true");
    }
    CommonRules.upstreamSecret(k.saslPassword(), FieldPath.join(path, "saslPassword"), r);
    if (k.maxMessageBytes() != null && k.maxMessageBytes() <= 0) {
      r.error(FieldPath.join(path, "maxMessageBytes"), "must be greater than zero");
    }
  }

  private static void redis(RedisSpec s, String path, Reporter r) {
    if (s.redisHost() != null && !s.redisHost().matches("[^\\s:/]+:\\d{1,5}")) {
      r.error(FieldPath.join(path, "redisHost"), "\"" + s.redisHost() + "\" is not host:port");
    }
    CommonRules.upstreamSecret(s.redisPassword(), FieldPath.join(path, "redisPassword"), r);
    int modes =
        (s.stream() != null ? 1 : 0)
            + (s.channel() != null ? 1 : 0)
            + (s.pattern() != null ? 1 : 0);
    if (modes > 1) r.error(path, "set at most one of stream, channel and pattern");
    CommonRules.duration(s.redeliverInterval(), FieldPath.join(path, "redeliverInterval"), r);
    CommonRules.duration(s.processingTimeout(), FieldPath.join(path, "processingTimeout"), r);
  }

  private static void mqtt(MqttSpec m, String path, Reporter r) {
    if (m.url() != null
        && !m.url().matches("(tcp|ssl|ws|wss|mqtt|mqtts)://[^\\s/]+(:\\d{1,5})?/?")) {
      r.error(
          FieldPath.join(path, "url"),
          "\"" + m.url() + "\" is not an MQTT URL such as tcp://host:1883");
    }
    if (m.qos() != null && (m.qos() < 0 || m.qos() > 2)) {
      r.error(FieldPath.join(path, "qos"), "must be 0, 1 or 2 (got " + m.qos() + ")");
    }
    CommonRules.upstreamSecret(m.clientKey(), FieldPath.join(path, "clientKey"), r);
  }

  private interface Rule<T> {
    void check(T spec, String path, Reporter r);
  }
}
