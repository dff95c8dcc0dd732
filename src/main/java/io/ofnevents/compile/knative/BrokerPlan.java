package io.ofnevents.compile.knative;

import io.ofnevents.model.knative.Broker;
import io.ofnevents.model.knative.BrokerBus;
import io.ofnevents.model.knative.KnDelivery;

/**
 * What a Broker runs as: a subject on its bus, served at `POST /{ns}/{name}` by the ingress route.
 *
 * @param bus the bus and why it was chosen; {@link BrokerBus#implicitInMemory()} when the run
 *     provides one (say so at start)
 * @param delivery the default of its Triggers (stock Knative's when the Broker has none)
 */
public record BrokerPlan(
    Broker broker, BrokerBus bus, String subject, String ingressRoute, KnDelivery delivery) {}
