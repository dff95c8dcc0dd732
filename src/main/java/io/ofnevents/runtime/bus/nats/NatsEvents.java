package io.ofnevents.runtime.bus.nats;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.ofnevents.runtime.CloudEventHeaders;
import io.ofnevents.runtime.bus.BusMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Events on NATS: CloudEvent attributes as message headers (binary mode), data as the payload. NATS
 * header values are printable ASCII only, so other characters (and `%`) are percent-encoded as
 * UTF-8, the way the CloudEvents HTTP binding does. A message from a plain NATS publisher gets the
 * attributes it lacks, with an id that is the same on every redelivery.
 */
final class NatsEvents {
  /** JetStream's de-duplication header. */
  static final String MSG_ID = "Nats-Msg-Id";

  static final String PLAIN_TYPE = "io.openfunction.events.nats";

  private NatsEvents() {}

  static Headers headers(BusMessage message) {
    Headers h = new Headers();
    message.headers().forEach((k, v) -> h.put(k, encode(v)));
    if (message.dedupId() != null) h.put(MSG_ID, encode(message.dedupId()));
    return h;
  }

  /** A message consumed from a JetStream stream; its id defaults to `{stream}-{sequence}`. */
  static BusMessage fromJetStream(Message m) {
    NatsJetStreamMetaData meta = m.metaData();
    Map<String, String> h = eventHeaders(m.getHeaders());
    fillDefaults(
        h,
        meta.getStream() + "-" + meta.streamSequence(),
        m.getSubject(),
        meta.timestamp().toInstant());
    return new BusMessage(h, m.getData(), h.get(CloudEventHeaders.ID));
  }

  /** A message received on core NATS, where there is no stable id to fall back on. */
  static BusMessage fromCore(Message m, String fallbackId, Instant received) {
    Map<String, String> h = eventHeaders(m.getHeaders());
    fillDefaults(h, fallbackId, m.getSubject(), received);
    return new BusMessage(h, m.getData(), h.get(CloudEventHeaders.ID));
  }

  private static Map<String, String> eventHeaders(Headers headers) {
    Map<String, String> out = new LinkedHashMap<>();
    if (headers == null) return out;
    headers.forEach(
        (name, values) -> {
          if (values.isEmpty() || !CloudEventHeaders.isEventHeader(name)) return;
          String key =
              name.equalsIgnoreCase(CloudEventHeaders.CONTENT_TYPE)
                  ? CloudEventHeaders.CONTENT_TYPE
                  : name.toLowerCase(Locale.ROOT);
          out.put(key, decode(values.get(0)));
        });
    return out;
  }

  private static void fillDefaults(Map<String, String> h, String id, String subject, Instant at) {
    h.putIfAbsent(CloudEventHeaders.ID, id);
    h.putIfAbsent(CloudEventHeaders.SPECVERSION, "1.0");
    h.putIfAbsent(CloudEventHeaders.SOURCE, "/nats/subjects/" + subject);
    h.putIfAbsent(CloudEventHeaders.TYPE, PLAIN_TYPE);
    h.putIfAbsent(CloudEventHeaders.TIME, at.toString());
  }

  static String encode(String value) {
    if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '%')) return value;
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '%') sb.append((char) c);
      else sb.append('%').append(String.format("%02X", c));
    }
    return sb.toString();
  }

  static String decode(String value) {
    if (value.indexOf('%') < 0) return value;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < value.length()) {
      if (value.charAt(i) == '%' && isHex(value, i + 1) && isHex(value, i + 2)) {
        out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        int cp = value.codePointAt(i);
        byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        i += Character.charCount(cp);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }
}
