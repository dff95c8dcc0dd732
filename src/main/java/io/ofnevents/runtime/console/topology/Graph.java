package io.ofnevents.runtime.console.topology;

import java.util.List;

/** The topology: the node kinds in use, the nodes and the edges, in a stable order. */
public record Graph(List<NodeKind> kinds, List<Node> nodes, List<Edge> edges) {
  public Graph {
    kinds = List.copyOf(kinds);
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }
}
