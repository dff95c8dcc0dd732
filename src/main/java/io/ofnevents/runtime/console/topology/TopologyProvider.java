package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import java.util.List;

/**
 * Draws the resources of one kind into the topology. Adding a kind (a Knative Broker, a
 * PingSource...) is one of these, registered in {@link Topology#PROVIDERS}; the page renders any
 * node kind from its {@link NodeKind} data.
 */
public interface TopologyProvider {
  /** The kind this provider draws (of its API: two APIs both have a `Trigger`). */
  Kind kind();

  /** The kinds of the nodes it makes (shared ones, topics and sinks, come from the builder). */
  List<NodeKind> nodeKinds();

  void draw(Resource resource, GraphBuilder graph);
}
