package io.ofnevents.compile.knative;

import io.ofnevents.compile.BusEndpoints;
import io.ofnevents.compile.Names;
import io.ofnevents.compile.Y;
import io.ofnevents.model.DeliveryDefaults;
import io.ofnevents.model.knative.KnTrigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Knative Trigger's routes: its durable consumer of the Broker's subject runs the filter (the
 * `ofn-kn-filter` language) and, for a match, `ofn-subscriber`, which runs the delivery route once
 * per event and records a failure for parking. The delivery route calls the subscriber (or enters
 * the Broker it names) with Knative's delivery and dead letter; `ofn-kn:reply` then turns a reply
 * event into the message, and it is published onto the Broker before the original is acknowledged.
 */
final class KnTriggerRoutes {
  static final String FILTER_LANGUAGE = "ofn-kn-filter";

  private KnTriggerRoutes() {}

  static List<Object> routes(TriggerPlan plan, KnSteps.Ctx ctx) {
    return Y.list(consumer(plan, ctx), delivery(plan, ctx));
  }

  private static Map<String, Object> consumer(TriggerPlan plan, KnSteps.Ctx ctx) {
    KnTrigger t = plan.trigger();
    String ns = t.namespace();
    BrokerPlan broker = plan.broker();
    BusEndpoints bus = new BusEndpoints(broker.bus().spec(), ctx.used(), ctx.c(), t.id());
    Map<String, Object> from = bus.consumeAs(broker.subject(), plan.consumer(), t.concurrency());
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters = (Map<String, Object>) from.get("parameters");
    // What the consumer does with an event the subscriber cannot deliver (see BusConsumer).
    parameters.put("trigger", ns + "/" + Names.knTriggerParkingOwner(t.name()));
    parameters.put(
        bus.inMemory() ? "parkedTopic" : "parkedSubject", Names.knTriggerParked(ns, t.name()));
    Integer max = t.maxDeliveries();
    parameters.put("maxDeliveries", max == null ? DeliveryDefaults.MAX_DELIVERIES : max);
    List<Object> steps =
        Y.list(
            Y.map(
                "filter",
                Y.map(
                    "id",
                    plan.route() + "-filter",
                    "expression",
                    Y.map(
                        "language",
                        Y.map("language", FILTER_LANGUAGE, "expression", plan.filterExpression())),
                    "steps",
                    Y.list(
                        Y.to(
                            "ofn-subscriber:"
                                + ns
                                + "/"
                                + Names.knTriggerParkingOwner(t.name())
                                + "/0",
                            null)))));
    return KnSteps.route(plan.route(), t.id() + ": events of " + broker.broker().id(), from, steps);
  }

  private static Map<String, Object> delivery(TriggerPlan plan, KnSteps.Ctx ctx) {
    KnTrigger t = plan.trigger();
    String ns = t.namespace();
    String route = Names.knTriggerDeliveryRoute(ns, t.name());
    List<Object> steps = new ArrayList<>();
    if (plan.subscriber() instanceof Hop.Http http) {
      // TTL off the event (Knative sends it neither to subscribers nor to dead letters), kept for
      // a reply, which gets it back decremented.
      steps.add(Y.to(KnSteps.KN + "dispatch", null));
      KnSteps.Replies replies =
          t.ignoresPlainReplies() ? KnSteps.Replies.EVENT_OR_IGNORE : KnSteps.Replies.EVENT;
      steps.addAll(
          KnSteps.withDeadLetter(
              KnSteps.http(http.url(), plan.delivery(), replies, ns, ctx.used()),
              plan.deadLetter(),
              plan.delivery(),
              route + "-dl",
              ctx));
      steps.add(
          Y.to(
              KnSteps.KN + "reply",
              Y.map(
                  "trigger",
                  t.id().qualifiedName(),
                  "broker",
                  plan.broker().broker().id().qualifiedName())));
      steps.add(KnSteps.publishIfAllowed(plan.broker().broker().id(), null, ctx));
    } else {
      // A Broker or flow as subscriber: its subject, no HTTP hop; the TTL goes along, so a loop
      // through Brokers and flows ends too.
      Hop.Subject s = (Hop.Subject) plan.subscriber();
      steps.addAll(KnSteps.enter(s.target(), route, ctx));
      steps.add(Y.to(KnSteps.KN + "reply", Y.map("trigger", t.id().qualifiedName())));
    }
    Map<String, Object> from = Y.endpoint(Names.knTriggerDeliveryDirect(ns, t.name()), null);
    return KnSteps.route(route, t.id() + ": delivery to its subscriber", from, steps);
  }
}
