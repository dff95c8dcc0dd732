package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.ofnevents.compile.Names;
import io.ofnevents.k8s.keda.ScaledObjects;
import io.ofnevents.model.ResourceId;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the KEDA ScaledObject of a resource's Integration as planned: applied, controlled by the
 * resource (so deleting the resource deletes it), and deleted when the plan has none.
 */
final class Scaling {
  private static final Logger LOG = LoggerFactory.getLogger(Scaling.class);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup("keda.sh")
          .withVersion("v1alpha1")
          .withKind(ScaledObjects.KIND)
          .withPlural("scaledobjects")
          .withNamespaced(true)
          .build();

  private final KubernetesClient client;

  Scaling(KubernetesClient client) {
    this.client = client;
  }

  /** What applying came to: a phrase for the Ready message, and a warning (or null). */
  record Result(String applied, String warning) {}

  /**
   * Applies `manifest` owned by `owner`, or deletes the ScaledObject when it is null.
   *
   * @throws Applier.Rejected when the API server refuses the ScaledObject
   */
  Result apply(ResourceId id, OwnerReference owner, Map<String, Object> manifest)
      throws Applier.Rejected {
    if (manifest == null) {
      delete(id);
      return new Result("", null);
    }
    var objects = client.genericKubernetesResources(CONTEXT).inNamespace(id.namespace());
    String name = Names.scaledObject(id);
    try {
      GenericKubernetesResource desired =
          SERIALIZATION.convertValue(manifest, GenericKubernetesResource.class);
      desired.getMetadata().setOwnerReferences(List.of(owner));
      GenericKubernetesResource current = objects.withName(name).get();
      if (current == null || !same(current, desired)) {
        objects.resource(desired).createOr(op -> op.update());
        LOG.info("Applied ScaledObject {}/{}", id.namespace(), name);
      }
      return new Result(", scaled by KEDA ScaledObject " + name, null);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        // No ScaledObject API: KEDA is not installed. The routes run all the same.
        return new Result(
            "",
            "scaleOption has no effect: KEDA is not installed (no keda.sh/v1alpha1 ScaledObject"
                + " in the cluster)");
      }
      if (e.getCode() == 422 || e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST) {
        throw new Applier.Rejected(
            Outcome.ERROR_SCALED_OBJECT,
            "the API server refused ScaledObject " + name + ": " + e.getStatus().getMessage());
      }
      throw e;
    }
  }

  /** Deletes the ScaledObject of `id`, if any (none at all when KEDA is not installed). */
  void delete(ResourceId id) {
    String name = Names.scaledObject(id);
    try {
      var objects = client.genericKubernetesResources(CONTEXT).inNamespace(id.namespace());
      if (!objects.withName(name).delete().isEmpty()) {
        LOG.info("Deleted ScaledObject {}/{}", id.namespace(), name);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) throw e;
    }
  }

  private static boolean same(
      GenericKubernetesResource current, GenericKubernetesResource desired) {
    return Objects.equals(
            current.getAdditionalProperties().get("spec"),
            desired.getAdditionalProperties().get("spec"))
        && Objects.equals(current.getMetadata().getLabels(), desired.getMetadata().getLabels())
        && Objects.equals(
            current.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences());
  }
}
