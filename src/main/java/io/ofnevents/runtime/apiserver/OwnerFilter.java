package io.ofnevents.runtime.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;

/**
 * `spec.owner`: only objects whose controller (the ownerReference with `controller: true`) has this
 * apiVersion and kind; an empty part matches any. Objects without a controller never match, as in
 * Knative's adapter.
 */
record OwnerFilter(String apiVersion, String kind) {
  /** The route's `owner` parameter, `APIVERSION/KIND` (`apps/v1/ReplicaSet`, `/Job`). */
  static OwnerFilter parse(String text) {
    if (text == null) return null;
    int slash = text.lastIndexOf('/');
    if (slash < 0) return new OwnerFilter("", text);
    return new OwnerFilter(text.substring(0, slash), text.substring(slash + 1));
  }

  boolean matches(HasMetadata object) {
    if (object.getMetadata().getOwnerReferences() == null) return false;
    for (OwnerReference o : object.getMetadata().getOwnerReferences()) {
      if (!Boolean.TRUE.equals(o.getController())) continue;
      return (apiVersion.isEmpty() || apiVersion.equals(o.getApiVersion()))
          && (kind.isEmpty() || kind.equals(o.getKind()));
    }
    return false;
  }
}
