package io.ofnevents.runtime;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.FlowNames;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress of a run's Knative Brokers, Sequences and Parallels: a Broker's route file is its one
 * `platform-http` route and is loaded only when the ingress port is on; a flow's file also holds
 * its hops, which run either way, so with the port off only its ingress route is left out. Triggers
 * and hops take events from routes either way.
 */
final class Ingress {
  private static final Logger LOG = LoggerFactory.getLogger(Ingress.class);
  private static final Set<Kind> SERVED =
      Set.of(Kind.KN_BROKER, Kind.KN_SEQUENCE, Kind.KN_PARALLEL);

  private Ingress() {}

  /** The route files of the Brokers, Sequences and Parallels of `bundle`. */
  static List<RouteFile> ingresses(Bundle bundle) {
    return bundle.routes().stream().filter(f -> SERVED.contains(f.resource().kind())).toList();
  }

  /** The route files to load: all, or all but the Brokers' when `port` is 0. */
  static List<RouteFile> served(Bundle bundle, int port) {
    if (port > 0) return bundle.routes();
    return bundle.routes().stream().filter(f -> f.resource().kind() != Kind.KN_BROKER).toList();
  }

  /** With the port off, removes the flows' ingress routes the loaded files define. */
  static void leaveOutFlowIngress(CamelContext context, Bundle bundle, int port) throws Exception {
    if (port > 0) return;
    Set<String> ids = Set.copyOf(ingresses(bundle).stream().map(f -> route(f.resource())).toList());
    Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
    List<RouteDefinition> off =
        model.getRouteDefinitions().stream().filter(r -> ids.contains(r.getRouteId())).toList();
    model.removeRouteDefinitions(off);
  }

  private static String route(ResourceId id) {
    return switch (id.kind()) {
      case KN_SEQUENCE -> FlowNames.sequenceIngressRoute(id.namespace(), id.name());
      case KN_PARALLEL -> FlowNames.parallelIngressRoute(id.namespace(), id.name());
      default -> "";
    };
  }

  /** Says where the Brokers and flows are served, or that they are not. */
  static void announce(Bundle bundle, int port) {
    List<String> names =
        ingresses(bundle).stream().map(f -> describe(f.resource())).sorted().toList();
    if (names.isEmpty()) return;
    if (port > 0) {
      LOG.info(
          "Ingress on port {} (POST /NAMESPACE/BROKER, /NAMESPACE/sequences/NAME,"
              + " /NAMESPACE/parallels/NAME): {}",
          port,
          String.join(", ", names));
    } else {
      LOG.info(
          "Ingress off (--ingress-port 0): {} only take events from routes",
          String.join(", ", names));
    }
  }

  /** `default/shop`, or `sequences/default/s` for a flow. */
  private static String describe(ResourceId id) {
    return id.kind() == Kind.KN_BROKER
        ? id.qualifiedName()
        : id.kind().plural() + "/" + id.qualifiedName();
  }
}
