package io.ofnevents.runtime.console;

import io.ofnevents.runtime.bus.Redact;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.util.URISupport;

/**
 * What the console does so that no secret value leaves it: URLs lose their password and
 * secret-looking query parameters (as in log lines), and every response is scrubbed of the secret
 * values the run knows of.
 */
public final class Redaction {
  static final String MASK = "xxxxxx";
  private static final Pattern URL = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+");

  private static final Pattern BARE_USER_INFO =
      Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/@:]+@");

  private final List<String> secrets;

  /** Scrubs `secrets` (values shorter than 4 characters are not searched for: too common). */
  public Redaction(Collection<String> secrets) {
    this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
  }

  /** `text` with every URL in it masked as Camel masks endpoint URIs. */
  public static String text(String text) {
    if (text == null) return null;
    Matcher m = URL.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(url(m.group())));
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * One URL with the password of its user info and its secret query parameters masked; user info
   * without a password (a NATS token written as `nats://TOKEN@host`) is masked whole.
   */
  public static String url(String url) {
    String masked = URISupport.sanitizeUri(url);
    return BARE_USER_INFO.matcher(masked).find() ? Redact.urls(masked) : masked;
  }

  /** `body` with every known secret value replaced by the mask. */
  public String scrub(String body) {
    String out = body;
    for (String s : secrets) {
      if (out.contains(s)) out = out.replace(s, MASK);
    }
    return out;
  }
}
