package io.ofnevents.model.knative;

import io.ofnevents.model.KnativeResource;

/**
 * A Knative flow (flows.knative.dev/v1): a {@link Sequence} or a {@link Parallel}, steps joined by
 * durable subjects on an event bus. What both kinds share: the channel template, the reply, the
 * flow-wide delivery and the annotations of ofn-events.
 */
public interface KnFlow extends KnativeResource {
  /**
   * Annotation (ofn-events): what a 2xx answer with a body that is not a CloudEvent means. `ignore`
   * (the default for flows, as Knative's channel dispatcher): no reply, so the flow ends for that
   * event; `strict`: a failure (502), retried, then dead-lettered or parked, as a Knative Trigger.
   */
  String REPLY_ANNOTATION = KnTrigger.REPLY_ANNOTATION;

  /** Annotation: deliveries of an event from the bus before a failing step parks it. */
  String MAX_DELIVERIES_ANNOTATION = KnTrigger.MAX_DELIVERIES_ANNOTATION;

  ChannelTemplate channelTemplate();

  /** `spec.reply`, null when absent. */
  Destination reply();

  /** `spec.delivery` (an ofn-events addition), null when absent. */
  KnDeliverySpec delivery();

  /** Whether a plain (non-CloudEvent) body fails a step ({@link #REPLY_ANNOTATION} `strict`). */
  default boolean strictReplies() {
    return "strict".equals(KnAnnotations.get(metadata(), REPLY_ANNOTATION));
  }

  /** The {@link #MAX_DELIVERIES_ANNOTATION} value, or null when absent or not a number. */
  default Integer maxDeliveries() {
    return KnAnnotations.integer(metadata(), MAX_DELIVERIES_ANNOTATION);
  }
}
