package io.ofnevents.model;

import java.util.Arrays;
import java.util.Optional;

/** The four kinds of events.openfunction.io/v1alpha1. */
public enum Kind {
  EVENT_SOURCE("EventSource", "eventsources", true),
  EVENT_BUS("EventBus", "eventbus", true),
  CLUSTER_EVENT_BUS("ClusterEventBus", "clustereventbus", false),
  TRIGGER("Trigger", "triggers", true);

  public static final String GROUP = "events.openfunction.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private final String kindName;
  private final String plural;
  private final boolean namespaced;

  Kind(String kindName, String plural, boolean namespaced) {
    this.kindName = kindName;
    this.plural = plural;
    this.namespaced = namespaced;
  }

  /** The name as written in `kind:`. */
  public String kindName() {
    return kindName;
  }

  /** The resource plural used in API paths (upstream keeps `eventbus` singular). */
  public String plural() {
    return plural;
  }

  public boolean namespaced() {
    return namespaced;
  }

  public static Optional<Kind> byName(String name) {
    return Arrays.stream(values()).filter(k -> k.kindName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return kindName;
  }
}
