package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;

/** Desired state of a Broker: which bus carries it and the default delivery of its Triggers. */
public record BrokerSpec(
    @Doc(
            "The bus: an EventBus or ClusterEventBus (events.openfunction.io/v1alpha1); Knative's"
                + " ConfigMap is accepted and the default bus used. Default: the namespace's"
                + " EventBus `default`, else the ClusterEventBus `default`.")
        KReference config,
    @Doc(
            "Delivery of Triggers without one; default retry 10, exponential, PT0.2S (stock"
                + " Knative).")
        KnDeliverySpec delivery) {}
