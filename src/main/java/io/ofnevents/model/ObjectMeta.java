package io.ofnevents.model;

import java.util.List;
import java.util.Map;

/**
 * Kubernetes object metadata. Only name and namespace matter to the compiler; the other standard
 * fields are accepted so that `kubectl get -o yaml` output loads unchanged.
 */
public record ObjectMeta(
    @Required @Doc("Resource name (DNS-1123 subdomain).") String name,
    @Doc("Namespace; `run --namespace` (default `default`) applies when absent.") String namespace,
    Map<String, String> labels,
    Map<String, String> annotations,
    String generateName,
    String uid,
    String resourceVersion,
    Long generation,
    String creationTimestamp,
    String deletionTimestamp,
    Long deletionGracePeriodSeconds,
    List<String> finalizers,
    List<Object> ownerReferences,
    List<Object> managedFields,
    String selfLink) {

  public static ObjectMeta of(String name, String namespace) {
    return new ObjectMeta(
        name, namespace, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  public ObjectMeta withNamespace(String ns) {
    return new ObjectMeta(
        name,
        ns,
        labels,
        annotations,
        generateName,
        uid,
        resourceVersion,
        generation,
        creationTimestamp,
        deletionTimestamp,
        deletionGracePeriodSeconds,
        finalizers,
        ownerReferences,
        managedFields,
        selfLink);
  }
}
