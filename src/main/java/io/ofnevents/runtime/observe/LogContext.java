package io.ofnevents.runtime.observe;

import org.slf4j.MDC;

/**
 * The MDC keys our log lines carry while an event is processed (shown by the PatternLayout in
 * log4j2.xml): the resource (the same keys as the operator's reconcile logs), the EventSource event
 * or the Trigger input, and the event id.
 */
public final class LogContext {
  public static final String KIND = "resource.kind";
  public static final String NAMESPACE = "resource.namespace";
  public static final String NAME = "resource.name";
  public static final String EVENT = "event";
  public static final String INPUT = "input";
  public static final String EVENT_ID = "ce.id";

  private LogContext() {}

  static void enter(RouteInfo route) {
    MDC.put(KIND, route.kind());
    MDC.put(NAMESPACE, route.namespace());
    MDC.put(NAME, route.name());
    // the other key is removed, so nothing of an earlier event on this thread is left over
    if (route.role() == RouteInfo.Role.EVENTSOURCE_EVENT) {
      MDC.put(EVENT, route.detail());
      MDC.remove(INPUT);
    } else {
      MDC.put(INPUT, route.detail());
      MDC.remove(EVENT);
    }
  }

  static void leave() {
    MDC.remove(KIND);
    MDC.remove(NAMESPACE);
    MDC.remove(NAME);
    MDC.remove(EVENT);
    MDC.remove(INPUT);
  }

  /** Puts the event id, once a source's event has one (stamped after the route began). */
  public static void eventId(String id) {
    if (id != null) MDC.put(EVENT_ID, id);
  }
}
