package io.ofnevents.k8s.operator.status;

import java.util.List;
import java.util.Optional;

/**
 * What a kind's status may read of the cluster: other resources, from the cache when watched; for
 * an ApiServerSource also namespaces, discovery and access reviews. Each may throw a
 * RuntimeException when the API cannot answer (reconciling is retried).
 */
public interface Cluster {
  /** The object `apiVersion` `kind` `namespace`/`name`; empty when it does not exist. */
  Optional<Observed> get(String apiVersion, String kind, String namespace, String name);

  /** Whether changes of that kind reconcile the resources that mention it (no need to retry). */
  boolean watches(String apiVersion, String kind);

  /** The names of the namespaces whose labels match `selector` (`kubectl -l` syntax), sorted. */
  List<String> namespaces(String selector);

  /** The resource `kind` of `apiVersion` is served as (`pods`), by discovery; null: not served. */
  String plural(String apiVersion, String kind);

  /**
   * Whether `user` may `verb` `resource` of API `group` in `namespace` ("": in every namespace), by
   * a SubjectAccessReview.
   */
  boolean allowed(String user, String verb, String group, String resource, String namespace);
}
