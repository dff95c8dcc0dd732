package io.ofnevents.runtime.knative;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which clients the ingress has already told the log about: a malformed event is logged once per
 * client host (one line, no stack trace), later ones only counted, so a broken sender cannot flood
 * the log. Remembers the last {@value #CAPACITY} hosts.
 */
final class RefusalLog {
  static final int CAPACITY = 1024;

  private final Set<String> seen =
      Collections.newSetFromMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > CAPACITY;
            }
          });

  /** True the first time `client` is seen (then log), false after. */
  synchronized boolean first(String client) {
    return seen.add(client);
  }

  /** The host of a remote address as Vert.x prints it (`host:port`), without the port. */
  static String host(Object remoteAddress) {
    if (remoteAddress == null) return "unknown";
    String s = remoteAddress.toString();
    int colon = s.lastIndexOf(':');
    return colon > 0 ? s.substring(0, colon) : s;
  }
}
