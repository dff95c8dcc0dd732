package io.ofnevents.runtime.observe;

/**
 * An endpoint whose connection may be down while its route runs (the bus, the condition state
 * store): what tells the operator that a resource whose routes started cannot work yet.
 */
public interface ConnectionAware {
  /** Which connection and why it is down (as `/health/ready` says it), null while it is up. */
  String connectionProblem();

  /**
   * Why the server refuses what this endpoint sets up although it is reachable (e.g. a subject that
   * belongs to another stream), retried: a fault of this resource's set-up, null when there is
   * none.
   */
  default String setupProblem() {
    return null;
  }
}
