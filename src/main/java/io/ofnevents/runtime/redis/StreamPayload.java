package io.ofnevents.runtime.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The event data of a stream entry: the bytes of its only field when that field is `data` (exactly
 * as written by XADD), otherwise the whole entry as a JSON object of strings.
 */
record StreamPayload(byte[] body, String contentType) {
  static final String DATA_FIELD = "data";
  private static final ObjectMapper JSON = new ObjectMapper();

  static StreamPayload of(Map<byte[], byte[]> fields) {
    if (fields.size() == 1) {
      Map.Entry<byte[], byte[]> only = fields.entrySet().iterator().next();
      if (DATA_FIELD.equals(new String(only.getKey(), StandardCharsets.UTF_8))) {
        return new StreamPayload(only.getValue(), null);
      }
    }
    ObjectNode node = JSON.createObjectNode();
    fields.forEach(
        (k, v) ->
            node.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
    try {
      return new StreamPayload(JSON.writeValueAsBytes(node), "application/json");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write a stream entry as JSON", e);
    }
  }
}
