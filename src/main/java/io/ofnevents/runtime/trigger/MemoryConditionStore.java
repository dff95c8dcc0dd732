package io.ofnevents.runtime.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Condition state in this process only, as upstream: lost on restart, not shared by replicas. */
public final class MemoryConditionStore implements ConditionStore {
  private final Duration window;
  private final boolean keepEvents;
  private final Map<String, InputState> inputs = new HashMap<>();

  public MemoryConditionStore(Duration window, boolean keepEvents) {
    this.window = window;
    this.keepEvents = keepEvents;
  }

  @Override
  public synchronized Snapshot record(
      Collection<String> names, String eventId, StoredEvent event, Instant now) {
    for (String name : names) {
      inputs.put(name, new InputState(now, eventId, null, keepEvents ? event : null));
    }
    return StateRules.snapshot(inputs, eventId, now, window);
  }

  @Override
  public synchronized Map<String, InputState> current() {
    return Map.copyOf(inputs);
  }

  @Override
  public synchronized boolean consume(Set<String> names, Snapshot snapshot) {
    Map<String, InputState> updated = StateRules.consume(inputs, names, snapshot);
    if (updated == null) return false;
    inputs.putAll(updated);
    return true;
  }
}
