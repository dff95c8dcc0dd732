package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.KnDelivery;
import io.ofnevents.model.knative.Sequence;
import io.ofnevents.model.knative.SequenceStep;
import io.ofnevents.runtime.knative.FlowHop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Knative Sequence: the Sequence (what entered it, what failed, was dead-lettered or parked at
 * any step) → one node per step, each calling its destination and passing its reply to the next →
 * the last reply to `spec.reply` (an HTTP reply is a hop of its own, counted as such; a Broker or
 * flow is entered). The node of the position after the last step, which only drains what an edit
 * left there, is not drawn.
 */
final class SequenceTopology implements TopologyProvider {
  static final NodeKind SEQUENCE =
      new NodeKind("kn-sequence", "Sequence", "round-octagon", "#5e7fa2");
  static final NodeKind STEP =
      new NodeKind("kn-sequence-step", "Sequence step", "ellipse", "#7f97b5");

  @Override
  public Kind kind() {
    return Kind.KN_SEQUENCE;
  }

  @Override
  public List<NodeKind> nodeKinds() {
    return List.of(SEQUENCE, STEP);
  }

  @Override
  public void draw(Resource resource, GraphBuilder graph) {
    Sequence s = (Sequence) resource;
    String ns = s.namespace();
    String id = KnNodes.sequence(ns, s.name());
    List<SequenceStep> steps = s.spec().steps() == null ? List.of() : s.spec().steps();
    FlowHop first = new FlowHop(FlowHop.Role.STEP, ns, s.name(), 0);
    Map<String, MeterQuery> counts = FlowCounts.flow(first);
    graph.node(
        new Node(
            id,
            SEQUENCE.name(),
            s.name(),
            s.id() + ": " + steps.size() + " step(s), reply " + describe(s.reply()),
            s.id(),
            counts,
            new Health("received", "failed", s.id().toString(), true),
            true));
    String previous = id;
    Map<String, MeterQuery> previousCounts = null;
    for (int i = 0; i < steps.size(); i++) {
      FlowHop hop = new FlowHop(FlowHop.Role.STEP, ns, s.name(), i);
      Map<String, MeterQuery> c = FlowCounts.of(hop);
      String node = id + ":step-" + i;
      graph.node(
          new Node(
              node,
              STEP.name(),
              "step " + i,
              s.id() + ": " + hop.field(),
              s.id(),
              c,
              new Health("received", "failed", s.id().toString(), false),
              false));
      Map<String, MeterQuery> in = new LinkedHashMap<>();
      in.put("received", c.get("received"));
      if (previousCounts != null) in.put("delivered", previousCounts.get("replied"));
      graph.edge(
          new Edge(
              previous + "->" + node, previous, node, i == 0 ? "events" : "reply", s.id(), in));
      SequenceStep step = steps.get(i);
      FlowCounts.call(
          graph,
          node,
          step.destination(),
          "call",
          KnDelivery.ofStep(step.delivery(), s.spec().delivery()).deadLetterSink(),
          s.id(),
          ns,
          c);
      previous = node;
      previousCounts = c;
    }
    if (previousCounts != null && s.reply() != null) {
      FlowCounts.reply(
          graph,
          previous,
          s.reply(),
          new FlowHop(FlowHop.Role.SEQUENCE_REPLY, ns, s.name(), 0),
          previousCounts.get("replied"),
          s.id());
    }
  }

  static String describe(Destination d) {
    if (d == null) return "none (dropped)";
    if (d.ref() != null) return d.ref().kind() + " " + d.ref().name();
    return io.ofnevents.runtime.observe.SinkMeters.label(d.uri());
  }
}
