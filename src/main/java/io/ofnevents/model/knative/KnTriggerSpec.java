package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Required;
import java.util.List;

/** Desired state of a Knative Trigger. */
public record KnTriggerSpec(
    @Doc("Name of the Broker in this namespace (or give brokerRef).") String broker,
    @Doc("Reference to the Broker, instead of broker.") KReference brokerRef,
    @Doc("Exact attribute matches; all must hold. Replaced by filters when that is non-empty.")
        TriggerFilter filter,
    @Doc("Subscriptions API filters, ANDed; a non-empty list replaces filter.")
        List<SubscriptionsApiFilter> filters,
    @Required @Doc("Where matching events are sent; its reply goes back onto the Broker.")
        Destination subscriber,
    @Doc("Retries, backoff, timeout and dead letter; the Broker's when absent (taken whole).")
        KnDeliverySpec delivery) {

  public KnTriggerSpec withBroker(String name) {
    return new KnTriggerSpec(name, brokerRef, filter, filters, subscriber, delivery);
  }
}
