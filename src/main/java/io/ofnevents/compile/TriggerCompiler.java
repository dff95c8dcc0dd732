package io.ofnevents.compile;

import io.ofnevents.model.ConditionStateSpec;
import io.ofnevents.model.DeliveryDefaults;
import io.ofnevents.model.Durations;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.Subscriber;
import io.ofnevents.model.Trigger;
import io.ofnevents.model.TriggerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Routes of a Trigger: one consuming route per input topic, joined on one route that records the
 * input in the condition state and runs every subscriber whose condition (the `ofn-condition`
 * language, CEL) holds.
 */
final class TriggerCompiler {
  static final String CONDITION_LANGUAGE = "ofn-condition";
  static final String SUBSCRIBER = "ofn-subscriber";
  static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

  private TriggerCompiler() {}

  static RouteFile compile(Trigger t, Compilation c) {
    Kamelets used = new Kamelets();
    ResourceId id = t.id();
    String ns = t.namespace();
    TriggerSpec spec = t.spec();
    BusEndpoints bus = new BusEndpoints(c.bus(ns, spec.eventBus()), used, c, id);
    List<Object> routes = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, TreeSet<String>> topic : TriggerInputs.byTopic(t).entrySet()) {
      BrokerInputs broker = BrokerInputs.of(t, topic.getValue(), used, c);
      routes.add(
          inputRoute(
              t,
              index++,
              topic.getKey(),
              topic.getValue(),
              broker == null ? bus : broker.bus(),
              broker));
    }
    routes.add(conditionRoute(t, bus));
    routes.addAll(subscriberRoutes(t, bus, used, c));
    return new RouteFile(
        id, Names.routeFile(id), RouteYaml.write(Compiler.header(id), routes), used.used());
  }

  /**
   * Only the routes that deliver to each subscriber, for `ofn-events parked` to replay parked
   * events with the subscriber's own sink, retries and dead letter, without consuming anything.
   */
  static RouteFile compileDeliveries(Trigger t, Compilation c) {
    Kamelets used = new Kamelets();
    ResourceId id = t.id();
    BusEndpoints bus = new BusEndpoints(c.bus(t.namespace(), t.spec().eventBus()), used, c, id);
    List<Object> routes = new ArrayList<>(subscriberRoutes(t, bus, used, c));
    return new RouteFile(
        id, Names.routeFile(id), RouteYaml.write(Compiler.header(id), routes), used.used());
  }

  private static Map<String, Object> inputRoute(
      Trigger t,
      int index,
      String topic,
      TreeSet<String> inputs,
      BusEndpoints bus,
      BrokerInputs broker) {
    String ns = t.namespace();
    Map<String, Object> from = bus.consume(topic, t.name(), ns, t.spec().concurrency());
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters = (Map<String, Object>) from.get("parameters");
    // What the consumer does with an event a subscriber cannot deliver (see BusConsumer).
    parameters.put("trigger", ns + "/" + t.name());
    parameters.put(
        bus.inMemory() ? "parkedTopic" : "parkedSubject", Names.triggerParked(ns, t.name()));
    Integer max = t.spec().maxDeliveries();
    parameters.put("maxDeliveries", max == null ? DeliveryDefaults.MAX_DELIVERIES : max);
    List<Object> steps =
        broker != null
            ? broker.steps(Names.triggerDirect(ns, t.name()))
            : Y.list(
                Y.map(
                    "setHeader",
                    Y.map("name", "ce-ofninput", "constant", String.join(",", inputs))),
                Y.to(Names.triggerDirect(ns, t.name()), null));
    return Y.map(
        "route",
        Y.map(
            "id", Names.triggerInputRoute(ns, t.name(), index),
            "description",
                "Trigger "
                    + ns
                    + "/"
                    + t.name()
                    + ": input "
                    + String.join(", ", inputs)
                    + " from topic "
                    + topic,
            "from",
                Y.map(
                    "uri", from.get("uri"), "parameters", from.get("parameters"), "steps", steps)));
  }

  private static Map<String, Object> conditionRoute(Trigger t, BusEndpoints bus) {
    String ns = t.namespace();
    String routeId = Names.triggerRoute(ns, t.name());
    List<Object> steps = new ArrayList<>();
    steps.add(Y.map("setHeader", Y.map("name", "ce-ofntrigger", "constant", t.name())));
    steps.add(Y.to("ofn-trigger:" + ns + "/" + t.name(), stateParameters(t, bus)));
    if (Compiler.logsEvents(t.spec().logLevel())) {
      steps.add(
          Compiler.logStep("Trigger " + ns + "/" + t.name() + " input ${header[ce-ofninput]}"));
    }
    List<Object> filters = new ArrayList<>();
    List<Subscriber> subscribers = t.spec().subscribers();
    for (int i = 0; i < subscribers.size(); i++) {
      filters.add(subscriberFilter(t, i, subscribers.get(i), routeId));
    }
    if (filters.size() == 1) {
      steps.addAll(filters);
    } else {
      // Every subscriber gets its chance even when another one fails; the failure still fails the
      // exchange afterwards, so the bus message is redelivered or parked rather than lost.
      steps.add(Y.map("multicast", Y.map("id", routeId + "-subscribers", "steps", filters)));
    }
    return Y.map(
        "route",
        Y.map(
            "id",
            routeId,
            "description",
            "Trigger " + ns + "/" + t.name() + ": conditions and subscribers",
            "from",
            Y.map("uri", Names.triggerDirect(ns, t.name()), "steps", steps)));
  }

  private static Map<String, Object> stateParameters(Trigger t, BusEndpoints bus) {
    ConditionStateSpec cs = t.spec().conditionState();
    Map<String, Object> p = new LinkedHashMap<>();
    Duration window =
        cs == null || cs.window() == null ? DEFAULT_WINDOW : Durations.parse(cs.window());
    p.put("window", window.toString());
    p.put("resetOnFire", cs != null && Boolean.TRUE.equals(cs.resetOnFire()));
    p.put("deliver", cs == null || cs.deliver() == null ? "current" : cs.deliver());
    String store = cs == null || cs.store() == null ? "memory" : cs.store();
    p.put("store", store);
    if (store.equals("nats")) p.putAll(bus.connection());
    return p;
  }

  /**
   * Subscriber `i` inside the condition route: its condition, then (for `deliver: all`) the batch,
   * then `ofn-subscriber`, which runs the subscriber's delivery route once per event (a redelivery
   * skips it once it succeeded) and records a failure for the bus consumer to park.
   */
  private static Map<String, Object> subscriberFilter(
      Trigger t, int i, Subscriber s, String routeId) {
    List<Object> steps = new ArrayList<>();
    ConditionStateSpec cs = t.spec().conditionState();
    if (cs != null && "all".equals(cs.deliver())) {
      steps.add(Y.to("ofn-trigger:" + t.namespace() + "/" + t.name(), Y.map("operation", "batch")));
    }
    steps.add(Y.to(SUBSCRIBER + ":" + t.namespace() + "/" + t.name() + "/" + i, null));
    return Y.map(
        "filter",
        Y.map(
            "id",
            routeId + "-subscriber-" + i,
            "expression",
            Y.map("language", Y.map("language", CONDITION_LANGUAGE, "expression", s.condition())),
            "steps",
            steps));
  }

  private static List<Object> subscriberRoutes(
      Trigger t, BusEndpoints bus, Kamelets used, Compilation c) {
    List<Object> routes = new ArrayList<>();
    List<Subscriber> subscribers = t.spec().subscribers();
    for (int i = 0; i < subscribers.size(); i++) {
      routes.add(subscriberRoute(t, i, subscribers.get(i), bus, used, c));
    }
    return routes;
  }

  /** The delivery of subscriber `i`: its sink (with the dead letter), then its topic. */
  private static Map<String, Object> subscriberRoute(
      Trigger t, int i, Subscriber s, BusEndpoints bus, Kamelets used, Compilation c) {
    String ns = t.namespace();
    String path = FieldPath.index("spec.subscribers", i);
    String routeId = Names.triggerRoute(ns, t.name());
    List<Object> deadLetter = new ArrayList<>();
    if (s.effectiveDeadLetterSink() != null) {
      deadLetter.addAll(
          Sinks.steps(
              s.effectiveDeadLetterSink(),
              s.delivery(),
              List.of(),
              t.id(),
              FieldPath.join(path, s.deadLetterSinkPath()),
              routeId + "-" + i + "-dl",
              used,
              c));
    }
    if (s.deadLetterTopic() != null)
      deadLetter.add(bus.publish(s.deadLetterTopic(), routeId + "-" + i + "-dl"));
    List<Object> steps = new ArrayList<>();
    if (s.sink() != null) {
      steps.addAll(
          Sinks.steps(
              s.sink(),
              s.delivery(),
              deadLetter,
              t.id(),
              path + ".sink",
              routeId + "-" + i,
              used,
              c));
    }
    if (s.topic() != null) steps.add(bus.publish(s.topic(), routeId + "-" + i));
    String direct = Names.triggerSubscriberDirect(ns, t.name(), i);
    return Y.map(
        "route",
        Y.map(
            "id", Names.triggerSubscriberRoute(ns, t.name(), i),
            "description", "Trigger " + ns + "/" + t.name() + ": delivery to subscriber " + i,
            "from", Y.map("uri", direct, "steps", steps)));
  }
}
