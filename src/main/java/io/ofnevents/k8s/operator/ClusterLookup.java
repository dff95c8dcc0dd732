package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ofnevents.k8s.operator.status.Cluster;
import io.ofnevents.k8s.operator.status.Observed;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.knative.Selectors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Other resources for a kind's status: from the cache for the kinds we watch (their changes
 * reconcile whoever mentions them), from the API for the others (a dependency on a source we do not
 * serve), whose plural fabric8 finds by discovery. Namespaces, discovery and SubjectAccessReviews
 * (authorization.k8s.io/v1, which the operator's RBAC lets it create) are asked of the API each
 * time: an ApiServerSource is reconciled rarely, and a cache of RBAC answers would hide a new
 * RoleBinding.
 */
record ClusterLookup(KubernetesClient client, ClusterCache cache) implements Cluster {
  @Override
  public Optional<Observed> get(String apiVersion, String kind, String namespace, String name) {
    Kind k = watched(apiVersion, kind);
    GenericKubernetesResource r =
        k != null
            ? cache.get(new ResourceId(k, namespace, name)).orElse(null)
            : client
                .genericKubernetesResources(apiVersion, kind)
                .inNamespace(namespace)
                .withName(name)
                .get();
    if (r == null) return Optional.empty();
    return Optional.of(new Observed(r.getMetadata().getGeneration(), StatusWriter.status(r)));
  }

  @Override
  public boolean watches(String apiVersion, String kind) {
    return watched(apiVersion, kind) != null;
  }

  @Override
  public List<String> namespaces(String selector) {
    Predicate<Map<String, String>> matches = Selectors.parse(selector);
    return client.namespaces().list().getItems().stream()
        .filter(n -> matches.test(n.getMetadata().getLabels()))
        .map(n -> n.getMetadata().getName())
        .sorted()
        .toList();
  }

  @Override
  public String plural(String apiVersion, String kind) {
    APIResourceList list;
    try {
      list = client.getApiResources(apiVersion);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return null;
      throw e;
    }
    if (list == null || list.getResources() == null) return null;
    return list.getResources().stream()
        // subresources (pods/status) carry the kind of their parent
        .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
        .map(APIResource::getName)
        .findFirst()
        .orElse(null);
  }

  @Override
  public boolean allowed(
      String user, String verb, String group, String resource, String namespace) {
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(user)
            .withNewResourceAttributes()
            .withNamespace(namespace)
            .withVerb(verb)
            .withGroup(group)
            .withResource(resource)
            .endResourceAttributes()
            .endSpec()
            .build();
    SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(review);
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }

  private Kind watched(String apiVersion, String kind) {
    if (apiVersion == null || kind == null) return null;
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return Kind.of(group, kind).filter(cache::watches).orElse(null);
  }
}
