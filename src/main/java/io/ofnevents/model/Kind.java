package io.ofnevents.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every kind ofn-events runs, of every API it serves: the four of events.openfunction.io/v1alpha1
 * and the Knative ones. Two APIs may use the same kind name (`Trigger`), so a kind is identified by
 * its API group and name together; {@link #displayName()} keeps messages unambiguous.
 */
public enum Kind {
  EVENT_SOURCE(Api.OPENFUNCTION, "EventSource", "eventsources", true),
  EVENT_BUS(Api.OPENFUNCTION, "EventBus", "eventbus", true),
  CLUSTER_EVENT_BUS(Api.OPENFUNCTION, "ClusterEventBus", "clustereventbus", false),
  TRIGGER(Api.OPENFUNCTION, "Trigger", "triggers", true),
  KN_BROKER(Api.KNATIVE_EVENTING, "Broker", "brokers", true),
  KN_TRIGGER(Api.KNATIVE_EVENTING, "Trigger", "triggers", true),
  KN_PING_SOURCE(Api.KNATIVE_SOURCES, "PingSource", "pingsources", true),
  KN_SEQUENCE(Api.KNATIVE_FLOWS, "Sequence", "sequences", true),
  KN_PARALLEL(Api.KNATIVE_FLOWS, "Parallel", "parallels", true),
  KN_API_SERVER_SOURCE(Api.KNATIVE_SOURCES, "ApiServerSource", "apiserversources", true);

  /** The OpenFunction Events group, version and apiVersion (the original API of this project). */
  public static final String GROUP = Api.OPENFUNCTION.group();

  public static final String VERSION = Api.OPENFUNCTION.version();
  public static final String API_VERSION = Api.OPENFUNCTION.apiVersion();

  private final Api api;
  private final String kindName;
  private final String plural;
  private final boolean namespaced;

  Kind(Api api, String kindName, String plural, boolean namespaced) {
    this.api = api;
    this.kindName = kindName;
    this.plural = plural;
    this.namespaced = namespaced;
  }

  public Api api() {
    return api;
  }

  public String group() {
    return api.group();
  }

  /** The name as written in `kind:`. */
  public String kindName() {
    return kindName;
  }

  /**
   * The name used in messages: the kind name for OpenFunction kinds (as always), `Kind.group` for
   * the others, as kubectl writes them (`Trigger.eventing.knative.dev default/x`).
   */
  public String displayName() {
    return api.qualifiedInMessages() ? kindName + "." + api.group() : kindName;
  }

  /** The resource plural used in API paths (upstream keeps `eventbus` singular). */
  public String plural() {
    return plural;
  }

  public boolean namespaced() {
    return namespaced;
  }

  public boolean isKnative() {
    return api != Api.OPENFUNCTION;
  }

  /** The OpenFunction kind named `name` (the kinds the operator watches today). */
  public static Optional<Kind> byName(String name) {
    return openFunction().stream().filter(k -> k.kindName.equals(name)).findFirst();
  }

  /** The kind `name` of API group `group`. */
  public static Optional<Kind> of(String group, String name) {
    return Arrays.stream(values())
        .filter(k -> k.group().equals(group) && k.kindName.equals(name))
        .findFirst();
  }

  /** The kinds of one API, in declaration order. */
  public static List<Kind> of(Api api) {
    return Arrays.stream(values()).filter(k -> k.api == api).toList();
  }

  public static List<Kind> openFunction() {
    return of(Api.OPENFUNCTION);
  }

  @Override
  public String toString() {
    return displayName();
  }
}
