package io.ofnevents.k8s.operator.status;

/**
 * Where a resource's routes stand once applied: running (in Camel K mode: the Integration is
 * applied), waiting to be started, failed to start, or running while a connection they need is down
 * (in-process only), with a sentence saying so.
 */
public record Run(State state, String message) {
  /** The states of a resource's routes. */
  public enum State {
    RUNNING,
    PENDING,
    FAILED,
    UNAVAILABLE
  }

  /** Why a condition that follows the routes is not True (the same reason for every kind). */
  public static final String PENDING_REASON = "PendingCreation";

  public static final String UNAVAILABLE_REASON = "ConnectionUnavailable";

  /**
   * Marks `type` from this run: True when running, Unknown while pending, False with `failed` as
   * reason when the routes failed to start, False with {@link #UNAVAILABLE_REASON} while a
   * connection is down.
   */
  public void mark(KnStatus s, String type, String failed) {
    switch (state) {
      case RUNNING -> s.markTrue(type);
      case PENDING -> s.markUnknown(type, PENDING_REASON, message);
      case FAILED -> s.markFalse(type, failed, message);
      case UNAVAILABLE -> s.markFalse(type, UNAVAILABLE_REASON, message);
    }
  }
}
