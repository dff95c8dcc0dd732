package io.ofnevents.runtime.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CloudEvents JSON event format (structured mode, `application/cloudevents+json`) and its batch
 * (`application/cloudevents-batch+json`), for 1.0 and 0.3. Data is written as a JSON value when the
 * content type is JSON (or absent) and the bytes are JSON, as a string when it is another type and
 * the bytes are UTF-8 text, else base64 (`data_base64`; 0.3: `datacontentencoding: base64`), so
 * reading back gives the same bytes. Reading follows the same rules as the official SDKs: without
 * `datacontenttype` the data is JSON.
 */
public final class JsonFormat {
  // exact numbers and no trailing tokens: data judged to be JSON must read back as the same value
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  private static final Pattern JSON_TYPE =
      Pattern.compile("(application|text)/([a-z0-9.+-]+\\+)?json(\\s*;.*)?");

  private JsonFormat() {}

  /** The event of a structured-mode body. */
  public static CloudEvent read(byte[] body) {
    return fromJson(parse(body, "structured event"));
  }

  /** The events of a batch body: a JSON array of structured events. */
  public static List<CloudEvent> readBatch(byte[] body) {
    JsonNode node = parse(body, "batch");
    if (!node.isArray()) {
      throw InvalidCloudEventException.of(null, "batch", "is not a JSON array");
    }
    List<CloudEvent> out = new ArrayList<>();
    node.forEach(e -> out.add(fromJson(e)));
    return out;
  }

  public static byte[] write(CloudEvent event) {
    return bytes(toJson(event));
  }

  public static byte[] writeBatch(List<CloudEvent> events) {
    ArrayNode batch = JSON.createArrayNode();
    events.forEach(e -> batch.add(toJson(e)));
    return bytes(batch);
  }

  /** The JSON object of `event`, attributes in its order, then its data. */
  public static ObjectNode toJson(CloudEvent event) {
    ObjectNode ce = JSON.createObjectNode();
    event.attributes().forEach(ce::put);
    byte[] data = event.data();
    if (data.length == 0) return ce;
    String ct = event.dataContentType();
    if (isJson(ct)) {
      JsonNode value = parseOrNull(data);
      if (value != null) {
        ce.set("data", value);
        return ce;
      }
    } else {
      String text = utf8(data);
      if (text != null) {
        ce.put("data", text);
        return ce;
      }
    }
    String base64 = Base64.getEncoder().encodeToString(data);
    if (SpecVersion.V03.text().equals(event.specVersion())) {
      ce.put("datacontentencoding", "base64");
      ce.put("data", base64);
    } else {
      ce.put("data_base64", base64);
    }
    return ce;
  }

  /** Whether data of this content type is JSON (an absent one is, as the format says). */
  public static boolean isJson(String contentType) {
    return contentType == null
        || JSON_TYPE.matcher(contentType.trim().toLowerCase(Locale.ROOT)).matches();
  }

  private static CloudEvent fromJson(JsonNode node) {
    if (!node.isObject()) {
      throw InvalidCloudEventException.of(null, "structured event", "is not a JSON object");
    }
    String id = node.path("id").isTextual() ? node.get("id").asText() : null;
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String name = f.getKey();
      JsonNode v = f.getValue();
      if (name.equals("data") || name.equals("data_base64") || v.isNull()) continue;
      if (!v.isValueNode()) {
        throw InvalidCloudEventException.of(
            id, "attribute " + name, "must be a string, number or boolean, not " + v.getNodeType());
      }
      attributes.put(name, v.asText());
    }
    byte[] data = data(node, attributes, id);
    attributes.remove("datacontentencoding"); // the data bytes are decoded now
    return new CloudEvent(attributes, data);
  }

  private static byte[] data(JsonNode node, Map<String, String> attributes, String id) {
    JsonNode data = node.get("data");
    JsonNode base64 = node.get("data_base64");
    if (data != null && base64 != null) {
      throw InvalidCloudEventException.of(id, "data", "data and data_base64 are both set");
    }
    if (base64 != null && !base64.isNull()) return decodeBase64(base64, "data_base64", id);
    if (data == null || data.isNull()) return null;
    if ("base64".equals(attributes.get("datacontentencoding"))) {
      return decodeBase64(data, "data", id);
    }
    if (isJson(attributes.get("datacontenttype"))) return bytes(data);
    if (!data.isTextual()) {
      throw InvalidCloudEventException.of(
          id,
          "data",
          "must be a string when datacontenttype is " + attributes.get("datacontenttype"));
    }
    return data.asText().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] decodeBase64(JsonNode value, String field, String id) {
    try {
      if (!value.isTextual()) throw new IllegalArgumentException("not a string");
      return Base64.getDecoder().decode(value.asText());
    } catch (IllegalArgumentException e) {
      throw InvalidCloudEventException.of(id, field, "is not base64: " + e.getMessage());
    }
  }

  private static JsonNode parse(byte[] body, String what) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || node.isMissingNode()) throw new IOException("empty body");
      return node;
    } catch (IOException e) {
      throw new InvalidCloudEventException(
          "event ?: " + what + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  private static JsonNode parseOrNull(byte[] data) {
    try {
      JsonNode node = JSON.readTree(data);
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException e) {
      return null;
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
