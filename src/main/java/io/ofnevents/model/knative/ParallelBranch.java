package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Required;

/** One branch of a Parallel: an optional filter, the subscriber, its reply and delivery. */
public record ParallelBranch(
    @Doc(
            "Called with every event; the event it replies with goes on to the subscriber, an"
                + " answer without an event filters it out. None: every event goes on.")
        Destination filter,
    @Required @Doc("Gets the events the filter passed.") Destination subscriber,
    @Doc("Where the subscriber's reply goes; the Parallel's spec.reply when absent.")
        Destination reply,
    @Doc(
            "Retries, backoff, timeout and dead letter of the subscriber (and its reply); the"
                + " Parallel's spec.delivery when absent, taken whole.")
        KnDeliverySpec delivery) {}
