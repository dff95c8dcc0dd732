package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Kind;
import io.ofnevents.model.KnativeResource;
import io.ofnevents.model.ObjectMeta;
import io.ofnevents.model.Required;

/**
 * A Knative Trigger (eventing.knative.dev/v1): a durable consumer of a Broker's events that sends
 * those its filter matches to a subscriber. Not the OpenFunction {@code Trigger}.
 */
public record KnTrigger(
    @Required ObjectMeta metadata,
    @Required KnTriggerSpec spec,
    @Doc("Written by the controller; ignored on input.") Object status)
    implements KnativeResource {

  /** Annotation: JSON ObjectReference of a source the Trigger waits for before it is Ready. */
  public static final String DEPENDENCY_ANNOTATION = "knative.dev/dependency";

  /**
   * Annotation (ofn-events): what a 2xx answer with a body that is not a CloudEvent means. `strict`
   * (the default, Knative's): a failure (502), retried, then dead-lettered or parked; `ignore`: the
   * body is ignored and the delivery succeeded (knative/eventing#6394 asks for this).
   */
  public static final String REPLY_ANNOTATION = "ofn-events.io/reply";

  /**
   * Whether this Trigger ignores plain (non-CloudEvent) reply bodies ({@link #REPLY_ANNOTATION}).
   */
  public boolean ignoresPlainReplies() {
    return "ignore".equals(KnAnnotations.get(metadata, REPLY_ANNOTATION));
  }

  /**
   * Annotation (ofn-events): deliveries of an event from the bus (the first included) before one
   * its subscriber keeps failing, without a dead letter, is parked; as an OpenFunction Trigger's
   * `spec.maxDeliveries` (default {@code DeliveryDefaults.MAX_DELIVERIES}).
   */
  public static final String MAX_DELIVERIES_ANNOTATION = "ofn-events.io/max-deliveries";

  /** The {@link #MAX_DELIVERIES_ANNOTATION} value, or null when absent or not a number. */
  public Integer maxDeliveries() {
    return KnAnnotations.integer(metadata, MAX_DELIVERIES_ANNOTATION);
  }

  /**
   * Annotation (ofn-events): events of the Broker delivered at once, 1 to {@code
   * TriggerSpec.MAX_CONCURRENCY} (default 1: one at a time, in bus order), as an OpenFunction
   * Trigger's `spec.concurrency`. Knative itself delivers concurrently, without an order.
   */
  public static final String CONCURRENCY_ANNOTATION = "ofn-events.io/concurrency";

  /** The {@link #CONCURRENCY_ANNOTATION} value, or null when absent or not a number. */
  public Integer concurrency() {
    return KnAnnotations.integer(metadata, CONCURRENCY_ANNOTATION);
  }

  /** Annotation of the sugar controller (`enabled`/`disabled`), only valid on Broker `default`. */
  public static final String INJECTION_ANNOTATION = "eventing.knative.dev/injection";

  @Override
  public Kind kind() {
    return Kind.KN_TRIGGER;
  }

  /** The name of its Broker (`spec.broker`, else `spec.brokerRef.name`); null when neither. */
  public String brokerName() {
    if (spec == null) return null;
    if (spec.broker() != null) return spec.broker();
    return spec.brokerRef() == null ? null : spec.brokerRef().name();
  }

  public KnTrigger withSpec(KnTriggerSpec s) {
    return new KnTrigger(metadata, s, status);
  }

  @Override
  public KnTrigger withDefaultNamespace(String namespace) {
    return metadata.namespace() != null
        ? this
        : new KnTrigger(metadata.withNamespace(namespace), spec, status);
  }
}
