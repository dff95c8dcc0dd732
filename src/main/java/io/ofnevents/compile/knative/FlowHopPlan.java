package io.ofnevents.compile.knative;

import io.ofnevents.model.knative.KnDelivery;

/**
 * One hop of a flow: the durable consumer `consumer` of `subject`, which calls `call` with its
 * delivery (or, without a call, passes each event on as it came) and then does `next` with what
 * passes. A call to a Broker or flow hands the event into it and ends the hop.
 *
 * @param owner `namespace/owner` of the hop's parked events and meters (FlowNames)
 * @param index the hop's step or branch, the `ofn-subscriber` index
 * @param field the field path of what it calls, e.g. `spec.steps[1]` (dead letters, descriptions)
 * @param call what it calls; null when it passes events on (a branch without a filter, the position
 *     after a Sequence's last step)
 * @param deadLetter its delivery's dead letter sink, null when none
 */
public record FlowHopPlan(
    String owner,
    int index,
    String field,
    String subject,
    String consumer,
    String route,
    String parked,
    Hop call,
    KnDelivery delivery,
    Hop deadLetter,
    KnSteps.Replies replies,
    Next next) {

  /** What follows an event that passes the hop. */
  public sealed interface Next {}

  /** Publish onto the flow's next subject (same bus, TTL as it is). */
  public record Publish(String subject) implements Next {}

  /** Enter a Broker or flow through its door (TTL rules), onto its subject. */
  public record Enter(Hop.Subject target) implements Next {}

  /** Nothing follows: a reply is dropped and counted (no `spec.reply`). */
  public record Drop() implements Next {}

  /** Nothing follows: the hop delivered the flow's output. */
  public record End() implements Next {}
}
