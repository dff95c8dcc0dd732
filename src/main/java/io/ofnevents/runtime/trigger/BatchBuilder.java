package io.ofnevents.runtime.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ofnevents.runtime.CloudEventHeaders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.Exchange;

/**
 * `deliver: all`: replaces the body with a CloudEvents JSON batch of the latest event of each true
 * input of the condition that fired (structured mode, in input-name order). The triggering event's
 * `ce-` headers stay, so ids and de-duplication keep working downstream.
 */
final class BatchBuilder {
  static final String BATCH_CONTENT_TYPE = "application/cloudevents-batch+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private BatchBuilder() {}

  static void toBatch(Exchange exchange) throws IOException {
    ConditionContext ctx = exchange.getProperty(ConditionContext.PROPERTY, ConditionContext.class);
    if (ctx == null)
      throw new IllegalStateException("deliver: all needs the ofn-trigger record step first");
    @SuppressWarnings("unchecked")
    Set<String> fired = exchange.getProperty(ConditionContext.FIRED, Set.class);
    Snapshot snapshot = ctx.snapshot();
    ArrayNode batch = JSON.createArrayNode();
    for (Map.Entry<String, InputState> e : new TreeMap<>(snapshot.inputs()).entrySet()) {
      boolean wanted = fired == null || fired.contains(e.getKey());
      if (wanted
          && Boolean.TRUE.equals(snapshot.truth().get(e.getKey()))
          && e.getValue().event() != null) {
        batch.add(structured(e.getValue().event()));
      }
    }
    exchange.getMessage().setBody(JSON.writeValueAsBytes(batch));
    exchange.getMessage().setHeader(CloudEventHeaders.CONTENT_TYPE, BATCH_CONTENT_TYPE);
  }

  static ObjectNode structured(StoredEvent event) {
    ObjectNode ce = JSON.createObjectNode();
    String contentType = null;
    for (Map.Entry<String, String> h : new TreeMap<>(event.headers()).entrySet()) {
      if (h.getKey().equalsIgnoreCase(CloudEventHeaders.CONTENT_TYPE)) {
        contentType = h.getValue();
        ce.put("datacontenttype", contentType);
      } else {
        ce.put(h.getKey().substring(CloudEventHeaders.PREFIX.length()), h.getValue());
      }
    }
    byte[] body = event.body();
    if (body.length == 0) return ce;
    if (contentType != null && contentType.contains("json")) {
      try {
        JsonNode data = JSON.readTree(body);
        ce.set("data", data);
        return ce;
      } catch (IOException notJson) {
        // fall through: sent as text or base64 below
      }
    }
    String text = utf8(body);
    if (text != null
        && (contentType == null
            || contentType.startsWith("text/")
            || contentType.contains("json"))) {
      ce.put("data", text);
    } else {
      ce.put("data_base64", Base64.getEncoder().encodeToString(body));
    }
    return ce;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
