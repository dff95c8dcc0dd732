package io.ofnevents.model;

import io.ofnevents.model.knative.ApiServerSource;
import io.ofnevents.model.knative.Broker;
import io.ofnevents.model.knative.KnFlow;
import io.ofnevents.model.knative.KnTrigger;
import io.ofnevents.model.knative.Parallel;
import io.ofnevents.model.knative.PingSource;
import io.ofnevents.model.knative.Sequence;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A consistent set of resources with the bus lookup of upstream: `spec.eventBus: X` is the EventBus
 * X of the resource's namespace, else the ClusterEventBus X.
 */
public final class ResourceSet {
  private final Map<ResourceId, Resource> byId;

  private ResourceSet(Map<ResourceId, Resource> byId) {
    this.byId = byId;
  }

  /** The set of `resources`; for duplicate ids the last one wins (validation reports them). */
  public static ResourceSet of(Collection<? extends Resource> resources) {
    return new ResourceSet(
        resources.stream()
            .collect(
                Collectors.toMap(Resource::id, Function.identity(), (a, b) -> b, TreeMap::new)));
  }

  public List<Resource> all() {
    return List.copyOf(byId.values());
  }

  public Optional<Resource> get(ResourceId id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<EventSource> eventSources() {
    return ofType(EventSource.class);
  }

  public List<Trigger> triggers() {
    return ofType(Trigger.class);
  }

  public List<Broker> brokers() {
    return ofType(Broker.class);
  }

  /** The Knative Triggers (not the OpenFunction ones, {@link #triggers()}). */
  public List<KnTrigger> knTriggers() {
    return ofType(KnTrigger.class);
  }

  public List<PingSource> pingSources() {
    return ofType(PingSource.class);
  }

  public List<Sequence> sequences() {
    return ofType(Sequence.class);
  }

  public List<Parallel> parallels() {
    return ofType(Parallel.class);
  }

  /** The Sequences and Parallels. */
  public List<KnFlow> flows() {
    return ofType(KnFlow.class);
  }

  public List<ApiServerSource> apiServerSources() {
    return ofType(ApiServerSource.class);
  }

  /** Every resource of a Knative API. */
  public List<KnativeResource> knative() {
    return ofType(KnativeResource.class);
  }

  /** The bus named `name` as seen from `namespace`: the namespaced EventBus wins. */
  public Optional<Resource> findBus(String namespace, String name) {
    if (name == null) return Optional.empty();
    Resource namespaced = byId.get(new ResourceId(Kind.EVENT_BUS, namespace, name));
    if (namespaced != null) return Optional.of(namespaced);
    return Optional.ofNullable(byId.get(new ResourceId(Kind.CLUSTER_EVENT_BUS, null, name)));
  }

  /** The spec of the bus a resource with `spec.eventBus` uses. */
  public Optional<EventBusSpec> busSpec(String namespace, String name) {
    return findBus(namespace, name).map(ResourceSet::specOf);
  }

  public static EventBusSpec specOf(Resource bus) {
    if (bus instanceof EventBus b) return b.spec();
    if (bus instanceof ClusterEventBus b) return b.spec();
    throw new IllegalArgumentException(bus.id() + " is not a bus");
  }

  private <T> List<T> ofType(Class<T> type) {
    return byId.values().stream().filter(type::isInstance).map(type::cast).toList();
  }
}
