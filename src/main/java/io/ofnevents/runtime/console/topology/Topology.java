package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the topology of a set of resources from one {@link TopologyProvider} per kind. A kind
 * without a provider still appears, as one node of kind `resource`, so a new kind is visible before
 * it is drawn properly.
 */
public final class Topology {
  /** Every provider; one line per kind. */
  static final List<TopologyProvider> PROVIDERS =
      List.of(
          new EventSourceTopology(),
          new TriggerTopology(),
          new BusTopology(Kind.EVENT_BUS),
          new BusTopology(Kind.CLUSTER_EVENT_BUS),
          new BrokerTopology(),
          new KnTriggerTopology(),
          new PingSourceTopology(),
          new ApiServerSourceTopology(),
          new SequenceTopology(),
          new ParallelTopology());

  static final NodeKind RESOURCE = new NodeKind("resource", "Resource", "rectangle", "#888888");

  private static final Map<Kind, TopologyProvider> BY_KIND =
      PROVIDERS.stream().collect(Collectors.toMap(TopologyProvider::kind, Function.identity()));

  private Topology() {}

  public static Graph of(Collection<? extends Resource> resources) {
    GraphBuilder graph = new GraphBuilder(ResourceSet.of(resources));
    for (Resource r : resources) {
      TopologyProvider p = BY_KIND.get(r.kind());
      if (p == null) {
        graph.kind(RESOURCE);
        graph.node(
            new Node(
                "r:" + r.id(),
                RESOURCE.name(),
                r.name(),
                r.id().toString(),
                r.id(),
                Map.of(),
                null,
                true));
        continue;
      }
      p.nodeKinds().forEach(graph::kind);
      p.draw(r, graph);
    }
    return graph.build();
  }

  /** The kinds that have a provider. */
  public static Set<Kind> drawnKinds() {
    return BY_KIND.keySet();
  }
}
