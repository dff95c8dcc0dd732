package io.ofnevents.runtime.trigger;

import java.time.Duration;

/** Parameters of an `ofn-trigger:` endpoint. */
public record TriggerOptions(
    String trigger,
    String operation,
    Duration window,
    boolean resetOnFire,
    String deliver,
    String store) {}
