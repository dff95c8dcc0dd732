package io.ofnevents.model.validate;

import io.ofnevents.model.CronSpec;
import io.ofnevents.model.EventSource;
import io.ofnevents.model.EventSourceSpec;
import io.ofnevents.model.FieldPath;
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
        each(spec.kafka(), "spec.kafka", r, KafkaRules::check)
            + each(spec.cron(), "spec.cron", r, EventSourceRules::cron)
            + each(spec.redis(), "spec.redis", r, RedisRules::check)
            + each(spec.mqtt(), "spec.mqtt", r, MqttRules::check);
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

  private interface Rule<T> {
    void check(T spec, String path, Reporter r);
  }
}
