package io.ofnevents.model;

/** One input of a Trigger: an event of an EventSource. */
public record Input(
    @Doc("Namespace of the EventSource (default: the Trigger's).") String namespace,
    @Required @Doc("EventSource name.") String eventSource,
    @Required @Doc("Event name (a key under a source kind of that EventSource).") String event) {}
