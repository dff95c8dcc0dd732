package io.ofnevents.model;

/** Marker for the in-process bus; it has no settings. */
public record InMemoryBusSpec() {}
