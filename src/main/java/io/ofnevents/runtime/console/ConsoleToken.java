package io.ofnevents.runtime.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The token that turns on the console's actions (replay, drop); without one the console is
 * read-only. Presented tokens are compared in constant time: both sides are hashed first, so
 * neither the length nor the first differing byte shows in the time taken.
 */
public final class ConsoleToken {
  /** The environment variable read when `--console-token` is not given. */
  public static final String ENV = "OFN_CONSOLE_TOKEN";

  private static final ConsoleToken NONE = new ConsoleToken(null);
  private final byte[] digest;

  private ConsoleToken(byte[] digest) {
    this.digest = digest;
  }

  /** Actions off. */
  public static ConsoleToken none() {
    return NONE;
  }

  /** The token `value`, or actions off when it is null or blank. */
  public static ConsoleToken of(String value) {
    return value == null || value.isBlank() ? NONE : new ConsoleToken(sha256(value));
  }

  public boolean enabled() {
    return digest != null;
  }

  /** Whether `presented` is the token; always false when actions are off. */
  public boolean matches(String presented) {
    if (digest == null || presented == null) return false;
    return MessageDigest.isEqual(digest, sha256(presented));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return enabled() ? "ConsoleToken[set]" : "ConsoleToken[none]";
  }
}
