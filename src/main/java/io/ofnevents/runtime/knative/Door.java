package io.ofnevents.runtime.knative;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * Where events enter a Knative addressable of this run, whichever way they come (its ingress, a
 * reply, a source, another flow): a Broker applies Knative's ingress rules ({@link BrokerEntry}), a
 * Sequence or Parallel the TTL alone (Knative's channels add no `knativearrivaltime`), so that a
 * loop through flows ends as a loop through Brokers does.
 *
 * @param ref `namespace/name`
 */
record Door(Kind kind, String ref, KnMeters.DoorMeters meters) {
  /** The kinds of door, by the name of their endpoint parameter and meter prefix. */
  enum Kind {
    BROKER("Broker"),
    SEQUENCE("Sequence"),
    PARALLEL("Parallel");

    private final String kindName;

    Kind(String kindName) {
      this.kindName = kindName;
    }

    /** `broker`, `sequence`, `parallel`: the endpoint parameter and the meters' tag. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Applies the door's rules to the event headers `headers`: true when the event may enter, with
   * its TTL (and, at a Broker, its arrival time) set; false when its TTL ran out.
   */
  boolean admit(Map<String, Object> headers, Clock clock) {
    return kind == Kind.BROKER ? BrokerEntry.admit(headers, clock) : BrokerEntry.admitTtl(headers);
  }

  /** `Broker default/shop`, as log lines name it. */
  String describe() {
    return kind.kindName + " " + ref;
  }
}
