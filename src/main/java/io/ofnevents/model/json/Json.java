package io.ofnevents.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * JSON as the model needs it, in memory: is a text one JSON object (as Go's json.Unmarshal into a
 * map decides), and a canonical compact form with sorted object keys.
 */
public final class Json {
  private static final ObjectMapper READER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private Json() {}

  /** The object `text` holds, or empty with the reason in `why[0]` when it is not one. */
  public static Optional<ObjectNode> object(String text, String[] why) {
    try {
      JsonNode node = READER.readTree(text);
      if (node instanceof ObjectNode o) return Optional.of(o);
      why[0] = "not a JSON object (got " + (node == null ? "nothing" : node.getNodeType()) + ")";
    } catch (JsonProcessingException e) {
      why[0] = "not valid JSON: " + e.getOriginalMessage();
    }
    return Optional.empty();
  }

  /** Compact JSON of `value` (maps, lists, strings, numbers, booleans) with keys sorted. */
  public static String canonical(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON of " + value, e);
    }
  }

  /** Compact JSON of a tree as it is (key order kept). */
  public static String compact(JsonNode node) {
    return node.toString();
  }

  /** Reads JSON text into plain maps, lists and values. */
  public static Object parse(String text) throws JsonProcessingException {
    return READER.readValue(text, Object.class);
  }
}
