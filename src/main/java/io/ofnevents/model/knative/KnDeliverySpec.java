package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.OneOf;

/**
 * Knative's `delivery` (eventing.knative.dev duck v1 DeliverySpec) with Knative's meaning, kept
 * apart from the OpenFunction {@code DeliverySpec}: nothing is retried unless `retry` says so.
 * Durations are ISO-8601, as Knative requires.
 */
public record KnDeliverySpec(
    @Doc("Where an event goes after the last failed attempt (the original event).")
        Destination deadLetterSink,
    @Doc("Retries after the first attempt (none when absent).") Integer retry,
    @Doc("Timeout of each attempt, ISO-8601 (e.g. PT10S).") String timeout,
    @OneOf({"linear", "exponential"}) @Doc("How the delay grows: linear d*k or exponential d*2^k.")
        String backoffPolicy,
    @Doc("Base delay between retries, ISO-8601 (e.g. PT0.2S).") String backoffDelay,
    @Doc("Longest Retry-After (429, 503) honoured, ISO-8601.") String retryAfterMax,
    @OneOf({"json", "binary"})
        @Doc("CloudEvents mode towards the subscriber: json (structured) or binary.")
        String format) {}
