package io.ofnevents.model.validate;

import io.ofnevents.model.knative.KnTrigger;
import java.util.Map;

/**
 * The ofn-events annotations a Knative Trigger and a flow share: `ofn-events.io/reply` and
 * `ofn-events.io/max-deliveries`.
 */
final class KnAnnotationRules {
  private KnAnnotationRules() {}

  /**
   * @param strict what `strict` means for this kind, `ignore` likewise (for the message)
   */
  static void check(
      Map<String, String> ann, Integer maxDeliveries, String strict, String ignore, Reporter r) {
    if (ann == null) return;
    String reply = ann.get(KnTrigger.REPLY_ANNOTATION);
    if (reply != null && !reply.equals("ignore") && !reply.equals("strict")) {
      r.error(
          "metadata.annotations[\"" + KnTrigger.REPLY_ANNOTATION + "\"]",
          "must be strict (" + strict + ") or ignore (" + ignore + ") (got \"" + reply + "\")");
    }
    String max = ann.get(KnTrigger.MAX_DELIVERIES_ANNOTATION);
    if (max != null && (maxDeliveries == null || maxDeliveries < 1 || maxDeliveries > 1000)) {
      r.error(
          "metadata.annotations[\"" + KnTrigger.MAX_DELIVERIES_ANNOTATION + "\"]",
          "must be a number of deliveries from 1 to 1000 (got \"" + max + "\")");
    }
  }
}
