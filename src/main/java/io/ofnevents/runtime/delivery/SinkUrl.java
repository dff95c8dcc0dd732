package io.ofnevents.runtime.delivery;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.camel.util.URISupport;

/**
 * A sink URL as delivery needs it: what to connect to (HttpClient 5 refuses user info in a request
 * URI), its query, the user info as a preemptive Basic `Authorization` header (what curl does with
 * `user:password@`), and a form safe for logs and error messages (password and token masked).
 */
record SinkUrl(String base, String query, String authorization, String shown) {

  static SinkUrl parse(String url) {
    URI u = URI.create(url);
    String authority = u.getRawAuthority();
    String userInfo = u.getRawUserInfo();
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    String base = u.getScheme() + "://" + hostPort + (u.getRawPath() == null ? "" : u.getRawPath());
    String authorization = null;
    if (userInfo != null) {
      String decoded = URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
      authorization =
          "Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
    }
    return new SinkUrl(base, u.getRawQuery(), authorization, URISupport.sanitizeUri(url));
  }

  @Override
  public String toString() {
    return shown; // never the credentials
  }
}
