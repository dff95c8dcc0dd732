package io.ofnevents.model;

import java.util.List;
import java.util.Map;

/** Desired state of a Trigger; input names are the variables of the subscriber conditions. */
public record TriggerSpec(
    @Required @Doc("Bus to read inputs from and to publish subscriber topics to.") String eventBus,
    @Required @Doc("Inputs by name; the name is a boolean variable in conditions.")
        Map<String, Input> inputs,
    @Required @Doc("Each subscriber receives the event when its condition holds.")
        List<Subscriber> subscribers,
    @Doc("Handler verbosity (upstream klog level).") String logLevel,
    @Doc("How condition state is kept (ofn-events).") ConditionStateSpec conditionState,
    @Doc(
            "Events of each input delivered at once (default 1: one at a time, in bus order). More"
                + " lets deliveries to slow sinks overlap, without ordering (ofn-events).")
        Integer concurrency,
    @Doc(
            "Deliveries of an event from the bus (the first included) before one that a"
                + " subscriber keeps failing with a retryable error is parked (default "
                + DeliveryDefaults.MAX_DELIVERIES
                + ", at most "
                + DeliveryDefaults.MAX_DELIVERIES_LIMIT
                + "). An event a subscriber rejects (4xx other than 408 and 429) is parked at"
                + " once; either way only without a dead letter that takes it (ofn-events).")
        Integer maxDeliveries) {
  /** The most events of one input a Trigger delivers at once (a worker thread each). */
  public static final int MAX_CONCURRENCY = 256;
}
