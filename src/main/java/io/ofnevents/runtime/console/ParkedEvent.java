package io.ofnevents.runtime.console;

import java.time.Instant;
import java.util.Map;

/**
 * A parked event as the console shows it: its id, where it was parked (`input` name or `subscriber
 * N`), when and why, its CloudEvent attributes and its data size.
 */
public record ParkedEvent(
    String id,
    String where,
    Instant parkedAt,
    String reason,
    Map<String, String> attributes,
    int size) {}
