package io.ofnevents.compile;

import io.ofnevents.model.EventSource;
import io.ofnevents.model.EventSourceSpec;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One route per event of an EventSource: the source Kamelet, CloudEvent attributes, then the bus
 * (publish acknowledged before the source advances) and/or the sink, as upstream in that order.
 */
final class EventSourceCompiler {
  static final String CLOUDEVENTS_ACTION = "ofn-cloudevents-action";

  private EventSourceCompiler() {}

  static RouteFile compile(EventSource es, Compilation c) {
    Kamelets used = new Kamelets();
    ResourceId id = es.id();
    EventSourceSpec spec = es.spec();
    SourceEndpoints sources = new SourceEndpoints(used, c, id);
    List<Object> routes = new ArrayList<>();
    addEach(
        routes,
        es,
        "kafka",
        spec.kafka(),
        (ev, s) -> sources.kafka(s, ev, FieldPath.join("spec.kafka", ev)),
        used,
        c);
    addEach(routes, es, "cron", spec.cron(), (ev, s) -> sources.cron(s), used, c);
    addEach(
        routes,
        es,
        "redis",
        spec.redis(),
        (ev, s) -> sources.redis(s, ev, FieldPath.join("spec.redis", ev)),
        used,
        c);
    addEach(
        routes,
        es,
        "mqtt",
        spec.mqtt(),
        (ev, s) -> sources.mqtt(s, ev, FieldPath.join("spec.mqtt", ev)),
        used,
        c);
    String header = Compiler.header(id);
    return new RouteFile(id, Names.routeFile(id), RouteYaml.write(header, routes), used.used());
  }

  private static <T> void addEach(
      List<Object> routes,
      EventSource es,
      String kind,
      Map<String, T> events,
      BiFunction<String, T, Map<String, Object>> from,
      Kamelets used,
      Compilation c) {
    if (events == null) return;
    events.forEach(
        (event, spec) -> routes.add(route(es, kind, event, from.apply(event, spec), used, c)));
  }

  private static Map<String, Object> route(
      EventSource es,
      String kind,
      String event,
      Map<String, Object> from,
      Kamelets used,
      Compilation c) {
    String ns = es.namespace();
    EventSourceSpec spec = es.spec();
    List<Object> steps = new ArrayList<>();
    steps.add(
        Y.to(
            used.use(CLOUDEVENTS_ACTION),
            Y.map(
                "source",
                Names.ceSource(ns, es.name()),
                "type",
                Names.ceType(kind),
                "subject",
                event,
                "namespace",
                ns,
                "eventSource",
                es.name(),
                "event",
                event)));
    if (Compiler.logsEvents(spec.logLevel())) {
      steps.add(Compiler.logStep("EventSource " + ns + "/" + es.name() + " event " + event));
    }
    if (spec.eventBus() != null) {
      BusEndpoints bus = new BusEndpoints(c.bus(ns, spec.eventBus()), used, c, es.id());
      steps.add(bus.publish(Names.topic(ns, es.name(), event), null));
    }
    if (spec.sink() != null) {
      List<Object> deadLetter = new ArrayList<>();
      if (spec.delivery() != null && spec.delivery().deadLetterSink() != null) {
        deadLetter.addAll(
            Sinks.steps(
                spec.delivery().deadLetterSink(),
                spec.delivery(),
                List.of(),
                es.id(),
                "spec.delivery.deadLetterSink",
                "dl",
                used,
                c));
      }
      steps.addAll(
          Sinks.steps(
              spec.sink(), spec.delivery(), deadLetter, es.id(), "spec.sink", "sink", used, c));
    }
    String routeId = Names.eventSourceRoute(ns, es.name(), kind, event);
    // A route id in the Kamelet URI keeps two events with the same settings (two `@every 1s`)
    // from being one endpoint, which Camel refuses to consume twice.
    String uri = from.get("uri") + "/" + Names.sourceKameletRoute(routeId);
    return Y.map(
        "route",
        Y.map(
            "id",
            routeId,
            "description",
            "EventSource " + ns + "/" + es.name() + ": " + kind + " event " + event,
            "from",
            Y.map("uri", uri, "parameters", from.get("parameters"), "steps", steps)));
  }
}
