package io.ofnevents.k8s.camelk;

import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Problem;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.knative.Broker;
import io.ofnevents.model.knative.BrokerBus;
import io.ofnevents.model.knative.FlowBus;
import io.ofnevents.model.knative.KnFlow;
import io.ofnevents.model.knative.KnTrigger;
import io.ofnevents.model.knative.PingSource;
import java.util.Optional;

/**
 * What `export` says about the Knative kinds: their Integrations are the routes `compile` writes,
 * and, as for the OpenFunction kinds, a bus that is in-memory (here also the implicit one of a
 * namespace without an EventBus `default`) connects nothing across Integrations.
 */
public final class KnativeExport {
  private KnativeExport() {}

  /** The warning for `r` when its bus is in-memory (the operator's Camel K mode says it too). */
  public static Optional<Problem> inMemoryBus(ResourceSet all, Resource r, String origin) {
    EventBusSpec bus = busOf(all, r);
    if (bus == null || bus.inMemory() == null) return Optional.empty();
    return Optional.of(
        Problem.warning(
            origin,
            0,
            r.id(),
            r instanceof Broker ? "spec.config" : null,
            "the bus it uses is in-memory (no EventBus default in the namespace, nor a"
                + " ClusterEventBus default), which each Camel K Integration (its own pod) has to"
                + " itself: give the namespace a nats EventBus named default"
                + (r instanceof Broker || r instanceof KnTrigger
                    ? ", or name one in the Broker's spec.config"
                    : "")));
  }

  private static EventBusSpec busOf(ResourceSet all, Resource r) {
    if (r instanceof Broker b) return BrokerBus.of(b, all).spec();
    if (r instanceof KnTrigger t) {
      return all.get(new ResourceId(Kind.KN_BROKER, t.namespace(), t.brokerName()))
          .map(b -> BrokerBus.of((Broker) b, all).spec())
          .orElse(null);
    }
    if (r instanceof PingSource p) return BrokerBus.namespaceDefaultSpec(p.namespace(), all);
    if (r instanceof KnFlow f) return FlowBus.of(f, all).spec();
    return null;
  }
}
