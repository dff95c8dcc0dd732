package io.ofnevents.runtime.parking;

import io.ofnevents.compile.Names;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.runtime.knative.FlowHop;
import io.ofnevents.runtime.observe.Meters;

/**
 * Whose parked events these are, as the `trigger` parameter of a bus consumer and the owner part of
 * a parked event's id names it ({@link Names}): an OpenFunction Trigger (`ns/name`), a Knative
 * Trigger (`ns/kn-trigger:name`), a PingSource (`ns/pingsource:name`), an ApiServerSource
 * (`ns/apiserversource:name`) or the hops of a Sequence or Parallel (`ns/sequence:name`... {@link
 * FlowHop}, whose `name` here is the whole owner). It tells where a replay goes and which counters
 * count a parking.
 */
record ParkingKey(Owner owner, String namespace, String name) {
  /** The kinds of resource that park events. */
  enum Owner {
    TRIGGER,
    KN_TRIGGER,
    PING_SOURCE,
    API_SERVER_SOURCE,
    FLOW
  }

  /** The key of `ns/owner`; the owner as in {@link Names}. */
  static ParkingKey parse(String key) {
    int slash = key.indexOf('/');
    if (slash < 1 || slash == key.length() - 1) {
      throw new IllegalArgumentException("trigger=" + key + " is not ns/name");
    }
    String ns = key.substring(0, slash);
    String rest = key.substring(slash + 1);
    if (rest.startsWith(Names.KN_TRIGGER_OWNER)) {
      return new ParkingKey(Owner.KN_TRIGGER, ns, rest.substring(Names.KN_TRIGGER_OWNER.length()));
    }
    if (rest.startsWith(Names.PING_OWNER)) {
      return new ParkingKey(Owner.PING_SOURCE, ns, rest.substring(Names.PING_OWNER.length()));
    }
    if (rest.startsWith(Names.APISERVER_OWNER)) {
      return new ParkingKey(
          Owner.API_SERVER_SOURCE, ns, rest.substring(Names.APISERVER_OWNER.length()));
    }
    if (FlowHop.parse(ns, rest, 0).isPresent()) return new ParkingKey(Owner.FLOW, ns, rest);
    return new ParkingKey(Owner.TRIGGER, ns, rest);
  }

  /** The route delivering to subscriber `index` (a Knative kind has one), where replays go. */
  String delivery(int index) {
    return switch (owner) {
      case TRIGGER -> Names.triggerSubscriberDirect(namespace, name, index);
      case KN_TRIGGER -> Names.knTriggerDeliveryDirect(namespace, name);
      case PING_SOURCE -> Names.pingDeliveryDirect(namespace, name);
      case API_SERVER_SOURCE -> Names.apiServerDeliveryDirect(namespace, name);
      case FLOW -> hop(index).deliveryDirect();
    };
  }

  private FlowHop hop(int index) {
    return FlowHop.parse(namespace, name, index).orElseThrow();
  }

  /** The parked counter's name and tags for subscriber `index`. */
  String[] parkedMeter(int index) {
    return meter(
        Meters.SUBSCRIBER_PARKED,
        Meters.KN_TRIGGER_PARKED,
        Meters.KN_PING_PARKED,
        Meters.KN_APISERVER_PARKED,
        "events.parked",
        index);
  }

  /** The replayed counter's name and tags for subscriber `index`. */
  String[] replayedMeter(int index) {
    return meter(
        Meters.SUBSCRIBER_REPLAYED,
        Meters.KN_TRIGGER_REPLAYED,
        Meters.KN_PING_REPLAYED,
        Meters.KN_APISERVER_REPLAYED,
        "events.replayed",
        index);
  }

  /** The resource whose events these are (a Sequence or Parallel for each of its hops). */
  ResourceId resource() {
    return switch (owner) {
      case TRIGGER -> new ResourceId(Kind.TRIGGER, namespace, name);
      case KN_TRIGGER -> new ResourceId(Kind.KN_TRIGGER, namespace, name);
      case PING_SOURCE -> new ResourceId(Kind.KN_PING_SOURCE, namespace, name);
      case API_SERVER_SOURCE -> new ResourceId(Kind.KN_API_SERVER_SOURCE, namespace, name);
      case FLOW -> {
        FlowHop h = hop(0);
        yield new ResourceId(
            h.sequence() ? Kind.KN_SEQUENCE : Kind.KN_PARALLEL, namespace, h.flow());
      }
    };
  }

  /**
   * The field of what subscriber `index` delivered to: `spec.subscribers[1]`, `spec.subscriber`,
   * `spec.sink`, a flow hop's `spec.steps[1]`...
   */
  String field(int index) {
    return switch (owner) {
      case TRIGGER -> "spec.subscribers[" + index + "]";
      case KN_TRIGGER -> "spec.subscriber";
      case PING_SOURCE, API_SERVER_SOURCE -> "spec.sink";
      case FLOW -> hop(index).field();
    };
  }

  /**
   * What a log line calls the owner: `Trigger ns/name`, `Trigger.eventing.knative.dev ns/name`...
   */
  String describe() {
    return switch (owner) {
      case TRIGGER -> "Trigger " + namespace + "/" + name;
      case KN_TRIGGER -> "Trigger.eventing.knative.dev " + namespace + "/" + name;
      case PING_SOURCE -> "PingSource.sources.knative.dev " + namespace + "/" + name;
      case API_SERVER_SOURCE -> "ApiServerSource.sources.knative.dev " + namespace + "/" + name;
      case FLOW -> {
        FlowHop h = hop(0);
        yield (h.sequence() ? "Sequence" : "Parallel")
            + ".flows.knative.dev "
            + namespace
            + "/"
            + h.flow();
      }
    };
  }

  private String[] meter(
      String of, String kn, String ping, String apiServer, String flow, int index) {
    return switch (owner) {
      case TRIGGER ->
          new String[] {
            of, "namespace", namespace, "trigger", name, "subscriber", String.valueOf(index)
          };
      case KN_TRIGGER -> new String[] {kn, "namespace", namespace, "trigger", name};
      case PING_SOURCE -> new String[] {ping, "namespace", namespace, "pingsource", name};
      case API_SERVER_SOURCE ->
          new String[] {apiServer, "namespace", namespace, "apiserversource", name};
      case FLOW -> {
        FlowHop h = hop(index);
        String[] tags = h.tags();
        String[] m = new String[tags.length + 1];
        m[0] = h.meter(flow);
        System.arraycopy(tags, 0, m, 1, tags.length);
        yield m;
      }
    };
  }
}
