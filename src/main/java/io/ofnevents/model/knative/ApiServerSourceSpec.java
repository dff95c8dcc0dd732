package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.OneOf;
import io.ofnevents.model.Required;
import java.util.List;

/** Desired state of an ApiServerSource. */
public record ApiServerSourceSpec(
    @Required @Doc("Where each change is sent: a Broker, a Service, or a URI.") Destination sink,
    @Doc("Extension attributes set on every event.") CloudEventOverrides ceOverrides,
    @Required
        @Doc(
            "The kinds to watch (at least one), each with an optional label selector applied to"
                + " its objects.")
        List<ApiServerResource> resources,
    @Doc(
            "Keep only objects whose controller (ownerReference with controller: true) has this"
                + " apiVersion and kind; objects without a controller are left out.")
        APIVersionKind owner,
    @OneOf({ApiServerSource.REFERENCE, ApiServerSource.RESOURCE})
        @Doc(
            "The event's data: Reference (the default), the object's reference; Resource, the"
                + " whole object.")
        String mode,
    @Doc(
            "The identity that watches: on Camel K the Integration runs as this service account"
                + " (default: default), whose get/list/watch rights the operator checks;"
                + " in-process the operator's own identity watches, standalone the kubeconfig's.")
        String serviceAccountName,
    @Doc(
            "Which namespaces are watched: {} all of them; otherwise those whose labels match,"
                + " followed as namespaces change. Default: the source's own namespace.")
        LabelSelector namespaceSelector,
    @Doc(
            "Subscriptions API filters, ANDed, as a Knative Trigger's: an event that does not"
                + " match is not sent.")
        List<SubscriptionsApiFilter> filters) {}
