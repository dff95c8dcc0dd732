package io.ofnevents.runtime.trigger;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The state of one Trigger's inputs. Every operation is atomic per Trigger, so replicas sharing a
 * store (JetStream KV) agree on which event fired a condition.
 */
public interface ConditionStore extends AutoCloseable {
  /** Records that `inputs` received the event and returns the snapshot to evaluate against. */
  Snapshot record(Collection<String> inputs, String eventId, StoredEvent event, Instant now)
      throws Exception;

  /**
   * For resetOnFire: marks the true `inputs` of a fired condition as consumed by the snapshot's
   * event. Returns false when another event consumed one of them first (it fired instead).
   */
  boolean consume(Set<String> inputs, Snapshot snapshot) throws Exception;

  /** The inputs as they are now, without recording anything (what the console shows). */
  Map<String, InputState> current() throws Exception;

  /** Null while the store is reachable (always, in memory), else why not, for /health/ready. */
  default String downReason() {
    return null;
  }

  @Override
  default void close() {}
}
