package io.ofnevents.model.knative;

import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceSet;
import java.util.Optional;

/**
 * The event bus a Sequence or Parallel runs on, chosen as for a Broker without `spec.config`: the
 * namespace's EventBus `default`, else the ClusterEventBus `default`, else (standalone) an implicit
 * in-memory bus, which a run announces at start. Its `channelTemplate` names Knative's channel kind
 * and does not change the choice.
 *
 * @param bus the EventBus or ClusterEventBus resource, empty when implicit
 */
public record FlowBus(KnFlow flow, Optional<Resource> bus) {
  public static FlowBus of(KnFlow flow, ResourceSet all) {
    return new FlowBus(flow, BrokerBus.namespaceDefault(flow.namespace(), all));
  }

  public boolean implicitInMemory() {
    return bus.isEmpty();
  }

  /** The spec of the bus; an `inMemory` spec when it is implicit. */
  public EventBusSpec spec() {
    return bus.map(ResourceSet::specOf).orElseGet(BrokerBus::memory);
  }
}
