package io.ofnevents.runtime.observe;

/**
 * An endpoint whose connection may be down while its route runs (the bus, the condition state
 * store): what tells the operator that a resource whose routes started cannot work yet.
 */
public interface ConnectionAware {
  /** Which connection and why it is down (as `/health/ready` says it), null while it is up. */
  String connectionProblem();
}
