package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.knative.PingSource;
import io.ofnevents.runtime.observe.Meters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A PingSource: one node counting its ticks, an edge to its sink (a Broker or a URL). */
final class PingSourceTopology implements TopologyProvider {
  static final NodeKind PING =
      new NodeKind("kn-pingsource", "PingSource", "round-rectangle", "#a5873a");

  @Override
  public Kind kind() {
    return Kind.KN_PING_SOURCE;
  }

  @Override
  public List<NodeKind> nodeKinds() {
    return List.of(PING);
  }

  @Override
  public void draw(Resource resource, GraphBuilder graph) {
    PingSource p = (PingSource) resource;
    String ns = p.namespace();
    String[] tags = {"namespace", ns, "pingsource", p.name()};
    Map<String, MeterQuery> counts = new LinkedHashMap<>();
    counts.put("received", MeterQuery.of(Meters.KN_PING_TICKS, tags));
    counts.put("parked", MeterQuery.of(Meters.KN_PING_PARKED, tags));
    String id = "kn-pingsource:" + ns + "/" + p.name();
    graph.node(
        new Node(
            id,
            PING.name(),
            p.name(),
            p.id() + ": " + p.spec().scheduleOrDefault(),
            p.id(),
            counts,
            null,
            true));
    String sink = KnNodes.destination(graph, p.spec().sink(), ns);
    graph.edge(
        new Edge(
            id + "->" + sink,
            id,
            sink,
            "ticks",
            p.id(),
            Map.of("received", counts.get("received"))));
  }
}
