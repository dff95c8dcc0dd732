package io.ofnevents.runtime.console.topology;

import io.ofnevents.compile.Names;
import io.ofnevents.model.EventSource;
import io.ofnevents.model.EventSourceSpec;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.runtime.observe.Meters;
import io.ofnevents.runtime.observe.SinkMeters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An EventSource: one node per event, an edge to its bus topic and/or to its sink. */
final class EventSourceTopology implements TopologyProvider {
  static final NodeKind EVENT =
      new NodeKind("eventsource-event", "EventSource event", "round-rectangle", "#c77d3a");

  @Override
  public Kind kind() {
    return Kind.EVENT_SOURCE;
  }

  @Override
  public List<NodeKind> nodeKinds() {
    return List.of(EVENT);
  }

  @Override
  public void draw(Resource resource, GraphBuilder graph) {
    EventSource es = (EventSource) resource;
    EventSourceSpec spec = es.spec();
    // event name → source kind
    Map<String, String> events = new LinkedHashMap<>();
    put(events, "kafka", spec.kafka());
    put(events, "cron", spec.cron());
    put(events, "redis", spec.redis());
    put(events, "mqtt", spec.mqtt());
    String ns = es.namespace();
    events.forEach(
        (event, sourceKind) -> {
          String[] tags = {"namespace", ns, "eventsource", es.name(), "event", event};
          Map<String, MeterQuery> counts = new LinkedHashMap<>();
          counts.put("received", MeterQuery.of(Meters.EVENTSOURCE_READ, tags));
          counts.put("delivered", MeterQuery.of(Meters.EVENTSOURCE_PUBLISHED, tags));
          counts.put("failed", MeterQuery.of(Meters.EVENTSOURCE_FAILED, tags));
          String id = "es:" + ns + "/" + es.name() + ":" + event;
          graph.node(
              new Node(
                  id,
                  EVENT.name(),
                  es.name() + "\n" + event,
                  es.id() + ": " + sourceKind + " event " + event,
                  es.id(),
                  counts,
                  new Health("received", "failed", es.id().toString(), false),
                  true));
          if (spec.eventBus() != null) {
            String topic = graph.topic(ns, spec.eventBus(), Names.topic(ns, es.name(), event));
            graph.edge(new Edge(id + "->" + topic, id, topic, "publish", es.id(), counts));
          }
          if (spec.sink() != null) {
            String sink = graph.sink(spec.sink(), ns);
            graph.edge(new Edge(id + "->" + sink, id, sink, "sink", es.id(), counts));
            if (spec.delivery() != null && spec.delivery().deadLetterSink() != null) {
              String dls = graph.sink(spec.delivery().deadLetterSink(), ns);
              Map<String, MeterQuery> dl = Map.of("deadLettered", deadLettered(spec.sink().uri()));
              graph.edge(new Edge(id + "->dl:" + dls, id, dls, "dead letter", es.id(), dl));
            }
          }
        });
  }

  static MeterQuery deadLettered(String sinkUri) {
    String label = sinkUri == null ? "" : SinkMeters.label(sinkUri);
    return MeterQuery.of(Meters.SINK_DEAD_LETTERED, "sink", label);
  }

  private static void put(Map<String, String> events, String kind, Map<String, ?> specs) {
    if (specs != null) new TreeMap<>(specs).keySet().forEach(e -> events.put(e, kind));
  }
}
