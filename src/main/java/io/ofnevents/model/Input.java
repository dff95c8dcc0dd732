package io.ofnevents.model;

import io.ofnevents.model.knative.TriggerFilter;

/**
 * One input of a Trigger: an event of an EventSource, or (ofn-events) the events of a Knative
 * Broker that match `filter`, so that a condition can join Broker events with other inputs.
 */
public record Input(
    @Doc("Namespace of the EventSource or Broker (default: the Trigger's).") String namespace,
    @Doc("EventSource name (with event; or give broker).") String eventSource,
    @Doc("Event name (a key under a source kind of that EventSource).") String event,
    @Doc("Knative Broker whose events this input reads (ofn-events; instead of eventSource).")
        String broker,
    @Doc("Attributes the Broker's events must have, as a Knative Trigger's filter (with broker).")
        TriggerFilter filter) {

  /** An input of an EventSource event. */
  public Input(String namespace, String eventSource, String event) {
    this(namespace, eventSource, event, null, null);
  }

  /** Whether it reads a Broker rather than an EventSource event. */
  public boolean readsBroker() {
    return broker != null;
  }
}
