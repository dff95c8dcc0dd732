package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.ofnevents.model.Kind;
import io.ofnevents.model.knative.Broker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Knative kinds the cluster serves, found by API discovery, and whose CRDs serve them. With
 * ours (`k8s/crds/knative/`, labelled `app.kubernetes.io/part-of: ofn-events`, for clusters without
 * Knative) every Broker, Trigger, PingSource, ApiServerSource, Sequence and Parallel is ours. With
 * Knative Eventing's own CRDs its controllers run too, so ofn-events is one Broker class among
 * others, as Knative's Kafka broker is: it serves the Brokers of class {@link Broker#OFN_CLASS} and
 * their Triggers, and leaves every other Broker, Trigger, every source (its controller would run an
 * adapter of its own: each change would be sent twice) and every Sequence and Parallel (flows have
 * no class: Knative's flow controllers serve them all) to Knative. CRDs created later are seen by
 * an informer on CustomResourceDefinitions.
 */
final class KnativeApis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KnativeApis.class);
  static final String PART_OF = "app.kubernetes.io/part-of";

  /** Who installed the CRD of a kind. */
  enum Owner {
    /** Ours: no Knative in the cluster, every resource of the kind is ours. */
    OFN_EVENTS,
    /** Knative Eventing's own: only our Broker class is ours. */
    KNATIVE
  }

  private final KubernetesClient client;
  private final Map<Kind, Owner> served = new ConcurrentHashMap<>();
  private SharedIndexInformer<CustomResourceDefinition> crds;

  KnativeApis(KubernetesClient client) {
    this.client = client;
  }

  /** The kinds of `candidates` the API server serves now, each with its CRD's owner recorded. */
  List<Kind> discover(Collection<Kind> candidates) {
    List<Kind> found = new ArrayList<>();
    Map<String, APIResourceList> lists = new java.util.HashMap<>();
    for (Kind kind : candidates) {
      String gv = kind.api().apiVersion();
      APIResourceList list = lists.computeIfAbsent(gv, this::resources);
      boolean listed =
          list != null
              && list.getResources() != null
              && list.getResources().stream().anyMatch(r -> kind.plural().equals(r.getName()));
      if (listed) {
        served.put(kind, crdOwner(kind));
        found.add(kind);
      }
    }
    return found;
  }

  /** Whose CRD serves `kind`; null when the cluster does not serve it. */
  Owner owner(Kind kind) {
    return served.get(kind);
  }

  /**
   * Tells `appeared` the name of every CustomResourceDefinition added or changed from now on (a
   * Knative CRD installed after the operator started). Without the right to watch CRDs only those
   * present at start are served (a warning says so).
   */
  void watchCrds(Consumer<String> appeared) {
    try {
      crds =
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(CustomResourceDefinition crd) {
                      appeared.accept(crd.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(
                        CustomResourceDefinition before, CustomResourceDefinition after) {
                      appeared.accept(after.getMetadata().getName());
                    }

                    @Override
                    public void onDelete(CustomResourceDefinition crd, boolean unknown) {}
                  },
                  0);
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Cannot watch CustomResourceDefinitions ({}): Knative CRDs installed from now on are"
              + " served after a restart of the operator",
          e.getMessage());
    }
  }

  /** The kind among `candidates` whose CRD is named `crd` (`{plural}.{group}`), or null. */
  static Kind kindOfCrd(String crd, Collection<Kind> candidates) {
    return candidates.stream()
        .filter(k -> (k.plural() + "." + k.group()).equals(crd))
        .findFirst()
        .orElse(null);
  }

  private APIResourceList resources(String groupVersion) {
    try {
      return client.getApiResources(groupVersion);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return null;
      throw e;
    }
  }

  /**
   * Ours when the CRD carries our label; Knative's otherwise, also when it cannot be read: never
   * serving a Broker that Knative's controllers serve is the safe side.
   */
  private Owner crdOwner(Kind kind) {
    String name = kind.plural() + "." + kind.group();
    try {
      CustomResourceDefinition crd =
          client.apiextensions().v1().customResourceDefinitions().withName(name).get();
      if (crd != null
          && crd.getMetadata().getLabels() != null
          && "ofn-events".equals(crd.getMetadata().getLabels().get(PART_OF))) {
        LOG.info("Serving every {} (the CRD {} is ofn-events')", kind, name);
        return Owner.OFN_EVENTS;
      }
    } catch (KubernetesClientException e) {
      LOG.warn("Cannot read the CRD {} ({}): taking it for Knative's own", name, e.getMessage());
    }
    if (kind == Kind.KN_BROKER || kind == Kind.KN_TRIGGER) {
      LOG.info(
          "Knative Eventing serves {} (its CRD {}): ofn-events serves only Brokers of class {} and"
              + " their Triggers",
          kind,
          name,
          Broker.OFN_CLASS);
    } else {
      LOG.info("Knative Eventing serves {} (its CRD {}): ofn-events leaves them to it", kind, name);
    }
    return Owner.KNATIVE;
  }

  @Override
  public void close() {
    if (crds != null) crds.stop();
  }
}
