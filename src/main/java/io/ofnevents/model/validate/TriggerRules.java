package io.ofnevents.model.validate;

import io.ofnevents.model.ConditionStateSpec;
import io.ofnevents.model.DeliveryDefaults;
import io.ofnevents.model.EventSource;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.Input;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.Subscriber;
import io.ofnevents.model.Trigger;
import io.ofnevents.model.TriggerSpec;
import io.ofnevents.model.condition.ConditionCompiler;
import io.ofnevents.model.condition.ConditionException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules of a Trigger: bus, inputs, subscribers and their conditions, condition state. */
final class TriggerRules {
  private TriggerRules() {}

  static void check(Trigger t, ResourceSet all, Reporter r) {
    TriggerSpec spec = t.spec();
    if (spec == null) return;
    if (spec.eventBus() != null) BusRules.reference(spec.eventBus(), t.namespace(), all, r);
    Map<String, Input> inputs = spec.inputs() == null ? Map.of() : spec.inputs();
    if (spec.inputs() != null && inputs.isEmpty())
      r.error("spec.inputs", "a Trigger needs at least one input");
    inputs.forEach((name, input) -> input(name, input, t, all, r));
    List<Subscriber> subscribers = spec.subscribers() == null ? List.of() : spec.subscribers();
    if (spec.subscribers() != null && subscribers.isEmpty())
      r.error("spec.subscribers", "no subscriber found");
    for (int i = 0; i < subscribers.size(); i++) {
      if (subscribers.get(i) != null) {
        subscriber(subscribers.get(i), FieldPath.index("spec.subscribers", i), inputs.keySet(), r);
      }
    }
    conditionState(spec.conditionState(), spec.eventBus(), t.namespace(), all, r);
    concurrency(spec.concurrency(), spec.eventBus(), t.namespace(), all, r);
    Integer max = spec.maxDeliveries();
    if (max != null && (max < 1 || max > DeliveryDefaults.MAX_DELIVERIES_LIMIT)) {
      r.error(
          "spec.maxDeliveries",
          "must be between 1 and " + DeliveryDefaults.MAX_DELIVERIES_LIMIT + " (got " + max + ")");
    }
  }

  private static void concurrency(
      Integer c, String busName, String namespace, ResourceSet all, Reporter r) {
    if (c == null) return;
    if (c < 1 || c > TriggerSpec.MAX_CONCURRENCY) {
      r.error("spec.concurrency", "must be between 1 and " + TriggerSpec.MAX_CONCURRENCY);
      return;
    }
    if (c > 1
        && all.busSpec(namespace, busName)
            .filter(bus -> bus.nats() != null && "core".equals(bus.nats().mode()))
            .isPresent()) {
      r.warning(
          "spec.concurrency",
          "has no effect on a core NATS bus, which delivers the events of an input one at a time");
    }
  }

  private static void input(String name, Input input, Trigger t, ResourceSet all, Reporter r) {
    String path = FieldPath.join("spec.inputs", name);
    if (!ConditionCompiler.isValidInputName(name)) {
      r.error(
          path,
          "input name \""
              + name
              + "\" is not a CEL identifier (letters, digits and '_', not starting"
              + " with a digit, not a reserved word), so no condition can refer to it");
    }
    if (input == null || input.eventSource() == null || input.event() == null) return;
    String ns = input.namespace() == null ? t.namespace() : input.namespace();
    all.get(new ResourceId(Kind.EVENT_SOURCE, ns, input.eventSource()))
        .map(EventSource.class::cast)
        .filter(es -> es.spec() != null && !definesEvent(es, input.event()))
        .ifPresent(
            es ->
                r.warning(
                    FieldPath.join(path, "event"),
                    "EventSource "
                        + ns
                        + "/"
                        + input.eventSource()
                        + " defines no event \""
                        + input.event()
                        + "\""));
  }

  private static boolean definesEvent(EventSource es, String event) {
    var s = es.spec();
    return contains(s.kafka(), event)
        || contains(s.cron(), event)
        || contains(s.redis(), event)
        || contains(s.mqtt(), event);
  }

  private static boolean contains(Map<String, ?> map, String key) {
    return map != null && map.containsKey(key);
  }

  private static void subscriber(Subscriber s, String path, Set<String> inputs, Reporter r) {
    if (s.condition() != null) {
      try {
        ConditionCompiler.compile(s.condition(), inputs);
      } catch (ConditionException e) {
        r.error(FieldPath.join(path, "condition"), e.getMessage());
      }
    }
    if (s.sink() == null && s.topic() == null) r.error(path, "needs a sink or a topic");
    CommonRules.sink(s.sink(), FieldPath.join(path, "sink"), r);
    CommonRules.sink(s.deadLetterSink(), FieldPath.join(path, "deadLetterSink"), r);
    CommonRules.subject(s.topic(), FieldPath.join(path, "topic"), r);
    CommonRules.subject(s.deadLetterTopic(), FieldPath.join(path, "deadLetterTopic"), r);
    CommonRules.delivery(
        s.delivery(), FieldPath.join(path, "delivery"), r, s.deadLetterSink() == null);
  }

  private static void conditionState(
      ConditionStateSpec cs, String busName, String namespace, ResourceSet all, Reporter r) {
    if (cs == null) return;
    CommonRules.duration(cs.window(), "spec.conditionState.window", r);
    if ("nats".equals(cs.store())) {
      all.busSpec(namespace, busName)
          .filter(
              bus ->
                  bus.inMemory() != null
                      || (bus.nats() != null && "core".equals(bus.nats().mode())))
          .ifPresent(
              bus ->
                  r.error(
                      "spec.conditionState.store",
                      "nats needs a JetStream bus (natsStreaming or nats), not "
                          + (bus.inMemory() != null ? "inMemory" : "core NATS")));
    }
  }
}
