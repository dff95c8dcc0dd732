package io.ofnevents.k8s.operator.status;

import java.util.Optional;

/** What a kind's status may read of the cluster: other resources, from the cache when watched. */
public interface Cluster {
  /**
   * The object `apiVersion` `kind` `namespace`/`name`; empty when it does not exist.
   *
   * @throws RuntimeException when it cannot be read (reconciling is retried)
   */
  Optional<Observed> get(String apiVersion, String kind, String namespace, String name);

  /** Whether changes of that kind reconcile the resources that mention it (no need to retry). */
  boolean watches(String apiVersion, String kind);
}
