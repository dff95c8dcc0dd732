package io.ofnevents.runtime.bus;

import java.util.regex.Pattern;

/** Hides credentials written into server URLs (`nats://user:pass@host`) before text is shown. */
public final class Redact {
  private static final Pattern USER_INFO =
      Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s,\\]]+@");

  private Redact() {}

  /** `text` with the user info of every URL in it replaced by `***`. */
  public static String urls(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll("$1***@");
  }
}
