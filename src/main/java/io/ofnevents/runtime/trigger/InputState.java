package io.ofnevents.runtime.trigger;

import java.time.Instant;

/**
 * What a Trigger remembers of one input: when its last event came, which it was, which event's
 * firing consumed it (resetOnFire), and the event itself when `deliver: all` needs it.
 */
public record InputState(
    Instant lastSeen, String lastEventId, String consumedBy, StoredEvent event) {

  /** True while the last event is within `window` of `now` and not consumed by another event. */
  public boolean isTrue(Instant now, java.time.Duration window, String forEvent) {
    if (lastSeen == null || !lastSeen.isAfter(now.minus(window))) return false;
    return consumedBy == null || consumedBy.equals(forEvent);
  }

  InputState consumedBy(String eventId) {
    return new InputState(lastSeen, lastEventId, eventId, event);
  }
}
