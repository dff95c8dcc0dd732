package io.ofnevents.runtime.console.topology;

import io.ofnevents.compile.Names;
import io.ofnevents.compile.TriggerInputs;
import io.ofnevents.model.ConditionStateSpec;
import io.ofnevents.model.Input;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.Subscriber;
import io.ofnevents.model.Trigger;
import io.ofnevents.runtime.observe.Meters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A Trigger: its input topics → the Trigger (condition state) → one node per subscriber (condition)
 * → its sink and/or topic, and their dead letters.
 */
final class TriggerTopology implements TopologyProvider {
  static final NodeKind TRIGGER = new NodeKind("trigger", "Trigger", "hexagon", "#8e5ea2");
  static final NodeKind SUBSCRIBER =
      new NodeKind("subscriber", "Subscriber (condition)", "diamond", "#b5739d");

  @Override
  public Kind kind() {
    return Kind.TRIGGER;
  }

  @Override
  public List<NodeKind> nodeKinds() {
    return List.of(TRIGGER, SUBSCRIBER);
  }

  @Override
  public void draw(Resource resource, GraphBuilder graph) {
    Trigger t = (Trigger) resource;
    String ns = t.namespace();
    String bus = t.spec().eventBus();
    String id = "t:" + ns + "/" + t.name();
    String[] tags = {"namespace", ns, "trigger", t.name()};
    Map<String, MeterQuery> counts = new LinkedHashMap<>();
    counts.put("received", MeterQuery.of(Meters.TRIGGER_RECEIVED, tags));
    // every subscriber's outcomes (no `subscriber` tag matches them all)
    counts.put("delivered", MeterQuery.of(Meters.SUBSCRIBER_DELIVERED, tags));
    counts.put("deadLettered", MeterQuery.of(Meters.SUBSCRIBER_DEAD_LETTERED, tags));
    counts.put("failed", MeterQuery.of(Meters.TRIGGER_FAILED, tags));
    graph.node(
        new Node(
            id,
            TRIGGER.name(),
            t.name(),
            t.id() + ": " + state(t.spec().conditionState()),
            t.id(),
            counts,
            new Health("received", "failed", t.id().toString(), false),
            true));
    for (Map.Entry<String, TreeSet<String>> e : TriggerInputs.byTopic(t).entrySet()) {
      String inputs = String.join(",", e.getValue());
      String[] inputTags = {"namespace", ns, "trigger", t.name(), "input", inputs};
      Map<String, MeterQuery> c = new LinkedHashMap<>();
      c.put("received", MeterQuery.of(Meters.TRIGGER_RECEIVED, inputTags));
      c.put("failed", MeterQuery.of(Meters.TRIGGER_FAILED, inputTags));
      // the consumer gauge is tagged with the subject and consumer name; the subject alone is
      // shared by every Trigger reading it, so the consumer name is matched too
      c.put(
          "pending",
          MeterQuery.of(
              Meters.BUS_PENDING,
              "subject",
              e.getKey(),
              "consumer",
              Names.triggerConsumer(ns, t.name())));
      Input first = t.spec().inputs().get(e.getValue().first());
      String topic =
          first.readsBroker()
              ? KnNodes.broker(first.namespace() == null ? ns : first.namespace(), first.broker())
              : graph.topic(ns, bus, e.getKey());
      graph.edge(new Edge(topic + "->" + id, topic, id, inputs, t.id(), c));
    }
    List<Subscriber> subs = t.spec().subscribers();
    for (int i = 0; i < subs.size(); i++) subscriber(graph, t, id, i, subs.get(i));
  }

  private static void subscriber(
      GraphBuilder graph, Trigger t, String triggerNode, int i, Subscriber s) {
    String ns = t.namespace();
    String[] tags = {"namespace", ns, "trigger", t.name(), "subscriber", String.valueOf(i)};
    Map<String, MeterQuery> counts = new LinkedHashMap<>();
    counts.put("evaluated", MeterQuery.of(Meters.CONDITION_EVALUATIONS, tags));
    counts.put("received", MeterQuery.of(Meters.CONDITION_FIRES, tags));
    counts.put("delivered", MeterQuery.of(Meters.SUBSCRIBER_DELIVERED, tags));
    counts.put("deadLettered", MeterQuery.of(Meters.SUBSCRIBER_DEAD_LETTERED, tags));
    counts.put("failed", MeterQuery.of(Meters.SUBSCRIBER_FAILED, tags));
    counts.put("parked", MeterQuery.of(Meters.SUBSCRIBER_PARKED, tags));
    String id = triggerNode + ":subscriber-" + i;
    String failureKey =
        s.sink() != null && s.sink().uri() != null
            ? io.ofnevents.runtime.observe.SinkMeters.label(s.sink().uri())
            : t.id().toString();
    graph.node(
        new Node(
            id,
            SUBSCRIBER.name(),
            s.condition(),
            t.id() + ": subscriber " + i + ", condition " + s.condition(),
            t.id(),
            counts,
            new Health("received", "failed", failureKey, false),
            false));
    Map<String, MeterQuery> fired = new LinkedHashMap<>();
    fired.put("evaluated", counts.get("evaluated"));
    fired.put("received", counts.get("received"));
    graph.edge(new Edge(triggerNode + "->" + id, triggerNode, id, "condition", t.id(), fired));
    Map<String, MeterQuery> out = new LinkedHashMap<>();
    out.put("delivered", counts.get("delivered"));
    out.put("failed", counts.get("failed"));
    out.put("deadLettered", counts.get("deadLettered"));
    out.put("parked", counts.get("parked"));
    Map<String, MeterQuery> dl = Map.of("deadLettered", counts.get("deadLettered"));
    if (s.sink() != null) {
      String sink = graph.sink(s.sink(), ns);
      graph.edge(new Edge(id + "->" + sink, id, sink, "sink", t.id(), out));
    }
    if (s.topic() != null) {
      String topic = graph.topic(ns, t.spec().eventBus(), s.topic());
      graph.edge(new Edge(id + "->" + topic, id, topic, "topic", t.id(), out));
    }
    if (s.deadLetterSink() != null) {
      String dls = graph.sink(s.deadLetterSink(), ns);
      graph.edge(new Edge(id + "->dl:" + dls, id, dls, "dead letter", t.id(), dl));
    }
    if (s.deadLetterTopic() != null) {
      String dlt = graph.topic(ns, t.spec().eventBus(), s.deadLetterTopic());
      graph.edge(new Edge(id + "->dl:" + dlt, id, dlt, "dead letter", t.id(), dl));
    }
  }

  private static String state(ConditionStateSpec cs) {
    String window = cs == null || cs.window() == null ? "60s" : cs.window();
    String store = cs == null || cs.store() == null ? "memory" : cs.store();
    boolean reset = cs != null && Boolean.TRUE.equals(cs.resetOnFire());
    return "window " + window + ", store " + store + (reset ? ", resetOnFire" : "");
  }
}
