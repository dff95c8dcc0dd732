package io.ofnevents.k8s.operator.status;

import io.ofnevents.model.Resource;
import java.util.List;
import java.util.Map;

/**
 * How the operator reports one Knative kind: the conditions its `Ready` is made of and the status
 * fields it writes. A new kind is a class implementing this plus one line in the operator's table
 * of watched kinds (`Watched.KINDS`); what every kind shares (a spec Knative's webhook would
 * refuse, `observedGeneration`, transition times, writing only what changed) is done around it.
 */
public interface KindStatus {
  /** The conditions besides Ready, e.g. BrokerReady, SubscriberResolved... */
  List<String> conditions();

  /**
   * The fields the spec may not change once accepted, as Knative's webhook refuses (a Broker's
   * class and `spec.config`, a Trigger's `spec.broker`): field path → value as accepted (kept in
   * `status.annotations["ofn-events.io/accepted"]`).
   */
  default Map<String, String> immutable(Resource r) {
    return Map.of();
  }

  /**
   * Marks what resolving the resource found (its Broker, destinations, dependencies); returns
   * whether it can run. When it cannot, nothing is applied and what it ran before keeps running.
   */
  boolean resolved(Findings f, KnStatus s);

  /** Marks where its routes stand once applied. */
  void running(Findings f, Run run, KnStatus s);

  /** Whether to look again later by itself: what it waits for is not watched. */
  default boolean retry(Findings f, KnStatus s) {
    return false;
  }
}
