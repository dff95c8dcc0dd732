package io.ofnevents.compile.knative;

import io.ofnevents.compile.FlowNames;
import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.FlowBus;
import io.ofnevents.model.knative.KnDelivery;
import io.ofnevents.model.knative.KnDeliverySpec;
import io.ofnevents.model.knative.KnFlow;
import io.ofnevents.model.knative.Parallel;
import io.ofnevents.model.knative.ParallelBranch;
import io.ofnevents.model.knative.Sequence;
import io.ofnevents.model.knative.SequenceStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans Sequences and Parallels as hops over durable subjects, as Knative joins Subscriptions by
 * channels: a Sequence's step i reads `{name}-kn-sequence-{i}` and replies onto the next one (the
 * last one onto `spec.reply`); each Parallel branch has a filter hop on the ingress
 * `{name}-kn-parallel` (passing every event on when it has no filter) and a subscriber hop on
 * `{name}-kn-parallel-{i}`. An HTTP reply is one more hop, so a reply sink that is down never calls
 * a step again. Pure.
 */
final class FlowPlanner {
  private FlowPlanner() {}

  /** The subject events enter `flow` by: step 0's, or the Parallel's ingress. */
  static String entry(KnFlow flow) {
    return flow instanceof Sequence
        ? FlowNames.sequenceSubject(flow.namespace(), flow.name(), 0)
        : FlowNames.parallelSubject(flow.namespace(), flow.name());
  }

  static FlowPlan sequence(Sequence s, ResourceSet all, KnativePlans.Resolver hops) {
    String ns = s.namespace();
    String name = s.name();
    ResourceId id = s.id();
    KnSteps.Replies replies = replies(s);
    List<SequenceStep> steps = s.spec().steps();
    int n = steps.size();
    FlowHopPlan.Next output = output(s.reply(), FlowNames.sequenceReplySubject(ns, name), id, hops);
    FlowBus bus = FlowBus.of(s, all);
    String owner = ns + "/" + FlowNames.SEQUENCE_OWNER + name;
    List<FlowHopPlan> plan = new ArrayList<>();
    KnDelivery last = KnDelivery.NONE;
    Hop lastDeadLetter = null;
    for (int i = 0; i < n; i++) {
      String field = FieldPath.index("spec.steps", i);
      SequenceStep step = steps.get(i);
      KnDelivery d = KnDelivery.ofStep(step.delivery(), s.spec().delivery());
      Hop dl = deadLetter(d, step.delivery(), field, id, hops);
      FlowHopPlan.Next next =
          i < n - 1 ? new FlowHopPlan.Publish(FlowNames.sequenceSubject(ns, name, i + 1)) : output;
      plan.add(
          new FlowHopPlan(
              owner,
              i,
              field,
              FlowNames.sequenceSubject(ns, name, i),
              FlowNames.sequenceConsumer(ns, name, i),
              FlowNames.sequenceStepRoute(ns, name, i),
              FlowNames.sequenceParked(ns, name),
              hops.hop(step.destination(), id, field),
              d,
              dl,
              replies,
              next));
      last = d;
      lastDeadLetter = dl;
    }
    if (durable(bus.spec())) {
      // The position after the last step: what was queued there for a step since removed goes on
      // to the reply, as the last step's output now does (an edit loses no event in flight).
      plan.add(
          new FlowHopPlan(
              owner,
              n,
              FieldPath.index("spec.steps", n),
              FlowNames.sequenceSubject(ns, name, n),
              FlowNames.sequenceConsumer(ns, name, n),
              FlowNames.sequenceStepRoute(ns, name, n),
              FlowNames.sequenceParked(ns, name),
              null,
              KnDelivery.NONE,
              null,
              replies,
              output));
    }
    if (output instanceof FlowHopPlan.Publish p) {
      // Knative: the last step's delivery covers forwarding its reply too
      plan.add(
          new FlowHopPlan(
              ns + "/" + FlowNames.SEQUENCE_REPLY_OWNER + name,
              0,
              "spec.reply",
              p.subject(),
              FlowNames.sequenceReplyConsumer(ns, name),
              FlowNames.sequenceReplyRoute(ns, name),
              FlowNames.sequenceReplyParked(ns, name),
              hops.hop(s.reply(), id, "spec.reply"),
              last,
              lastDeadLetter,
              KnSteps.Replies.NONE,
              new FlowHopPlan.End()));
    }
    return new FlowPlan(
        s,
        bus,
        "sequences",
        entry(s),
        FlowNames.sequenceIngressRoute(ns, name),
        FlowNames.sequencePath(ns, name),
        List.copyOf(plan));
  }

  static FlowPlan parallel(Parallel p, ResourceSet all, KnativePlans.Resolver hops) {
    String ns = p.namespace();
    String name = p.name();
    ResourceId id = p.id();
    KnSteps.Replies replies = replies(p);
    KnDeliverySpec flowDelivery = p.spec().delivery();
    List<FlowHopPlan> plan = new ArrayList<>();
    List<ParallelBranch> branches = p.spec().branches();
    for (int i = 0; i < branches.size(); i++) {
      ParallelBranch b = branches.get(i);
      String path = FieldPath.index("spec.branches", i);
      String branchSubject = FlowNames.parallelBranchSubject(ns, name, i);
      // Knative gives the filter's Subscription no delivery; the flow-wide one applies here
      KnDelivery fd = KnDelivery.of(flowDelivery);
      String filterField = FieldPath.join(path, "filter");
      plan.add(
          new FlowHopPlan(
              ns + "/" + FlowNames.PARALLEL_FILTER_OWNER + name,
              i,
              filterField,
              FlowNames.parallelSubject(ns, name),
              FlowNames.parallelFilterConsumer(ns, name, i),
              FlowNames.parallelFilterRoute(ns, name, i),
              FlowNames.parallelFilterParked(ns, name),
              b.filter() == null ? null : hops.hop(b.filter(), id, filterField),
              fd,
              deadLetter(fd, null, filterField, id, hops),
              replies,
              new FlowHopPlan.Publish(branchSubject)));
      String subscriberField = FieldPath.join(path, "subscriber");
      KnDelivery sd = KnDelivery.ofStep(b.delivery(), flowDelivery);
      Hop sdl = deadLetter(sd, b.delivery(), path, id, hops);
      Destination reply = b.reply() != null ? b.reply() : p.spec().reply();
      String replyField = b.reply() != null ? FieldPath.join(path, "reply") : "spec.reply";
      String replySubject = FlowNames.parallelReplySubject(ns, name, i);
      FlowHopPlan.Next output = output(reply, replySubject, id, hops, replyField);
      plan.add(
          new FlowHopPlan(
              ns + "/" + FlowNames.PARALLEL_OWNER + name,
              i,
              subscriberField,
              branchSubject,
              FlowNames.parallelBranchConsumer(ns, name, i),
              FlowNames.parallelBranchRoute(ns, name, i),
              FlowNames.parallelParked(ns, name),
              hops.hop(b.subscriber(), id, subscriberField),
              sd,
              sdl,
              replies,
              output));
      if (output instanceof FlowHopPlan.Publish) {
        plan.add(
            new FlowHopPlan(
                ns + "/" + FlowNames.PARALLEL_REPLY_OWNER + name,
                i,
                FieldPath.join(path, "reply"),
                replySubject,
                FlowNames.parallelReplyConsumer(ns, name, i),
                FlowNames.parallelReplyRoute(ns, name, i),
                FlowNames.parallelReplyParked(ns, name),
                hops.hop(reply, id, replyField),
                sd,
                sdl,
                KnSteps.Replies.NONE,
                new FlowHopPlan.End()));
      }
    }
    return new FlowPlan(
        p,
        FlowBus.of(p, all),
        "parallels",
        entry(p),
        FlowNames.parallelIngressRoute(ns, name),
        FlowNames.parallelPath(ns, name),
        List.copyOf(plan));
  }

  private static FlowHopPlan.Next output(
      Destination reply, String replySubject, ResourceId id, KnativePlans.Resolver hops) {
    return output(reply, replySubject, id, hops, "spec.reply");
  }

  /** Where a flow's output goes: dropped, into a Broker or flow, or onto its reply subject. */
  private static FlowHopPlan.Next output(
      Destination reply,
      String replySubject,
      ResourceId id,
      KnativePlans.Resolver hops,
      String field) {
    if (reply == null) return new FlowHopPlan.Drop();
    Hop h = hops.peek(reply, id);
    if (h instanceof Hop.Subject s) return new FlowHopPlan.Enter(s);
    return new FlowHopPlan.Publish(replySubject);
  }

  /** The dead letter of `d`, reported at the field it was written in. */
  private static Hop deadLetter(
      KnDelivery d, KnDeliverySpec own, String field, ResourceId id, KnativePlans.Resolver hops) {
    if (d.deadLetterSink() == null) return null;
    String path =
        own != null && own.deadLetterSink() != null
            ? FieldPath.join(FieldPath.join(field, "delivery"), "deadLetterSink")
            : "spec.delivery.deadLetterSink";
    return hops.hop(d.deadLetterSink(), id, path);
  }

  /** Knative's channels take a plain 2xx body as no reply; `ofn-events.io/reply: strict` fails. */
  private static KnSteps.Replies replies(KnFlow f) {
    return f.strictReplies() ? KnSteps.Replies.EVENT : KnSteps.Replies.EVENT_OR_IGNORE;
  }

  /** Whether queues outlive the process (JetStream), so an edit can leave events at a position. */
  private static boolean durable(EventBusSpec bus) {
    return bus.natsStreaming() != null || (bus.nats() != null && !"core".equals(bus.nats().mode()));
  }
}
