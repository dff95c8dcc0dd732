package io.ofnevents.display;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ofnevents.runtime.cloudevents.Binding;
import java.io.IOException;
import java.util.Map;

/**
 * Whether a structured-mode request carried its data as base64 (`data_base64`, or 0.3's
 * `datacontentencoding: base64`), which Knative's event_display prints under `Data (binary),`.
 */
final class Base64Data {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Base64Data() {}

  static boolean of(Map<String, String> headers, byte[] body) {
    String ct = null;
    for (var e : headers.entrySet())
      if (e.getKey().equalsIgnoreCase("content-type")) ct = e.getValue();
    if (Binding.mode(ct) != Binding.Mode.STRUCTURED) return false;
    try {
      JsonNode n = JSON.readTree(body);
      return n != null
          && (n.has("data_base64") || "base64".equals(n.path("datacontentencoding").asText()));
    } catch (IOException e) {
      return false;
    }
  }
}
