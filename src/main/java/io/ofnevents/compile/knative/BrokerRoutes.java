package io.ofnevents.compile.knative;

import io.ofnevents.compile.BusEndpoints;
import io.ofnevents.compile.Names;
import io.ofnevents.compile.Y;
import io.ofnevents.model.knative.Broker;
import java.util.List;
import java.util.Map;

/**
 * A Broker's one route, its ingress: `platform-http` serves `POST /{ns}/{broker}` (and OPTIONS);
 * `ofn-kn:ingress` reads the CloudEvent (binary or structured, 1.0 or 0.3), answers 400 to a
 * malformed one and applies the TTL and arrival-time rules; the bus sink Kamelet stores it; only
 * then `ofn-kn:accepted` answers 202. A bus that cannot store it answers 503 (413: too large).
 */
final class BrokerRoutes {
  /** Knative's broker ingress takes POST; OPTIONS is its WebHook handshake. */
  static final String METHODS = "POST,OPTIONS";

  private BrokerRoutes() {}

  static List<Object> routes(BrokerPlan plan, KnSteps.Ctx ctx) {
    Broker b = plan.broker();
    String broker = b.id().qualifiedName();
    String path = Names.brokerPath(b.namespace(), b.name());
    BusEndpoints bus = new BusEndpoints(plan.bus().spec(), ctx.used(), ctx.c(), b.id());
    List<Object> stored =
        Y.list(
            bus.publish(plan.subject(), null), Y.to(KnSteps.KN + "accepted", brokerParam(broker)));
    List<Object> steps =
        Y.list(
            Y.to(KnSteps.KN + "ingress", brokerParam(broker)),
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
                            Y.list(Y.to(KnSteps.KN + "unavailable", brokerParam(broker))))))));
    Map<String, Object> from =
        Y.endpoint("platform-http:" + path, Y.map("httpMethodRestrict", METHODS));
    return Y.list(
        KnSteps.route(
            plan.ingressRoute(),
            b.id() + ": ingress POST " + path + " to " + plan.subject(),
            from,
            steps));
  }

  private static Map<String, Object> brokerParam(String broker) {
    return Y.map("broker", broker);
  }
}
