package io.ofnevents.runtime.bus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * An event on the bus: CloudEvent headers (binary mode), the data bytes, and the id the bus
 * de-duplicates on ({@link #dedupId}).
 */
public record BusMessage(Map<String, String> headers, byte[] body, String dedupId) {
  /**
   * Camel header that overrides an endpoint's `dedupScope` for one publish (not an event header, so
   * it never reaches the bus): a Knative reply is scoped by the event it answers.
   */
  public static final String DEDUP_SCOPE_HEADER = "OfnDedupScope";

  public BusMessage {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  public String id() {
    return headers.get("ce-id");
  }

  /**
   * The de-duplication id (JetStream `Nats-Msg-Id`) of the event (`source`, `id`) published by
   * `scope` (a Trigger subscriber republishing it; null for the event's own publish). JetStream
   * de-duplicates per stream, and one stream may hold the events of many EventSources and their
   * copies republished by Triggers, so the id must tell all of them apart: a digest of the three,
   * unambiguous whatever characters they contain, 43 characters long whatever their length.
   */
  public static String dedupId(String source, String id, String scope) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    for (String part : new String[] {source, id, scope}) {
      byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
      // length-prefixed, so ("ab", "c") and ("a", "bc") differ
      sha.update(
          new byte[] {
            (byte) (bytes.length >>> 24),
            (byte) (bytes.length >>> 16),
            (byte) (bytes.length >>> 8),
            (byte) bytes.length,
            (byte) (part == null ? 0 : 1)
          });
      sha.update(bytes);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
  }
}
