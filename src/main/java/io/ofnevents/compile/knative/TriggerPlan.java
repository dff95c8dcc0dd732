package io.ofnevents.compile.knative;

import io.ofnevents.model.filter.EventFilter;
import io.ofnevents.model.knative.KnDelivery;
import io.ofnevents.model.knative.KnTrigger;

/**
 * What a Knative Trigger runs as: a durable consumer of its Broker's subject, the filter, the
 * subscriber, its delivery and dead letter.
 *
 * @param filterExpression the `ofn-kn-filter` expression for the generated route (canonical JSON)
 * @param filter the same filter, compiled
 * @param deadLetter the Trigger's dead letter sink, else its Broker's; null when neither
 */
public record TriggerPlan(
    KnTrigger trigger,
    BrokerPlan broker,
    String consumer,
    String route,
    String filterExpression,
    EventFilter filter,
    Hop subscriber,
    KnDelivery delivery,
    Hop deadLetter) {}
