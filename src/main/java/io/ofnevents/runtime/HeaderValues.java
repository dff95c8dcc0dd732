package io.ofnevents.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * CloudEvent attribute values in message headers, on NATS and on HTTP: headers carry printable
 * ASCII only, so every other character (and `%` itself) is percent-encoded as UTF-8, as the
 * CloudEvents HTTP binding (3.1.3.2) asks; a receiver decodes them back. Without this, `café`
 * reached an HTTP sink as Latin-1 bytes and `☕` as `?`.
 */
public final class HeaderValues {
  private HeaderValues() {}

  /** The value to send for header `name`: `ce-` attributes encoded, others (Content-Type) as is. */
  public static String forHeader(String name, String value) {
    return CloudEventHeaders.isEventHeader(name)
            && !name.equalsIgnoreCase(CloudEventHeaders.CONTENT_TYPE)
        ? encode(value)
        : value;
  }

  public static String encode(String value) {
    if (value.chars().allMatch(HeaderValues::plain)) return value;
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (plain(c)) sb.append((char) c);
      else sb.append('%').append(String.format("%02X", c));
    }
    return sb.toString();
  }

  public static String decode(String value) {
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

  private static boolean plain(int c) {
    return c >= 0x20 && c < 0x7f && c != '%';
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }
}
