package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.knative.KnTrigger;
import io.ofnevents.runtime.observe.Meters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Knative Trigger: its Broker → the Trigger (its filter) → its subscriber, with the dead letter
 * sink, and back to the Broker for replies.
 */
final class KnTriggerTopology implements TopologyProvider {
  static final NodeKind TRIGGER =
      new NodeKind("kn-trigger", "Knative Trigger", "hexagon", "#5e8ea2");

  @Override
  public Kind kind() {
    return Kind.KN_TRIGGER;
  }

  @Override
  public List<NodeKind> nodeKinds() {
    return List.of(TRIGGER);
  }

  @Override
  public void draw(Resource resource, GraphBuilder graph) {
    KnTrigger t = (KnTrigger) resource;
    String ns = t.namespace();
    String[] tags = {"namespace", ns, "trigger", t.name()};
    Map<String, MeterQuery> counts = new LinkedHashMap<>();
    counts.put("received", MeterQuery.of(Meters.KN_TRIGGER_RECEIVED, tags));
    counts.put("evaluated", MeterQuery.of(Meters.KN_TRIGGER_RECEIVED, tags));
    counts.put("matched", MeterQuery.of(Meters.KN_TRIGGER_MATCHED, tags));
    counts.put("delivered", MeterQuery.of(Meters.KN_TRIGGER_DELIVERED, tags));
    counts.put("deadLettered", MeterQuery.of(Meters.KN_TRIGGER_DEAD_LETTERED, tags));
    counts.put("failed", MeterQuery.of(Meters.KN_TRIGGER_FAILED, tags));
    counts.put("replies", MeterQuery.of(Meters.KN_TRIGGER_REPLIES, tags));
    counts.put("parked", MeterQuery.of(Meters.KN_TRIGGER_PARKED, tags));
    String id = "kn-trigger:" + ns + "/" + t.name();
    graph.node(
        new Node(
            id,
            TRIGGER.name(),
            t.name(),
            t.id() + ": filter " + filter(t),
            t.id(),
            counts,
            new Health("delivered", "failed", t.id().toString(), false),
            true));
    String broker = KnNodes.broker(ns, t.brokerName());
    Map<String, MeterQuery> in = new LinkedHashMap<>();
    in.put("received", counts.get("received"));
    in.put("matched", counts.get("matched"));
    graph.edge(new Edge(broker + "->" + id, broker, id, "filter", t.id(), in));
    Map<String, MeterQuery> out = new LinkedHashMap<>();
    out.put("delivered", counts.get("delivered"));
    out.put("failed", counts.get("failed"));
    out.put("deadLettered", counts.get("deadLettered"));
    out.put("parked", counts.get("parked"));
    String subscriber = KnNodes.destination(graph, t.spec().subscriber(), ns);
    graph.edge(new Edge(id + "->" + subscriber, id, subscriber, "subscriber", t.id(), out));
    Map<String, MeterQuery> replies = Map.of("delivered", counts.get("replies"));
    graph.edge(new Edge(id + "->reply:" + broker, id, broker, "replies", t.id(), replies));
    if (t.spec().delivery() != null && t.spec().delivery().deadLetterSink() != null) {
      String dls = KnNodes.destination(graph, t.spec().delivery().deadLetterSink(), ns);
      Map<String, MeterQuery> dl = Map.of("deadLettered", counts.get("deadLettered"));
      graph.edge(new Edge(id + "->dl:" + dls, id, dls, "dead letter", t.id(), dl));
    }
  }

  private static String filter(KnTrigger t) {
    if (t.spec().filters() != null && !t.spec().filters().isEmpty()) {
      return t.spec().filters().size() + " Subscriptions API filter(s)";
    }
    if (t.spec().filter() == null || t.spec().filter().attributes() == null) return "(all events)";
    return String.valueOf(new java.util.TreeMap<>(t.spec().filter().attributes()));
  }
}
