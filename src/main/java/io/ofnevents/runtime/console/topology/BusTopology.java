package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import java.util.List;

/**
 * An EventBus or ClusterEventBus draws no node of its own: it is the settings of the topics that
 * EventSources and Triggers use, each of which names its bus.
 */
final class BusTopology implements TopologyProvider {
  private final Kind kind;

  BusTopology(Kind kind) {
    this.kind = kind;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public List<NodeKind> nodeKinds() {
    return List.of();
  }

  @Override
  public void draw(Resource resource, GraphBuilder graph) {}
}
