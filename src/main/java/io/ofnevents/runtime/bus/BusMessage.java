package io.ofnevents.runtime.bus;

import java.util.Map;

/**
 * An event on the bus: CloudEvent headers (binary mode), the data bytes, and the id the bus
 * de-duplicates on (the `ce-id`, scoped when a Trigger republishes the same event).
 */
public record BusMessage(Map<String, String> headers, byte[] body, String dedupId) {
  public BusMessage {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  public String id() {
    return headers.get("ce-id");
  }
}
