package io.ofnevents.runtime.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The condition-state semantics, shared by every store so they cannot drift apart. */
final class StateRules {
  private StateRules() {}

  static Snapshot snapshot(
      Map<String, InputState> inputs, String eventId, Instant now, Duration window) {
    Map<String, Boolean> truth = new HashMap<>();
    inputs.forEach((name, state) -> truth.put(name, state.isTrue(now, window, eventId)));
    return new Snapshot(eventId, Map.copyOf(truth), Map.copyOf(inputs));
  }

  /**
   * The inputs to update when the snapshot's event consumes `names`, or null when another event
   * already consumed the very event one of them held. An input that got a newer event since the
   * snapshot is left alone: that newer event was not part of this firing.
   */
  static Map<String, InputState> consume(
      Map<String, InputState> current, Set<String> names, Snapshot s) {
    Map<String, InputState> updated = new HashMap<>();
    for (String name : names) {
      if (!Boolean.TRUE.equals(s.truth().get(name))) continue;
      InputState now = current.get(name);
      InputState then = s.inputs().get(name);
      if (now == null || then == null || !now.lastEventId().equals(then.lastEventId())) continue;
      if (now.consumedBy() != null && !now.consumedBy().equals(s.eventId())) return null;
      updated.put(name, now.consumedBy(s.eventId()));
    }
    return updated;
  }
}
