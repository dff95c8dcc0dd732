package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.SinkSpec;
import io.ofnevents.runtime.observe.Meters;
import io.ofnevents.runtime.observe.SinkMeters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the nodes and edges providers draw; nodes shared between resources (bus topics, sinks)
 * are made here once, so every provider names them alike.
 */
public final class GraphBuilder {
  public static final NodeKind TOPIC = new NodeKind("topic", "Bus topic", "barrel", "#6b8fb5");
  public static final NodeKind SINK = new NodeKind("sink", "Sink", "round-tag", "#7a9a5b");

  private final ResourceSet resources;
  private final Map<String, NodeKind> kinds = new LinkedHashMap<>();
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Edge> edges = new LinkedHashMap<>();

  GraphBuilder(ResourceSet resources) {
    this.resources = resources;
  }

  public ResourceSet resources() {
    return resources;
  }

  public void kind(NodeKind kind) {
    kinds.putIfAbsent(kind.name(), kind);
  }

  /** Adds `node` unless a node of that id exists (shared nodes are drawn by several resources). */
  public void node(Node node) {
    nodes.putIfAbsent(node.id(), node);
  }

  public void edge(Edge edge) {
    edges.putIfAbsent(edge.id(), edge);
  }

  /** The node of bus topic `topic` as seen from `namespace` with `spec.eventBus: busName`. */
  public String topic(String namespace, String busName, String topic) {
    Resource bus = resources.findBus(namespace, busName).orElse(null);
    String busRef = bus == null ? "unresolved " + busName : bus.id().toString();
    String id = "topic:" + busRef + ":" + topic;
    kind(TOPIC);
    node(
        new Node(
            id,
            TOPIC.name(),
            topic,
            "topic " + topic + " on " + busRef + describe(bus),
            null,
            Map.of(),
            Health.busOnly(),
            false));
    return id;
  }

  /**
   * The node of an HTTP sink, named by its URL without user info or query (as its meters); a ref to
   * a Knative Broker, Sequence or Parallel is that resource's node.
   */
  public String sink(SinkSpec sink, String namespace) {
    if (sink.uri() == null) {
      // a Broker, Sequence or Parallel: its events go onto its subject, so its own node
      java.util.Optional<String> node =
          KnNodes.addressable(
              io.ofnevents.model.address.Destinations.Ref.of(sink.ref(), namespace));
      if (node.isPresent()) return node.get();
    }
    kind(SINK);
    if (sink.uri() == null) {
      String ns = sink.ref().namespace() == null ? namespace : sink.ref().namespace();
      String label = sink.ref().kind() + " " + ns + "/" + sink.ref().name();
      node(
          new Node(
              "sink:" + label, SINK.name(), label, "sink " + label, null, Map.of(), null, false));
      return "sink:" + label;
    }
    String label = SinkMeters.label(sink.uri());
    Map<String, MeterQuery> counts = new LinkedHashMap<>();
    counts.put("attempts", MeterQuery.of(Meters.SINK_ATTEMPTS, "sink", label));
    counts.put("retries", MeterQuery.of(Meters.SINK_RETRIES, "sink", label));
    counts.put("delivered", MeterQuery.of(Meters.SINK_DELIVERED, "sink", label));
    counts.put("failed", MeterQuery.of(Meters.SINK_FAILED, "sink", label));
    counts.put("deadLettered", MeterQuery.of(Meters.SINK_DEAD_LETTERED, "sink", label));
    node(
        new Node(
            "sink:" + label,
            SINK.name(),
            label,
            "HTTP sink " + label,
            null,
            counts,
            new Health("delivered", "failed", label, false),
            false));
    return "sink:" + label;
  }

  private static String describe(Resource bus) {
    if (bus == null) return "";
    EventBusSpec s = ResourceSet.specOf(bus);
    if (s.inMemory() != null) return " (in-memory)";
    if (s.natsStreaming() != null) return " (NATS Streaming, served by JetStream)";
    if (s.nats() != null) {
      return "core".equals(s.nats().mode()) ? " (core NATS)" : " (NATS JetStream)";
    }
    return "";
  }

  Graph build() {
    List<Node> n = new ArrayList<>(nodes.values());
    return new Graph(new ArrayList<>(kinds.values()), n, new ArrayList<>(edges.values()));
  }
}
