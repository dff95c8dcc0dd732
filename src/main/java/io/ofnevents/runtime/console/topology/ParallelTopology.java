package io.ofnevents.runtime.console.topology;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.KnDelivery;
import io.ofnevents.model.knative.Parallel;
import io.ofnevents.model.knative.ParallelBranch;
import io.ofnevents.runtime.knative.FlowHop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Knative Parallel: the Parallel → per branch its filter (every event; calling the filter's
 * destination when it has one) → its subscriber (what the filter passed; calling the subscriber) →
 * its reply (the branch's, else `spec.reply`; an HTTP reply is a hop of its own, a Broker or flow
 * is entered).
 */
final class ParallelTopology implements TopologyProvider {
  static final NodeKind PARALLEL =
      new NodeKind("kn-parallel", "Parallel", "round-octagon", "#7a5ea2");
  static final NodeKind FILTER =
      new NodeKind("kn-parallel-filter", "Parallel branch filter", "diamond", "#9a86b8");
  static final NodeKind BRANCH =
      new NodeKind("kn-parallel-branch", "Parallel branch subscriber", "ellipse", "#a08fc0");

  @Override
  public Kind kind() {
    return Kind.KN_PARALLEL;
  }

  @Override
  public List<NodeKind> nodeKinds() {
    return List.of(PARALLEL, FILTER, BRANCH);
  }

  @Override
  public void draw(Resource resource, GraphBuilder graph) {
    Parallel p = (Parallel) resource;
    String ns = p.namespace();
    String id = KnNodes.parallel(ns, p.name());
    List<ParallelBranch> branches = p.spec().branches() == null ? List.of() : p.spec().branches();
    // every branch's filter hop takes every event, so branch 0's counts what entered
    FlowHop first = new FlowHop(FlowHop.Role.FILTER, ns, p.name(), 0);
    Map<String, MeterQuery> counts = FlowCounts.flow(first);
    graph.node(
        new Node(
            id,
            PARALLEL.name(),
            p.name(),
            p.id() + ": " + branches.size() + " branch(es)",
            p.id(),
            counts,
            new Health("received", "failed", p.id().toString(), true),
            true));
    for (int i = 0; i < branches.size(); i++) branch(graph, p, id, i, branches.get(i));
  }

  private static void branch(
      GraphBuilder graph, Parallel p, String parallel, int i, ParallelBranch b) {
    String ns = p.namespace();
    String name = p.name();
    FlowHop filterHop = new FlowHop(FlowHop.Role.FILTER, ns, name, i);
    Map<String, MeterQuery> fc = FlowCounts.of(filterHop);
    String filter = parallel + ":branch-" + i + ":filter";
    graph.node(
        new Node(
            filter,
            FILTER.name(),
            b.filter() == null ? "branch " + i + "\n(no filter)" : "filter " + i,
            p.id() + ": " + filterHop.field() + (b.filter() == null ? " (none: all pass)" : ""),
            p.id(),
            fc,
            new Health("received", "failed", p.id().toString(), false),
            false));
    graph.edge(
        new Edge(
            parallel + "->" + filter,
            parallel,
            filter,
            "events",
            p.id(),
            FlowCounts.pick(fc, "received")));
    if (b.filter() != null) {
      FlowCounts.call(
          graph,
          filter,
          b.filter(),
          "filter",
          KnDelivery.of(p.spec().delivery()).deadLetterSink(),
          p.id(),
          ns,
          fc);
    }
    FlowHop subscriberHop = new FlowHop(FlowHop.Role.SUBSCRIBER, ns, name, i);
    Map<String, MeterQuery> sc = FlowCounts.of(subscriberHop);
    String subscriber = parallel + ":branch-" + i;
    graph.node(
        new Node(
            subscriber,
            BRANCH.name(),
            "branch " + i,
            p.id() + ": " + subscriberHop.field(),
            p.id(),
            sc,
            new Health("received", "failed", p.id().toString(), false),
            false));
    Map<String, MeterQuery> passed = new LinkedHashMap<>();
    passed.put("received", sc.get("received"));
    passed.put("delivered", fc.get("replied"));
    graph.edge(new Edge(filter + "->" + subscriber, filter, subscriber, "passed", p.id(), passed));
    FlowCounts.call(
        graph,
        subscriber,
        b.subscriber(),
        "subscriber",
        KnDelivery.ofStep(b.delivery(), p.spec().delivery()).deadLetterSink(),
        p.id(),
        ns,
        sc);
    Destination reply = b.reply() != null ? b.reply() : p.spec().reply();
    if (reply == null) return;
    FlowCounts.reply(
        graph,
        subscriber,
        reply,
        new FlowHop(FlowHop.Role.PARALLEL_REPLY, ns, name, i),
        sc.get("replied"),
        p.id());
  }
}
