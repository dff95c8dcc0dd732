package io.ofnevents.runtime.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/**
 * How every console response is sent: the headers that keep the page and the API same-origin (a
 * strict Content-Security-Policy, no framing, no sniffing) and never a CORS header, so no other
 * site's page can read the API from a browser.
 */
final class Http {
  /** Scripts, styles and data from this origin only; no inline script or style element. */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private Http() {}

  static void send(HttpExchange ex, int code, String type, byte[] body, boolean cache)
      throws IOException {
    Headers h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Content-Security-Policy", CSP);
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cache-Control", cache ? "max-age=3600" : "no-store");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(code, head ? -1 : body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      if (!head) out.write(body);
    }
  }
}
