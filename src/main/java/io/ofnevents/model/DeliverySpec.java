package io.ofnevents.model;

/** Delivery options in the Knative `delivery` shape; durations are ISO-8601 or Go style. */
public record DeliverySpec(
    @Doc("Retries after the first attempt (default " + DeliveryDefaults.RETRY + ").") Integer retry,
    @OneOf({"linear", "exponential"})
        @Doc(
            "How the delay grows between retries (default "
                + DeliveryDefaults.BACKOFF_POLICY
                + "; at most "
                + DeliveryDefaults.MAX_BACKOFF
                + " between two attempts).")
        String backoffPolicy,
    @Doc(
            "Base delay between retries, e.g. PT0.2S or 200ms (default "
                + DeliveryDefaults.BACKOFF_DELAY
                + ").")
        String backoffDelay,
    @Doc("Timeout of each attempt, e.g. PT10S or 10s (default " + DeliveryDefaults.TIMEOUT + ").")
        String timeout,
    @Doc(
            "Where an event goes when every attempt failed (Knative's place for it; on a Trigger"
                + " subscriber the same as its own deadLetterSink, set one of the two).")
        SinkSpec deadLetterSink) {}
