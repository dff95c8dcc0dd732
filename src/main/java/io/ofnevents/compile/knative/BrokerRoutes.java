package io.ofnevents.compile.knative;

import io.ofnevents.compile.BusEndpoints;
import io.ofnevents.compile.Names;
import io.ofnevents.compile.Y;
import io.ofnevents.model.knative.Broker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Broker's one route, its ingress: `platform-http` serves `POST /{ns}/{broker}` (and OPTIONS);
 * `ofn-kn:ingress` reads the CloudEvent (binary or structured, 1.0 or 0.3), answers 400 to a
 * malformed one and applies the TTL and arrival-time rules; the bus sink Kamelet stores it; only
 * then `ofn-kn:accepted` answers 202. A bus that cannot store it answers 503 (413: too large). A
 * Sequence's or Parallel's ingress is the same route ({@link #ingress}) with its door and subject.
 */
final class BrokerRoutes {
  /** Knative's broker ingress takes POST; OPTIONS is its WebHook handshake. */
  static final String METHODS = "POST,OPTIONS";

  private BrokerRoutes() {}

  static List<Object> routes(BrokerPlan plan, KnSteps.Ctx ctx) {
    Broker b = plan.broker();
    String path = Names.brokerPath(b.namespace(), b.name());
    BusEndpoints bus = new BusEndpoints(plan.bus().spec(), ctx.used(), ctx.c(), b.id());
    return Y.list(
        ingress(
            plan.ingressRoute(),
            b.id() + ": ingress POST " + path + " to " + plan.subject(),
            path,
            KnSteps.door(b.id()),
            bus.publish(plan.subject(), null)));
  }

  /**
   * The ingress route `id` at `path` of the door `door` (`{broker|sequence|parallel: ns/name}`),
   * storing each event with `publish`.
   */
  static Map<String, Object> ingress(
      String id, String description, String path, Map<String, Object> door, Object publish) {
    // a copy each time: the same map twice would be written as a YAML anchor and alias
    List<Object> stored = Y.list(publish, Y.to(KnSteps.KN + "accepted", new LinkedHashMap<>(door)));
    List<Object> steps =
        Y.list(
            Y.to(KnSteps.KN + "ingress", new LinkedHashMap<>(door)),
            Y.map(
                "doTry",
                Y.map(
                    "steps",
                    stored,
                    "doCatch",
                    Y.list(
                        Y.map(
                            "exception",
                            List.of("java.lang.Exception"),
                            "steps",
                            Y.list(
                                Y.to(KnSteps.KN + "unavailable", new LinkedHashMap<>(door))))))));
    Map<String, Object> from =
        Y.endpoint("platform-http:" + path, Y.map("httpMethodRestrict", METHODS));
    return KnSteps.route(id, description, from, steps);
  }
}
