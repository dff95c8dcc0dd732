package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ofnevents.k8s.camelk.KameletFactory;
import io.ofnevents.k8s.camelk.Labels;
import io.ofnevents.model.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import org.apache.camel.v1.Kamelet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kamelets are shared by every resource of a namespace that uses them, so each user is a
 * (non-controller) owner: a Kamelet is applied with its users as owners, and deleted when its last
 * user stops using it or goes away.
 */
final class KameletOwners {
  private static final Logger LOG = LoggerFactory.getLogger(KameletOwners.class);

  private final KubernetesClient client;

  KameletOwners(KubernetesClient client) {
    this.client = client;
  }

  /** Makes `owner` an owner of exactly the Kamelets in `used` in `namespace`. */
  void own(String namespace, OwnerReference owner, SortedSet<String> used) {
    var kamelets = client.resources(Kamelet.class).inNamespace(namespace);
    for (String name : used) {
      Kamelet current = kamelets.withName(name).get();
      List<OwnerReference> owners = new ArrayList<>();
      if (current != null && current.getMetadata().getOwnerReferences() != null) {
        owners.addAll(current.getMetadata().getOwnerReferences());
      }
      owners.removeIf(o -> sameOwner(o, owner));
      owners.add(owner);
      owners.sort(java.util.Comparator.comparing(o -> o.getKind() + "/" + o.getName()));
      Kamelet desired = KameletFactory.kamelet(name, namespace);
      desired.getMetadata().setOwnerReferences(owners);
      if (current == null
          || !Objects.equals(current.getSpec(), desired.getSpec())
          || !owners.equals(current.getMetadata().getOwnerReferences())) {
        kamelets.resource(desired).createOr(op -> op.update());
      }
    }
    for (Kamelet k : ours(namespace)) {
      if (!used.contains(k.getMetadata().getName())) {
        drop(k, group(owner.getApiVersion()), owner.getKind(), owner.getName());
      }
    }
  }

  /** `id` no longer uses any Kamelet. */
  void release(ResourceId id) {
    for (Kamelet k : ours(id.namespace()))
      drop(k, id.kind().group(), id.kind().kindName(), id.name());
  }

  private List<Kamelet> ours(String namespace) {
    return client
        .resources(Kamelet.class)
        .inNamespace(namespace)
        .withLabel(Labels.MANAGED_BY, Labels.MANAGER)
        .list()
        .getItems();
  }

  private void drop(Kamelet k, String group, String kind, String name) {
    List<OwnerReference> owners = new ArrayList<>();
    if (k.getMetadata().getOwnerReferences() != null)
      owners.addAll(k.getMetadata().getOwnerReferences());
    if (!owners.removeIf(
        o ->
            group.equals(group(o.getApiVersion()))
                && kind.equals(o.getKind())
                && name.equals(o.getName()))) return;
    var resource = client.resources(Kamelet.class).inNamespace(k.getMetadata().getNamespace());
    if (owners.isEmpty()) {
      resource.withName(k.getMetadata().getName()).delete();
      LOG.info(
          "Deleted Kamelet {}/{}: no user left",
          k.getMetadata().getNamespace(),
          k.getMetadata().getName());
    } else {
      k.getMetadata().setOwnerReferences(owners);
      resource.resource(k).update();
    }
  }

  /** Two kinds may share a name (an OpenFunction and a Knative `Trigger`): the group tells. */
  private static boolean sameOwner(OwnerReference a, OwnerReference b) {
    return group(a.getApiVersion()).equals(group(b.getApiVersion()))
        && a.getKind().equals(b.getKind())
        && a.getName().equals(b.getName());
  }

  private static String group(String apiVersion) {
    if (apiVersion == null) return "";
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
