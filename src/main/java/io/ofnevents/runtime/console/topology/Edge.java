package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.ResourceId;
import java.util.Map;

/**
 * A flow of events between two nodes, with the counts it shows (`received`, `delivered`, `failed`,
 * `deadLettered`, and any other the provider names) and the resource whose events they are.
 */
public record Edge(
    String id,
    String source,
    String target,
    String label,
    ResourceId resource,
    Map<String, MeterQuery> counts) {
  public Edge {
    counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
  }
}
