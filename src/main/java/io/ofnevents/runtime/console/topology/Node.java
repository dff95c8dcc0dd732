package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.ResourceId;
import java.util.Map;

/**
 * A node of the topology: its id, kind (a {@link NodeKind} name), label, a longer description, the
 * resource it belongs to (null for shared nodes: topics, sinks), the counts it shows and how its
 * state is told (null: from its resource's routes only); `totals`: its counts add up to its
 * resource's (an EventSource's events, a Trigger), so the page can sum them per resource.
 */
public record Node(
    String id,
    String kind,
    String label,
    String detail,
    ResourceId resource,
    Map<String, MeterQuery> counts,
    Health health,
    boolean totals) {
  public Node {
    counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
  }
}
