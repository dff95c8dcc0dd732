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
 * then percent-decodes once, strictly: the escapes must be well-formed and their bytes UTF-8
 * (`%C0%A0` is an overlong space and must not become one).
 *
 * <p>A value that is not encoded that way is taken as sent instead of refused: the official Java
 * and Go SDKs do not percent-encode (sdk-java#748), so `50%off` from them is plain text, and
 * refusing it would lose the event (redelivered forever on the bus, a 400 the sender may drop).
 * That reading is unambiguous: an encoder writes a `%` as `%25` and only UTF-8 bytes as escapes, so
 * a `%` without two hex digits, or escapes that are not UTF-8, mean the value was never encoded.
 * Only a value with well-formed UTF-8 escapes is decoded (`caf%C3%A9` is `café` from any sender).
 */
public final class HeaderValues {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private HeaderValues() {}

  /**
   * A header value read: the attribute value, and why it is the text as sent rather than its
   * percent-decoding (null when it was decoded as the bindings ask).
   */
  public record Decoded(String value, String keptAsSent) {}

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

  /** The attribute value of a header value ({@link #read} without the reason). */
  public static String decode(String value) {
    return read(value).value();
  }

  /**
   * The attribute value of a header value: its percent-decoding, or the (unquoted) text as sent
   * when it is not percent-encoded as the bindings ask, with the reason.
   */
  public static Decoded read(String value) {
    String v = unquote(value);
    if (v.indexOf('%') < 0) return new Decoded(v, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream(v.length());
    for (int i = 0; i < v.length(); ) {
      char c = v.charAt(i);
      if (c == '%') {
        int hi = i + 1 < v.length() ? Character.digit(v.charAt(i + 1), 16) : -1;
        int lo = i + 2 < v.length() ? Character.digit(v.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          return new Decoded(
              v, "a % not followed by two hex digits at character " + (i + 1) + " (not encoded)");
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
      String decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(out.toByteArray()))
              .toString();
      return new Decoded(decoded, null);
    } catch (CharacterCodingException e) {
      return new Decoded(v, "its percent-escapes are not UTF-8 (not encoded)");
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
