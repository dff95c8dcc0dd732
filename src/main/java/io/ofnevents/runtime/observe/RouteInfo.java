package io.ofnevents.runtime.observe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which resource a generated route belongs to, read from the description the compiler gives it
 * ("EventSource ns/name: kafka event e", "Trigger ns/name: input a, b from topic t", "Trigger
 * ns/name: conditions and subscribers", "Trigger ns/name: delivery to subscriber 0"); Kubernetes
 * names contain neither '/' nor ':' nor spaces, so this is unambiguous. {@code RouteInfoTest} keeps
 * it in step with the compiler.
 */
public record RouteInfo(Role role, String kind, String namespace, String name, String detail) {
  /** What the route does for its resource. */
  public enum Role {
    EVENTSOURCE_EVENT,
    TRIGGER_INPUT,
    TRIGGER_CONDITIONS,
    /** The delivery of a Trigger subscriber (detail: its index); also where replays go. */
    TRIGGER_SUBSCRIBER
  }

  private static final Pattern RESOURCE =
      Pattern.compile("(EventSource|Trigger) ([^/ ]+)/([^: ]+): (.*)");
  private static final Pattern EVENT = Pattern.compile("\\S+ event (\\S+)");
  private static final Pattern INPUT = Pattern.compile("input (.+) from topic \\S+");
  private static final Pattern SUBSCRIBER = Pattern.compile("delivery to subscriber (\\d+)");

  /** The route's resource, or null for a route that is not generated from one (Kamelets...). */
  public static RouteInfo of(String description) {
    if (description == null) return null;
    Matcher m = RESOURCE.matcher(description);
    if (!m.matches()) return null;
    String kind = m.group(1);
    String rest = m.group(4);
    Matcher e = EVENT.matcher(rest);
    if (kind.equals("EventSource") && e.matches()) {
      return new RouteInfo(Role.EVENTSOURCE_EVENT, kind, m.group(2), m.group(3), e.group(1));
    }
    Matcher i = INPUT.matcher(rest);
    if (kind.equals("Trigger") && i.matches()) {
      String inputs = i.group(1).replace(", ", ",");
      return new RouteInfo(Role.TRIGGER_INPUT, kind, m.group(2), m.group(3), inputs);
    }
    if (kind.equals("Trigger") && rest.equals("conditions and subscribers")) {
      return new RouteInfo(Role.TRIGGER_CONDITIONS, kind, m.group(2), m.group(3), null);
    }
    Matcher s = SUBSCRIBER.matcher(rest);
    if (kind.equals("Trigger") && s.matches()) {
      return new RouteInfo(Role.TRIGGER_SUBSCRIBER, kind, m.group(2), m.group(3), s.group(1));
    }
    return null;
  }
}
