package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.knative.ApiServerResource;
import io.ofnevents.model.knative.ApiServerSource;
import io.ofnevents.runtime.observe.Meters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An ApiServerSource: one node naming the kinds it watches and counting the changes it sent, an
 * edge to its sink (a Broker or a URL).
 */
final class ApiServerSourceTopology implements TopologyProvider {
  static final NodeKind API_SERVER =
      new NodeKind("kn-apiserversource", "ApiServerSource", "round-rectangle", "#3a7fa5");

  @Override
  public Kind kind() {
    return Kind.KN_API_SERVER_SOURCE;
  }

  @Override
  public List<NodeKind> nodeKinds() {
    return List.of(API_SERVER);
  }

  @Override
  public void draw(Resource resource, GraphBuilder graph) {
    ApiServerSource s = (ApiServerSource) resource;
    String ns = s.namespace();
    String[] tags = {"namespace", ns, "apiserversource", s.name()};
    Map<String, MeterQuery> counts = new LinkedHashMap<>();
    counts.put("received", MeterQuery.of(Meters.KN_APISERVER_CHANGES, tags));
    counts.put("parked", MeterQuery.of(Meters.KN_APISERVER_PARKED, tags));
    String id = "kn-apiserversource:" + ns + "/" + s.name();
    String kinds =
        s.resourcesOrEmpty().stream()
            .map(ApiServerResource::describe)
            .collect(Collectors.joining(", "));
    graph.node(
        new Node(
            id,
            API_SERVER.name(),
            s.name(),
            s.id() + ": " + kinds + " (" + s.modeOrDefault() + ")",
            s.id(),
            counts,
            null,
            true));
    if (s.spec().sink() == null) return;
    String sink = KnNodes.destination(graph, s.spec().sink(), ns);
    graph.edge(
        new Edge(
            id + "->" + sink,
            id,
            sink,
            "changes",
            s.id(),
            Map.of("received", counts.get("received"))));
  }
}
