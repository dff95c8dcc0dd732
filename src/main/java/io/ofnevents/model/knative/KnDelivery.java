package io.ofnevents.model.knative;

import java.time.Duration;

/**
 * The delivery a Knative Trigger gets, with Knative's defaults: no retry when nothing says so; a
 * Broker without `delivery` gets stock Knative's (retry 10, exponential, PT0.2S, copied in at
 * admission by `config-br-defaults`); a Trigger's `delivery` replaces its Broker's whole (no field
 * merge), except the dead letter sink, which falls back to the Broker's (Knative's reconciler).
 * Durations are parsed (validation has checked them); null means unset.
 */
public record KnDelivery(
    int retry,
    String backoffPolicy,
    Duration backoffDelay,
    Duration timeout,
    Duration retryAfterMax,
    String format,
    Destination deadLetterSink) {

  /** No retry, no timeout, no dead letter: Knative's delivery when nothing is configured. */
  public static final KnDelivery NONE = new KnDelivery(0, null, null, null, null, null, null);

  /** What stock Knative gives a Broker without `delivery`. */
  public static final KnDelivery STOCK_BROKER_DEFAULT =
      new KnDelivery(10, "exponential", Duration.ofMillis(200), null, null, null, null);

  /** The delivery `spec` says, Knative's defaults for what it leaves out. */
  public static KnDelivery of(KnDeliverySpec spec) {
    if (spec == null) return NONE;
    return new KnDelivery(
        spec.retry() == null ? 0 : spec.retry(),
        spec.backoffPolicy(),
        duration(spec.backoffDelay()),
        duration(spec.timeout()),
        duration(spec.retryAfterMax()),
        spec.format(),
        spec.deadLetterSink());
  }

  /** A Broker's delivery: its own, else stock Knative's default. */
  public static KnDelivery ofBroker(Broker b) {
    KnDeliverySpec d = b.specOrEmpty().delivery();
    return d == null ? STOCK_BROKER_DEFAULT : of(d);
  }

  /** A Trigger's delivery: its own (whole) else its Broker's; the dead letter falls back too. */
  public static KnDelivery ofTrigger(KnTriggerSpec t, Broker b) {
    return layered(t.delivery(), b == null ? NONE : ofBroker(b));
  }

  /**
   * A flow step's delivery: its own (whole) else the flow's `spec.delivery` (an ofn-events
   * addition), else none; the dead letter falls back to the flow's, as a Trigger's to its Broker's.
   */
  public static KnDelivery ofStep(KnDeliverySpec step, KnDeliverySpec flow) {
    return layered(step, of(flow));
  }

  private static KnDelivery layered(KnDeliverySpec own, KnDelivery fallback) {
    if (own == null) return fallback;
    KnDelivery d = of(own);
    return d.deadLetterSink != null ? d : d.withDeadLetterSink(fallback.deadLetterSink);
  }

  public KnDelivery withDeadLetterSink(Destination d) {
    return new KnDelivery(retry, backoffPolicy, backoffDelay, timeout, retryAfterMax, format, d);
  }

  private static Duration duration(String iso) {
    return iso == null ? null : Duration.parse(iso);
  }
}
