package io.ofnevents.k8s.operator.status;

import io.ofnevents.compile.FlowNames;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.KnFlow;
import io.ofnevents.model.knative.Parallel;
import io.ofnevents.model.knative.ParallelBranch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Parallel's status: `address.url`, `ingressChannelStatus` (the subject every branch reads,
 * Knative's channel `{name}-kn-parallel`), one `branchStatuses` entry per branch with Knative's
 * three parts (`filterSubscriptionStatus`: the branch's consumer on the ingress, which calls its
 * filter; `filterChannelStatus`: the subject of what passed, `{name}-kn-parallel-{i}`;
 * `subscriberSubscriptionStatus`: the consumer calling its subscriber, also covering its reply),
 * and the conditions of {@link FlowStatus}.
 */
public final class ParallelStatus extends FlowStatus {
  @Override
  List<Subscription> subscriptions(KnFlow flow) {
    Parallel p = (Parallel) flow;
    List<ParallelBranch> branches = p.spec().branches();
    List<Subscription> subs = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      ParallelBranch b = branches.get(i);
      String field = FieldPath.index("spec.branches", i);
      subs.add(
          new Subscription(
              FlowNames.parallelFilterConsumer(p.namespace(), p.name(), i),
              b.filter() == null ? List.of() : List.of(b.filter()),
              FieldPath.join(field, "filter")));
      List<Destination> to = new ArrayList<>(List.of(b.subscriber()));
      Destination reply = b.reply() != null ? b.reply() : p.reply();
      if (reply != null) to.add(reply);
      subs.add(
          new Subscription(
              FlowNames.parallelBranchConsumer(p.namespace(), p.name(), i),
              to,
              FieldPath.join(field, "subscriber")));
    }
    return subs;
  }

  @Override
  void lists(KnFlow flow, Map<String, Object> channel, List<Map<String, Object>> subs, KnStatus s) {
    String ns = flow.namespace();
    String name = flow.name();
    s.field("ingressChannelStatus", channelEntry(channel, FlowNames.parallelSubject(ns, name)));
    List<Map<String, Object>> branches = new ArrayList<>();
    for (int i = 0; i < subs.size() / 2; i++) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("filterSubscriptionStatus", subs.get(2 * i));
      b.put(
          "filterChannelStatus",
          channelEntry(channel, FlowNames.parallelBranchSubject(ns, name, i)));
      b.put("subscriberSubscriptionStatus", subs.get(2 * i + 1));
      branches.add(b);
    }
    s.field("branchStatuses", branches);
  }
}
