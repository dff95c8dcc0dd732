package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.ofnevents.model.Reference;
import io.ofnevents.model.Resource;
import io.ofnevents.model.address.Destinations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the destination refs of a resource, of either API, from the cluster, as Knative's
 * resolver does: a Knative Service to its `status.address.url` (else `status.url`), a `v1` Service
 * that exists to `http://{name}.{namespace}.svc.cluster.local`, an OpenFunction Function (v1beta1
 * or v1beta2) to its internal address. `ref.namespace` defaults to the resource's namespace
 * (upstream documented that but did not do it). Refs to our own addressables (a Broker) are not
 * looked up here: they are the Broker's bus subject; unsupported kinds are left to validation.
 */
final class SinkRefs {
  private final KubernetesClient client;

  SinkRefs(KubernetesClient client) {
    this.client = client;
  }

  /** Thrown when a ref names nothing usable; the message is for the CR's status. */
  static final class Unresolved extends Exception {
    Unresolved(String message) {
      super(message);
    }
  }

  /** The URLs of the refs that resolved and why the others did not, keyed as the compiler reads. */
  record Resolution(Map<Reference, String> urls, Map<Reference, String> failures) {}

  /** Every ref of `r` that the cluster resolves, resolved. */
  Map<Reference, String> resolve(Resource r) throws Unresolved {
    Resolution all = resolveAll(r);
    if (!all.failures().isEmpty()) throw new Unresolved(all.failures().values().iterator().next());
    return all.urls();
  }

  /** Every ref of `r`, each resolved or with the reason it is not. */
  Resolution resolveAll(Resource r) {
    Map<Reference, String> urls = new LinkedHashMap<>();
    Map<Reference, String> failures = new LinkedHashMap<>();
    for (Destinations.Ref ref : Destinations.refsOf(r)) {
      Reference key = ref.key();
      if (urls.containsKey(key) || failures.containsKey(key)) continue;
      ResourceDefinitionContext context = context(ref);
      if (context == null) continue;
      try {
        urls.put(key, url(ref, context));
      } catch (Unresolved e) {
        failures.put(key, e.getMessage());
      }
    }
    return new Resolution(urls, failures);
  }

  private String url(Destinations.Ref ref, ResourceDefinitionContext context) throws Unresolved {
    String what = ref.describe();
    if (context.getGroup().isEmpty()) {
      if (client.services().inNamespace(ref.namespace()).withName(ref.name()).get() == null) {
        throw new Unresolved("cannot find " + what);
      }
      return "http://" + ref.name() + "." + ref.namespace() + ".svc.cluster.local";
    }
    GenericKubernetesResource target =
        client
            .genericKubernetesResources(context)
            .inNamespace(ref.namespace())
            .withName(ref.name())
            .get();
    if (target == null) throw new Unresolved("cannot find " + what);
    Map<?, ?> status =
        target.getAdditionalProperties().get("status") instanceof Map<?, ?> m ? m : Map.of();
    String url = context.getKind().equals("Service") ? knativeUrl(status) : functionUrl(status);
    if (url == null || url.isBlank()) throw new Unresolved(what + " has no address yet");
    return url;
  }

  private static String knativeUrl(Map<?, ?> status) {
    if (status.get("address") instanceof Map<?, ?> a && a.get("url") instanceof String s) return s;
    return status.get("url") instanceof String s ? s : null;
  }

  private static String functionUrl(Map<?, ?> status) {
    if (!(status.get("addresses") instanceof List<?> addresses)) return null;
    for (Object a : addresses) {
      if (a instanceof Map<?, ?> m && "Internal".equals(m.get("type"))) {
        return m.get("value") instanceof String s ? s : null;
      }
    }
    return null;
  }

  /** Where to read a ref's target; null when it is not read from the cluster here. */
  private static ResourceDefinitionContext context(Destinations.Ref ref) {
    if (ref.kind() == null || ref.group() == null || ref.name() == null) return null;
    boolean knative = ref.kind().equals("Service") && ref.group().equals("serving.knative.dev");
    boolean service = ref.kind().equals("Service") && ref.group().isEmpty();
    boolean function =
        ref.kind().equals("Function")
            && ref.group().equals("core.openfunction.io")
            && ref.apiVersion() != null
            && ref.apiVersion().matches("core\\.openfunction\\.io/v1beta[12]");
    if (!knative && !service && !function) return null;
    return new ResourceDefinitionContext.Builder()
        .withGroup(ref.group())
        // Knative serves Services as v1 only (v1alpha1 refs are read as v1, as by the loader)
        .withVersion(
            knative
                ? "v1"
                : service ? "v1" : ref.apiVersion().substring(ref.apiVersion().indexOf('/') + 1))
        .withKind(ref.kind())
        .withPlural(function ? "functions" : "services")
        .withNamespaced(true)
        .build();
  }
}
