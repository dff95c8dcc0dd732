package io.ofnevents.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one token that allows the writes of the management API (replay and drop of parked events,
 * from the console or `/api/parked`); without one the API is read-only. It is a value
 * (`--console-token`, {@value #ENV}) or a file read on every request (`--api-token-file`, so that a
 * rotated token applies at once). A presented token is compared in constant time: both sides are
 * hashed with SHA-256 first, so neither its length nor the first differing byte shows in the time
 * taken.
 */
public final class ApiToken {
  /** The environment variable that holds the token (safer than a command line: ps shows those). */
  public static final String ENV = "OFN_CONSOLE_TOKEN";

  private static final String BEARER = "Bearer ";
  private static final ApiToken NONE = new ApiToken(null, null);

  private final byte[] digest;
  private final Path file;

  private ApiToken(byte[] digest, Path file) {
    this.digest = digest;
    this.file = file;
  }

  /** Writes off. */
  public static ApiToken none() {
    return NONE;
  }

  /** The token `value`, or writes off when it is null or blank. */
  public static ApiToken of(String value) {
    return value == null || value.isBlank() ? NONE : new ApiToken(sha256(value.trim()), null);
  }

  /** The token in `file` (surrounding whitespace ignored), read again on every check. */
  public static ApiToken file(Path file) {
    return new ApiToken(null, file.toAbsolutePath());
  }

  public boolean enabled() {
    return digest != null || file != null;
  }

  /**
   * Whether an `Authorization` header value is `Bearer` and this token; always false when writes
   * are off.
   *
   * @throws IOException when the token file cannot be read or is empty (a fault of the runtime's
   *     setup, not of the request)
   */
  public boolean authorizes(String authorization) throws IOException {
    if (!enabled() || authorization == null) return false;
    String a = authorization.trim();
    if (!a.regionMatches(true, 0, BEARER, 0, BEARER.length())) return false;
    return MessageDigest.isEqual(expected(), sha256(a.substring(BEARER.length()).trim()));
  }

  private byte[] expected() throws IOException {
    if (file == null) return digest;
    String token = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (token.isEmpty()) throw new IOException("the API token file " + file + " is empty");
    return sha256(token);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    if (file != null) return "ApiToken[file " + file + "]";
    return enabled() ? "ApiToken[set]" : "ApiToken[none]";
  }
}
