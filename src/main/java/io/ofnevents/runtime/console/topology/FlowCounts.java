package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.knative.Destination;
import io.ofnevents.runtime.knative.FlowHop;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts of the hops of a Sequence or Parallel, from the meters each hop registers under its
 * {@link FlowHop} name and tags (runtime/knative FlowMeters), and the edges every hop draws alike.
 */
final class FlowCounts {
  private FlowCounts() {}

  /** What hop `hop` took, passed on, ended, delivered, failed, dead-lettered and parked. */
  static Map<String, MeterQuery> of(FlowHop hop) {
    Map<String, MeterQuery> c = new LinkedHashMap<>();
    c.put("received", q(hop, "events.received"));
    c.put("replied", q(hop, "events.replied"));
    c.put("ended", q(hop, "events.ended"));
    if (hop.role() == FlowHop.Role.FILTER) c.put("filtered", q(hop, "events.filtered"));
    c.put("delivered", q(hop, "events.delivered"));
    c.put("failed", q(hop, "events.failed"));
    c.put("deadLettered", q(hop, "events.dead.lettered"));
    c.put("parked", q(hop, "events.parked"));
    c.put("dropped", q(hop, "replies.dropped"));
    return c;
  }

  /**
   * The sum of meter `suffix` over every hop of the flow: `tags` are the hop's first two pairs
   * (namespace and flow), which every hop of the flow has and no other flow's.
   */
  static MeterQuery all(FlowHop hop, String suffix) {
    String[] t = hop.tags();
    return MeterQuery.of(hop.meter(suffix), t[0], t[1], t[2], t[3]);
  }

  /**
   * The counts of a flow's own node: what its entry hop `first` took, and what failed, was
   * dead-lettered or parked at any hop.
   */
  static Map<String, MeterQuery> flow(FlowHop first) {
    Map<String, MeterQuery> counts = new LinkedHashMap<>();
    counts.put("received", q(first, "events.received"));
    counts.put("failed", all(first, "events.failed"));
    counts.put("deadLettered", all(first, "events.dead.lettered"));
    counts.put("parked", all(first, "events.parked"));
    return counts;
  }

  /**
   * The edge of the replies of `from` to `reply`: an HTTP reply is a hop of its own (`replyHop`),
   * counted as such; into a Broker or flow they are `from`'s replies (`passed`).
   */
  static void reply(
      GraphBuilder graph,
      String from,
      Destination reply,
      FlowHop replyHop,
      MeterQuery passed,
      io.ofnevents.model.ResourceId resource) {
    String to = KnNodes.destination(graph, reply, replyHop.namespace());
    Map<String, MeterQuery> c =
        to.startsWith("sink:")
            ? pick(of(replyHop), "received", "delivered", "failed", "deadLettered", "parked")
            : Map.of("delivered", passed);
    graph.edge(new Edge(from + "->reply:" + to, from, to, "reply", resource, c));
  }

  static MeterQuery q(FlowHop hop, String suffix) {
    return MeterQuery.of(hop.meter(suffix), hop.tags());
  }

  /** The subset `keys` of `counts`, in that order. */
  static Map<String, MeterQuery> pick(Map<String, MeterQuery> counts, String... keys) {
    Map<String, MeterQuery> out = new LinkedHashMap<>();
    for (String k : keys) {
      if (counts.containsKey(k)) out.put(k, counts.get(k));
    }
    return out;
  }

  /** The edge of a hop's call to `d` (with its retries) and of its dead letter, if any. */
  static void call(
      GraphBuilder graph,
      String from,
      Destination d,
      String label,
      Destination deadLetter,
      io.ofnevents.model.ResourceId resource,
      String namespace,
      Map<String, MeterQuery> counts) {
    String to = KnNodes.destination(graph, d, namespace);
    graph.edge(
        new Edge(
            from + "->" + to,
            from,
            to,
            label,
            resource,
            pick(counts, "received", "replied", "ended", "failed", "deadLettered", "parked")));
    if (deadLetter != null) {
      String dls = KnNodes.destination(graph, deadLetter, namespace);
      graph.edge(
          new Edge(
              from + "->dl:" + dls,
              from,
              dls,
              "dead letter",
              resource,
              pick(counts, "deadLettered")));
    }
  }
}
