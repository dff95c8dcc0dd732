package io.ofnevents.runtime.trigger;

import io.ofnevents.model.condition.CompiledCondition;
import org.apache.camel.Exchange;

/**
 * Attached to an exchange by `ofn-trigger` so that the `ofn-condition` predicates downstream can
 * evaluate against the snapshot of this event (and, with resetOnFire, claim the firing).
 */
public final class ConditionContext {
  /** Exchange property holding the context. */
  public static final String PROPERTY = "ofn.condition";

  /** Exchange property naming the inputs of the condition that fired (for `deliver: all`). */
  public static final String FIRED = "ofn.condition.fired";

  /**
   * Exchange property holding the predicate of the condition that fired: the subscriber's identity
   * for the delivery track (see DeliveryTrack), as each filter has its own predicate object.
   */
  public static final String MATCHED = "ofn.condition.matched";

  private final ConditionStore store;
  private final Snapshot snapshot;
  private final boolean resetOnFire;

  ConditionContext(ConditionStore store, Snapshot snapshot, boolean resetOnFire) {
    this.store = store;
    this.snapshot = snapshot;
    this.resetOnFire = resetOnFire;
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  /** Whether `condition` holds for this event; with resetOnFire only if this event claims it. */
  public boolean test(CompiledCondition condition, Exchange exchange) throws Exception {
    if (!condition.test(snapshot.truth())) return false;
    if (resetOnFire && !store.consume(condition.inputs(), snapshot)) return false;
    exchange.setProperty(FIRED, condition.inputs());
    return true;
  }
}
