package io.ofnevents.model.validate;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.knative.KnDeliverySpec;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Knative `delivery`: as Knative's webhook checks it (ISO-8601 durations, retry not negative). */
final class KnDeliveryRules {
  private KnDeliveryRules() {}

  static void check(
      KnDeliverySpec d, String path, String namespace, ResourceSet all, Addressing a, Reporter r) {
    if (d == null) return;
    if (d.retry() != null && d.retry() < 0) {
      r.error(FieldPath.join(path, "retry"), "must be 0 or more (got " + d.retry() + ")");
    }
    Duration timeout = iso(d.timeout(), FieldPath.join(path, "timeout"), r);
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      r.error(FieldPath.join(path, "timeout"), "must be greater than zero");
    }
    iso(d.backoffDelay(), FieldPath.join(path, "backoffDelay"), r);
    Duration max = iso(d.retryAfterMax(), FieldPath.join(path, "retryAfterMax"), r);
    if (max != null && max.isNegative()) {
      r.error(FieldPath.join(path, "retryAfterMax"), "must not be negative");
    }
    DestinationRules.knative(
        d.deadLetterSink(), FieldPath.join(path, "deadLetterSink"), namespace, all, a, r);
  }

  /** The duration of an ISO-8601 text, or null (after reporting) when it is not one. */
  static Duration iso(String text, String path, Reporter r) {
    if (text == null) return null;
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      r.error(
          path,
          "\""
              + text
              + "\" is not an ISO-8601 duration (Knative durations look like PT0.2S or PT10S)");
      return null;
    }
  }
}
