package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import java.util.Map;
import java.util.Objects;

/** The custom resources we watch as the API serves them: contexts, ids, loading into the model. */
final class Resources {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Resources() {}

  static ResourceDefinitionContext context(Kind kind) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(kind.group())
        .withVersion(kind.api().version())
        .withKind(kind.kindName())
        .withPlural(kind.plural())
        .withNamespaced(kind.namespaced())
        .build();
  }

  static ResourceId id(Kind kind, GenericKubernetesResource r) {
    ObjectMeta m = r.getMetadata();
    return new ResourceId(kind, kind.namespaced() ? m.getNamespace() : null, m.getName());
  }

  static Map<?, ?> spec(GenericKubernetesResource r) {
    return r.getAdditionalProperties().get("spec") instanceof Map<?, ?> m ? m : Map.of();
  }

  static String eventBus(GenericKubernetesResource r) {
    return spec(r).get("eventBus") instanceof String s ? s : null;
  }

  /**
   * Whether a spec (part) has a destination `ref` (alone, or with a Knative `uri` relative to it),
   * which is resolved from the cluster.
   */
  static boolean hasSinkRef(Object node) {
    if (node instanceof Map<?, ?> m) {
      if (m.containsKey("ref")) return true;
      return m.values().stream().anyMatch(Resources::hasSinkRef);
    }
    return node instanceof java.util.List<?> l && l.stream().anyMatch(Resources::hasSinkRef);
  }

  /**
   * Whether an update changed what reconciling depends on: the spec, the annotations (a Broker's
   * class, a Trigger's dependency, our own `ofn-events.io/*`) or the deletion; not the status or
   * other bookkeeping.
   */
  static boolean specChanged(GenericKubernetesResource before, GenericKubernetesResource after) {
    return !Objects.equals(spec(before), spec(after))
        || !Objects.equals(
            before.getMetadata().getAnnotations(), after.getMetadata().getAnnotations())
        || !Objects.equals(
            before.getMetadata().getDeletionTimestamp(),
            after.getMetadata().getDeletionTimestamp());
  }

  /** The status of the `Ready` condition ("True", "False", "Unknown"), or null when none. */
  static String readyStatus(GenericKubernetesResource r) {
    Map<?, ?> ready = StatusWriter.readyOf(StatusWriter.status(r));
    return ready == null ? null : String.valueOf(ready.get("status"));
  }

  /**
   * Loads a resource from the API through the same strict loader as files, so an unknown or
   * mistyped field shows up in its status; status and server bookkeeping are left out.
   */
  static LoadResult load(Kind kind, GenericKubernetesResource r) {
    GenericKubernetesResource copy = new GenericKubernetesResource();
    // A served version of the kind's group (PingSource v1beta2 too) is read as written.
    String apiVersion = r.getApiVersion();
    copy.setApiVersion(
        apiVersion != null && apiVersion.startsWith(kind.group() + "/")
            ? apiVersion
            : kind.api().apiVersion());
    copy.setKind(kind.kindName());
    ObjectMeta meta = SERIALIZATION.clone(r.getMetadata());
    meta.setManagedFields(null);
    copy.setMetadata(meta);
    r.getAdditionalProperties().forEach(copy::setAdditionalProperty);
    copy.getAdditionalProperties().remove("status");
    return YamlLoader.load("cluster", SERIALIZATION.asYaml(copy), meta.getNamespace());
  }
}
