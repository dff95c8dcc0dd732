package io.ofnevents.model.validate;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.knative.ChannelTemplate;
import io.ofnevents.model.knative.KnFlow;
import io.ofnevents.model.knative.Parallel;
import io.ofnevents.model.knative.ParallelBranch;
import io.ofnevents.model.knative.Sequence;
import io.ofnevents.model.knative.SequenceStep;
import java.util.List;
import java.util.Map;

/**
 * A Sequence or a Parallel: at least one step or branch (as Knative's webhook), every destination
 * and delivery, the channel template, the ofn-events annotations, and no loop of flows.
 */
final class FlowRules {
  private FlowRules() {}

  static void sequence(Sequence s, ResourceSet all, Addressing a, Reporter r) {
    common(s, all, a, r);
    if (s.spec() == null || s.spec().steps() == null) return; // the loader reported it
    List<SequenceStep> steps = s.spec().steps();
    if (steps.isEmpty()) {
      r.error("spec.steps", "a Sequence needs at least one step");
    }
    for (int i = 0; i < steps.size(); i++) {
      String path = FieldPath.index("spec.steps", i);
      SequenceStep step = steps.get(i);
      if (step == null) {
        r.error(path, "expected at least one of ref or uri");
        continue;
      }
      DestinationRules.knative(step.destination(), path, s.namespace(), all, a, r);
      KnDeliveryRules.check(
          step.delivery(), FieldPath.join(path, "delivery"), s.namespace(), all, a, r);
    }
  }

  static void parallel(Parallel p, ResourceSet all, Addressing a, Reporter r) {
    common(p, all, a, r);
    if (p.spec() == null || p.spec().branches() == null) return;
    List<ParallelBranch> branches = p.spec().branches();
    if (branches.isEmpty()) {
      r.error("spec.branches", "a Parallel needs at least one branch");
    }
    String ns = p.namespace();
    for (int i = 0; i < branches.size(); i++) {
      String path = FieldPath.index("spec.branches", i);
      ParallelBranch b = branches.get(i);
      if (b == null) {
        r.error(FieldPath.join(path, "subscriber"), "required field is missing");
        continue;
      }
      DestinationRules.knative(b.filter(), FieldPath.join(path, "filter"), ns, all, a, r);
      DestinationRules.knative(b.subscriber(), FieldPath.join(path, "subscriber"), ns, all, a, r);
      DestinationRules.knative(b.reply(), FieldPath.join(path, "reply"), ns, all, a, r);
      KnDeliveryRules.check(b.delivery(), FieldPath.join(path, "delivery"), ns, all, a, r);
    }
  }

  private static void common(KnFlow f, ResourceSet all, Addressing a, Reporter r) {
    Map<String, String> ann = f.metadata().annotations();
    KnAnnotationRules.check(
        ann,
        f.maxDeliveries(),
        "a 2xx body that is not a CloudEvent fails the step, as in a Knative Trigger",
        "such a body is no reply, so the flow ends for that event, as in Knative's channels; the"
            + " default",
        r);
    channelTemplate(f.channelTemplate(), r);
    DestinationRules.knative(f.reply(), "spec.reply", f.namespace(), all, a, r);
    KnDeliveryRules.check(f.delivery(), "spec.delivery", f.namespace(), all, a, r);
    FlowCycles.check(f, all, r);
  }

  private static void channelTemplate(ChannelTemplate c, Reporter r) {
    if (c == null) return;
    if (c.kind() == null) {
      r.error("spec.channelTemplate.kind", "required field is missing");
      return;
    }
    if (!c.inMemoryChannel()) {
      r.warning(
          "spec.channelTemplate",
          (c.apiVersion() == null ? "" : c.apiVersion() + " ")
              + c.kind()
              + " is served as an InMemoryChannel is: by subjects on the namespace's event bus"
              + " (its EventBus default, else the ClusterEventBus default, else in-memory); the"
              + " channel's settings are not read");
    } else if (c.spec() != null && !(c.spec() instanceof Map<?, ?> m && m.isEmpty())) {
      r.warning(
          "spec.channelTemplate.spec",
          "not read: the steps are joined by subjects on the namespace's event bus");
    }
  }
}
