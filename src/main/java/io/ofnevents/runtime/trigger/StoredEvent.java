package io.ofnevents.runtime.trigger;

import java.util.Map;

/** An event as kept by the condition state for `deliver: all`: its CloudEvent headers and data. */
public record StoredEvent(Map<String, String> headers, byte[] body) {
  public StoredEvent {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }
}
