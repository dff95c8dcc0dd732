package io.ofnevents.runtime.console;

import java.util.Map;

/**
 * One event as a resource's route saw it: when its route finished (epoch ms), the EventSource event
 * or Trigger input, its CloudEvent attributes, data size (-1 when not bytes), the first bytes of
 * its data, and the outcome (`ok`, `dead-lettered`, `failed`) with the failure's message.
 */
public record RecordedEvent(
    long at,
    String detail,
    Map<String, String> attributes,
    int size,
    byte[] preview,
    String outcome,
    String error) {}
