package io.ofnevents.k8s.operator.status;

import io.ofnevents.compile.knative.KnativePlans;
import io.ofnevents.model.Reference;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.address.Destinations;
import io.ofnevents.model.address.Target;
import io.ofnevents.model.knative.Destination;
import java.util.Map;
import java.util.Optional;

/**
 * What reconciling one Knative resource found, for its kind's status.
 *
 * @param resource the resource as loaded
 * @param inputs what it was planned with: itself, the Brokers and buses of its namespaces
 * @param plans the resolved plans of the inputs (names, destinations, defaults)
 * @param addressing how its destinations resolve (what the operator read from the cluster)
 * @param unresolved the refs the cluster could not resolve, with why
 * @param invalid the inputs (buses) that do not validate, with their errors
 * @param cluster other resources (its Broker, its dependency)
 * @param address where this resource is reached (`status.address.url` of an addressable kind), null
 *     for the others
 * @param sharedBus whether all routes run in one process, so an in-memory bus connects them
 */
public record Findings(
    Resource resource,
    ResourceSet inputs,
    KnativePlans plans,
    Addressing addressing,
    Map<Reference, String> unresolved,
    Map<ResourceId, String> invalid,
    Cluster cluster,
    String address,
    boolean sharedBus) {

  /**
   * Whether events can go onto Broker `id`'s bus: the Broker was planned (it is valid) and its bus
   * is there and valid. A resource reading or writing a Broker that cannot is not applied, lest it
   * run on a fallback bus.
   */
  public boolean brokerUsable(ResourceId id) {
    var plan = plans.brokers().get(id);
    if (plan == null
        || plan.bus().how() == io.ofnevents.model.knative.BrokerBus.How.CONFIG_NOT_FOUND) {
      return false;
    }
    return plan.bus().bus().map(b -> !invalid.containsKey(b.id())).orElse(true);
  }

  /** A destination resolved to a URL, or why it is not. */
  public record Resolved(String url, String error) {
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * Where `d` sends events: an HTTP URL, or for one of our addressables (a Broker) its
   * `status.address.url`, as Knative's resolver answers.
   */
  public Resolved resolve(Destination d) {
    String ns = resource.namespace();
    if (d.ref() != null) {
      String why = unresolved.get(Destinations.Ref.of(d.ref(), ns).key());
      if (why != null) return new Resolved(null, why);
    }
    Target t = Destinations.resolve(d, ns, inputs, addressing);
    if (t instanceof Target.Url u) return new Resolved(u.url(), null);
    if (t instanceof Target.Unresolved u) return new Resolved(null, u.message());
    ResourceId id = ((Target.Addressable) t).resource();
    Optional<Observed> target =
        cluster.get(id.kind().api().apiVersion(), id.kind().kindName(), id.namespace(), id.name());
    if (target.isEmpty()) return new Resolved(null, id + " does not exist");
    String url = target.get().addressUrl();
    return url == null ? new Resolved(null, "address not set for " + id) : new Resolved(url, null);
  }
}
