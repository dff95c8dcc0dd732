package io.ofnevents.runtime.apiserver;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * A kind as the API server's discovery describes it: its plural (used in the watch's path and the
 * event's subject) and whether its objects live in namespaces.
 */
record ResourceType(String apiVersion, String kind, String plural, boolean namespaced) {

  String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  String version() {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group())
        .withVersion(version())
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }

  /** `events`, `deployments.apps`: how kubectl and RBAC messages name it. */
  String resource() {
    return group().isEmpty() ? plural : plural + "." + group();
  }
}
