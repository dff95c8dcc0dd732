package io.ofnevents.runtime.trigger;

import java.util.Map;

/**
 * The state a Trigger's conditions are evaluated against for one event: taken once, right after the
 * event was recorded, so every subscriber of that event sees the same inputs.
 */
public record Snapshot(
    String eventId, Map<String, Boolean> truth, Map<String, InputState> inputs) {}
