package io.ofnevents.runtime;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.model.Kind;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Knative Brokers' ingress in a run: their route files (one `platform-http` route each) are
 * loaded only when the ingress port is on; the Brokers' Triggers run either way.
 */
final class Ingress {
  private static final Logger LOG = LoggerFactory.getLogger(Ingress.class);

  private Ingress() {}

  /** The route files of the Brokers of `bundle`. */
  static List<RouteFile> brokers(Bundle bundle) {
    return bundle.routes().stream().filter(f -> f.resource().kind() == Kind.KN_BROKER).toList();
  }

  /** The route files to load: all, or all but the Brokers' ingress when `port` is 0. */
  static List<RouteFile> served(Bundle bundle, int port) {
    if (port > 0) return bundle.routes();
    return bundle.routes().stream().filter(f -> f.resource().kind() != Kind.KN_BROKER).toList();
  }

  /** Says where the Brokers are served, or that they are not. */
  static void announce(Bundle bundle, int port) {
    List<String> names =
        brokers(bundle).stream().map(f -> f.resource().qualifiedName()).sorted().toList();
    if (names.isEmpty()) return;
    if (port > 0) {
      LOG.info(
          "Broker ingress on port {} (POST /NAMESPACE/BROKER): {}", port, String.join(", ", names));
    } else {
      LOG.info(
          "Broker ingress off (--ingress-port 0): {} only take events from routes",
          String.join(", ", names));
    }
  }
}
