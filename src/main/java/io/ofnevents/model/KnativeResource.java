package io.ofnevents.model;

/**
 * A resource of a Knative API (eventing.knative.dev, sources.knative.dev, flows.knative.dev).
 * Non-sealed so that the records can live in {@code io.ofnevents.model.knative}: a sealed type of
 * the unnamed module may only permit types of its own package.
 */
public non-sealed interface KnativeResource extends Resource {}
