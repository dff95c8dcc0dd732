package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Required;

/** An apiVersion and kind (an ApiServerSource's `owner`); an empty apiVersion matches any. */
public record APIVersionKind(
    @Doc("API version of the owner, e.g. apps/v1; any when empty.") String apiVersion,
    @Required @Doc("Kind of the owner, e.g. ReplicaSet.") String kind) {}
