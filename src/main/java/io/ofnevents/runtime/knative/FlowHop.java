package io.ofnevents.runtime.knative;

import io.ofnevents.compile.FlowNames;
import java.util.Optional;

/**
 * One hop of a Sequence or Parallel, as its consuming route names it to `ofn-subscriber` and
 * `ofn-kn:step` (`namespace/owner/index`, {@link FlowNames}): the flow, the hop's role and its step
 * or branch. It tells where a parked event is replayed, how the hop's meters are named and tagged
 * and what a log line or dead letter calls it.
 */
public record FlowHop(Role role, String namespace, String flow, int index) {
  /** What a hop does. */
  public enum Role {
    /** Calls step `index` of a Sequence (or, at the position after the last, passes on). */
    STEP,
    /** Delivers a Sequence's last reply to its HTTP `spec.reply`. */
    SEQUENCE_REPLY,
    /** Calls branch `index`'s filter (or, without one, passes every event on). */
    FILTER,
    /** Calls branch `index`'s subscriber. */
    SUBSCRIBER,
    /** Delivers branch `index`'s subscriber reply to its HTTP reply. */
    PARALLEL_REPLY
  }

  /** The hop of `owner` (the owner part of `ns/owner/index`), if it names a flow. */
  public static Optional<FlowHop> parse(String namespace, String owner, int index) {
    Role role = null;
    String prefix = null;
    for (Object[] p :
        new Object[][] {
          {FlowNames.SEQUENCE_REPLY_OWNER, Role.SEQUENCE_REPLY},
          {FlowNames.SEQUENCE_OWNER, Role.STEP},
          {FlowNames.PARALLEL_FILTER_OWNER, Role.FILTER},
          {FlowNames.PARALLEL_REPLY_OWNER, Role.PARALLEL_REPLY},
          {FlowNames.PARALLEL_OWNER, Role.SUBSCRIBER}
        }) {
      if (owner.startsWith((String) p[0])) {
        prefix = (String) p[0];
        role = (Role) p[1];
        break;
      }
    }
    if (role == null || owner.length() == prefix.length()) return Optional.empty();
    return Optional.of(new FlowHop(role, namespace, owner.substring(prefix.length()), index));
  }

  /** `ns/owner/index`, as the routes write it. */
  public static Optional<FlowHop> parse(String hop) {
    String[] parts = hop.split("/");
    if (parts.length != 3 || !parts[2].matches("\\d{1,9}")) return Optional.empty();
    return parse(parts[0], parts[1], Integer.parseInt(parts[2]));
  }

  public boolean sequence() {
    return role == Role.STEP || role == Role.SEQUENCE_REPLY;
  }

  /** The `direct:` endpoint of the hop's delivery route, where a parked event is replayed. */
  public String deliveryDirect() {
    String route =
        switch (role) {
          case STEP -> FlowNames.sequenceStepRoute(namespace, flow, index);
          case SEQUENCE_REPLY -> FlowNames.sequenceReplyRoute(namespace, flow);
          case FILTER -> FlowNames.parallelFilterRoute(namespace, flow, index);
          case SUBSCRIBER -> FlowNames.parallelBranchRoute(namespace, flow, index);
          case PARALLEL_REPLY -> FlowNames.parallelReplyRoute(namespace, flow, index);
        };
    return FlowNames.deliverDirect(route);
  }

  /**
   * The name of the hop's meter `suffix` (`events.received`...): `ofn.kn.sequence.step.{suffix}` or
   * `ofn.kn.parallel.branch.{suffix}`.
   */
  public String meter(String suffix) {
    return (sequence() ? "ofn.kn.sequence.step." : "ofn.kn.parallel.branch.") + suffix;
  }

  /** The hop's tags: namespace, flow, step (`0`..., `reply`) or branch and call. */
  public String[] tags() {
    if (sequence()) {
      String step = role == Role.SEQUENCE_REPLY ? "reply" : String.valueOf(index);
      return new String[] {"namespace", namespace, "sequence", flow, "step", step};
    }
    String call =
        switch (role) {
          case FILTER -> "filter";
          case SUBSCRIBER -> "subscriber";
          default -> "reply";
        };
    return new String[] {
      "namespace", namespace, "parallel", flow, "branch", String.valueOf(index), "call", call
    };
  }

  /** The field path of what the hop calls: `spec.steps[1]`, `spec.branches[0].filter`... */
  public String field() {
    return switch (role) {
      case STEP -> "spec.steps[" + index + "]";
      case SEQUENCE_REPLY -> "spec.reply";
      case FILTER -> "spec.branches[" + index + "].filter";
      case SUBSCRIBER -> "spec.branches[" + index + "].subscriber";
      case PARALLEL_REPLY -> "spec.branches[" + index + "].reply";
    };
  }

  /** `Sequence.flows.knative.dev ns/name spec.steps[1]`, as log lines name it. */
  public String describe() {
    return (sequence() ? "Sequence" : "Parallel")
        + ".flows.knative.dev "
        + namespace
        + "/"
        + flow
        + " "
        + field();
  }
}
