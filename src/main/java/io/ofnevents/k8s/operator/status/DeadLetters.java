package io.ofnevents.k8s.operator.status;

import io.ofnevents.model.knative.KnDeliverySpec;

/**
 * Knative's `DeadLetterSinkResolved` and `deadLetterSinkUri`, shared by the kinds with delivery.
 */
final class DeadLetters {
  static final String CONDITION = "DeadLetterSinkResolved";

  private DeadLetters() {}

  /** Marks the dead letter sink of `delivery`; false when it is set and cannot be resolved. */
  static boolean mark(Findings f, KnDeliverySpec delivery, KnStatus s) {
    if (delivery == null || delivery.deadLetterSink() == null) {
      s.field("deadLetterSinkUri", null);
      s.markTrue(CONDITION, "DeadLetterSinkNotConfigured", "No dead letter sink is configured.");
      return true;
    }
    Findings.Resolved dls = f.resolve(delivery.deadLetterSink());
    s.field("deadLetterSinkUri", dls.url());
    if (dls.ok()) {
      s.markTrue(CONDITION);
    } else {
      s.markFalse(CONDITION, "Unable to get the dead letter sink's URI", dls.error());
    }
    return dls.ok();
  }
}
