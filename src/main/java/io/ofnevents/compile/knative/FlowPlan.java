package io.ofnevents.compile.knative;

import io.ofnevents.model.knative.FlowBus;
import io.ofnevents.model.knative.KnFlow;
import java.util.List;

/**
 * What a Sequence or Parallel runs as: its ingress at `path`, the subject events enter it by, and
 * its hops, each a durable consumer of one subject on the flow's bus.
 *
 * @param plural `sequences` or `parallels` (ingress paths, the dead letter's `ofnflow`)
 */
public record FlowPlan(
    KnFlow flow,
    FlowBus bus,
    String plural,
    String entry,
    String ingressRoute,
    String path,
    List<FlowHopPlan> hops) {}
