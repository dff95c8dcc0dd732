package io.ofnevents.model.validate;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.KReference;
import io.ofnevents.model.knative.KnFlow;
import io.ofnevents.model.knative.Parallel;
import io.ofnevents.model.knative.ParallelBranch;
import io.ofnevents.model.knative.Sequence;
import io.ofnevents.model.knative.SequenceStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a loop made of flows alone (a Sequence whose reply is itself, two flows replying to each
 * other): nothing on the way is a Broker, so only a step that answers without an event would end
 * it, and Knative's channels would run it forever. A loop through a Broker is allowed: each pass
 * decrements `knativebrokerttl` at the Broker (and at every flow it enters), so it ends after 255
 * hops, counted and logged.
 */
final class FlowCycles {
  private FlowCycles() {}

  /** An edge: the flow a destination at `path` of a flow sends to. */
  private record Edge(String path, ResourceId to) {}

  static void check(KnFlow flow, ResourceSet all, Reporter r) {
    for (Edge first : edges(flow)) {
      List<ResourceId> chain = new ArrayList<>(List.of(flow.id()));
      if (reaches(first.to(), flow.id(), all, chain, 0)) {
        r.error(
            FieldPath.join(first.path(), "ref"),
            "a loop of flows with no Broker in it ("
                + String.join(" -> ", chain.stream().map(ResourceId::toString).toList())
                + "): an event no step ends would go round it, in Knative for ever, here until its"
                + " knativebrokerttl runs out; a loop through a Broker is allowed");
      }
    }
  }

  /** Whether `from` leads back to `target`; `chain` is the path so far, extended on success. */
  private static boolean reaches(
      ResourceId from, ResourceId target, ResourceSet all, List<ResourceId> chain, int depth) {
    chain.add(from);
    if (from.equals(target)) return true;
    if (depth < all.flows().size() && !chain.subList(0, chain.size() - 1).contains(from)) {
      Optional<KnFlow> next = all.get(from).map(KnFlow.class::cast);
      if (next.isPresent()) {
        for (Edge e : edges(next.get())) {
          if (reaches(e.to(), target, all, chain, depth + 1)) return true;
        }
      }
    }
    chain.remove(chain.size() - 1);
    return false;
  }

  /** The flows `flow` sends to, by the path of the destination. */
  private static List<Edge> edges(KnFlow flow) {
    Map<String, Destination> out = new LinkedHashMap<>();
    if (flow instanceof Sequence s && s.spec() != null && s.spec().steps() != null) {
      List<SequenceStep> steps = s.spec().steps();
      for (int i = 0; i < steps.size(); i++) {
        if (steps.get(i) != null)
          out.put(FieldPath.index("spec.steps", i), steps.get(i).destination());
      }
    }
    if (flow instanceof Parallel p && p.spec() != null && p.spec().branches() != null) {
      List<ParallelBranch> branches = p.spec().branches();
      for (int i = 0; i < branches.size(); i++) {
        ParallelBranch b = branches.get(i);
        if (b == null) continue;
        String path = FieldPath.index("spec.branches", i);
        out.put(FieldPath.join(path, "filter"), b.filter());
        out.put(FieldPath.join(path, "subscriber"), b.subscriber());
        out.put(FieldPath.join(path, "reply"), b.reply());
      }
    }
    out.put("spec.reply", flow.reply());
    List<Edge> edges = new ArrayList<>();
    out.forEach(
        (path, d) -> {
          ResourceId to = flowOf(d, flow.namespace());
          if (to != null) edges.add(new Edge(path, to));
        });
    return edges;
  }

  /** The flow a destination's ref names, or null. */
  private static ResourceId flowOf(Destination d, String namespace) {
    if (d == null || d.ref() == null || d.uri() != null) return null;
    KReference ref = d.ref();
    if (!"flows.knative.dev".equals(ref.apiGroup()) || ref.name() == null) return null;
    Kind kind =
        switch (String.valueOf(ref.kind())) {
          case "Sequence" -> Kind.KN_SEQUENCE;
          case "Parallel" -> Kind.KN_PARALLEL;
          default -> null;
        };
    if (kind == null) return null;
    return new ResourceId(kind, ref.namespace() == null ? namespace : ref.namespace(), ref.name());
  }
}
