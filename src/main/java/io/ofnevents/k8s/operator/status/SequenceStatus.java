package io.ofnevents.k8s.operator.status;

import io.ofnevents.compile.FlowNames;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.KnFlow;
import io.ofnevents.model.knative.Sequence;
import io.ofnevents.model.knative.SequenceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Sequence's status: `address.url`, one entry per step in `channelStatuses` (the subject step i
 * reads, Knative's channel `{name}-kn-sequence-{i}`) and `subscriptionStatuses` (its durable
 * consumer; the last one's also covers `spec.reply`, as Knative's last Subscription replies there),
 * and the conditions of {@link FlowStatus}.
 */
public final class SequenceStatus extends FlowStatus {
  @Override
  List<Subscription> subscriptions(KnFlow flow) {
    Sequence s = (Sequence) flow;
    List<SequenceStep> steps = s.spec().steps();
    List<Subscription> subs = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      List<Destination> to = new ArrayList<>(List.of(steps.get(i).destination()));
      if (i == steps.size() - 1 && s.reply() != null) to.add(s.reply());
      subs.add(
          new Subscription(
              FlowNames.sequenceConsumer(s.namespace(), s.name(), i),
              to,
              FieldPath.index("spec.steps", i)));
    }
    return subs;
  }

  @Override
  void lists(KnFlow flow, Map<String, Object> channel, List<Map<String, Object>> subs, KnStatus s) {
    List<Map<String, Object>> channels = new ArrayList<>();
    for (int i = 0; i < subs.size(); i++) {
      channels.add(
          channelEntry(channel, FlowNames.sequenceSubject(flow.namespace(), flow.name(), i)));
    }
    s.field("channelStatuses", channels);
    s.field("subscriptionStatuses", subs);
  }
}
