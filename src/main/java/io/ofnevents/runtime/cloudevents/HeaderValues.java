package io.ofnevents.runtime.cloudevents;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of CloudEvent attribute values in HTTP and NATS headers (HTTP binding 3.1.3.2,
 * NATS binding 3.1.3.2): space, `"`, `%` and every character outside U+0021–U+007E become the `%XY`
 * bytes of their UTF-8 encoding. Decoding first unquotes an RFC 7230 quoted-string (older senders),
 * then percent-decodes once, rejecting malformed escapes and invalid UTF-8 (the bindings require
 * it: `%C0%A0` is an overlong space and must not become one).
 */
public final class HeaderValues {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private HeaderValues() {}

  /** The header form of an attribute value. */
  public static String encode(String value) {
    if (value.chars().allMatch(HeaderValues::plain)) return value;
    StringBuilder sb = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (plain(c)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  /**
   * The attribute value of a header value.
   *
   * @throws IllegalArgumentException with a message saying what is wrong (a `%` not followed by two
   *     hex digits, bytes that are not UTF-8); callers add the header and event to it
   */
  public static String decode(String value) {
    String v = unquote(value);
    if (v.indexOf('%') < 0) return v;
    ByteArrayOutputStream out = new ByteArrayOutputStream(v.length());
    for (int i = 0; i < v.length(); ) {
      char c = v.charAt(i);
      if (c == '%') {
        int hi = i + 1 < v.length() ? Character.digit(v.charAt(i + 1), 16) : -1;
        int lo = i + 2 < v.length() ? Character.digit(v.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException(
              "malformed percent-encoding at character "
                  + (i + 1)
                  + " (a % must be followed by"
                  + " two hex digits; a literal % is sent as %25)");
        }
        out.write(hi << 4 | lo);
        i += 3;
      } else {
        // characters sent without encoding are taken as they are, as their UTF-8 bytes
        int cp = v.codePointAt(i);
        byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        i += Character.charCount(cp);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("percent-encoded bytes are not valid UTF-8");
    }
  }

  /** The content of an RFC 7230 quoted-string (backslash escapes resolved), else `value`. */
  private static String unquote(String value) {
    if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 1; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() - 1) c = value.charAt(++i);
      sb.append(c);
    }
    return sb.toString();
  }

  private static boolean plain(int c) {
    return c >= 0x21 && c <= 0x7e && c != '"' && c != '%';
  }
}
