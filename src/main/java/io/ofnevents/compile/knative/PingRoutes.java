package io.ofnevents.compile.knative;

import io.ofnevents.compile.BusEndpoints;
import io.ofnevents.compile.Names;
import io.ofnevents.compile.Y;
import io.ofnevents.model.DeliveryDefaults;
import io.ofnevents.model.knative.BrokerBus;
import io.ofnevents.model.knative.KnDelivery;
import io.ofnevents.model.knative.PingSource;
import io.ofnevents.model.knative.PingSourceSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A PingSource's routes. Its tick route (the `ofn-cron-source` Kamelet, Knative's event built by
 * `ofn-kn:ping`, `ceOverrides` as headers) enters a Broker sink directly. For an HTTP sink the tick
 * is published to the PingSource's own subject on the namespace's default bus first, and a durable
 * consumer delivers it (the subscriber step, parking, Knative's delivery): a tick is stored before
 * it is sent, so a sink that is down delays it instead of losing it, as Knative would after five
 * retries.
 */
final class PingRoutes {
  static final String CRON = "ofn-cron-source";

  /** What Knative's ping adapter does: 5 retries, exponential from 50 ms (no DeliverySpec). */
  static final KnDelivery DELIVERY =
      new KnDelivery(5, "exponential", Duration.ofMillis(50), null, null, null, null);

  /** UTC, the zone of the adapter's container in Knative without `timezone`. */
  static final String DEFAULT_ZONE = "UTC";

  private PingRoutes() {}

  static List<Object> routes(PingPlan plan, KnSteps.Ctx ctx) {
    PingSource p = plan.source();
    String ns = p.namespace();
    List<Object> steps = tick(plan);
    List<Object> delivering = new ArrayList<>();
    String to;
    if (plan.sink() instanceof Hop.Subject s) {
      steps.addAll(KnSteps.enter(s.target(), null, ctx));
      to = "to " + s.target();
    } else {
      BusEndpoints bus =
          new BusEndpoints(
              BrokerBus.namespaceDefaultSpec(ns, ctx.c().resources()), ctx.used(), ctx.c(), p.id());
      String subject = Names.pingSubject(ns, p.name());
      steps.add(bus.publish(subject, null));
      to = "to " + subject + ", then " + ((Hop.Http) plan.sink()).url();
      delivering.add(consumer(plan, bus, subject));
      delivering.add(delivery(plan, ctx));
    }
    String zone = plan.schedule().timeZone() == null ? DEFAULT_ZONE : plan.schedule().timeZone();
    List<Object> routes = new ArrayList<>();
    routes.add(
        KnSteps.route(
            plan.route(),
            p.id() + ": ticks (" + p.spec().scheduleOrDefault() + ") " + to,
            Y.endpoint(
                ctx.used().use(CRON) + "/" + Names.sourceKameletRoute(plan.route()),
                Y.map("cron", plan.schedule().quartzCron(), "timeZone", zone)),
            steps));
    routes.addAll(delivering);
    return routes;
  }

  /** Knative's tick: the data and content type, then `ofn-kn:ping`, then `ceOverrides`. */
  private static List<Object> tick(PingPlan plan) {
    PingSourceSpec s = plan.source().spec();
    List<Object> steps = new ArrayList<>();
    boolean base64 = false;
    if (s.dataBase64() != null && !s.dataBase64().isEmpty()) {
      steps.add(Y.map("setBody", Y.map("constant", s.dataBase64())));
      base64 = true;
    } else if (s.data() != null && !s.data().isEmpty()) {
      if (s.data().contains("{{")) {
        // Camel would read `{{...}}` in a constant as a property placeholder: send it encoded.
        String encoded =
            Base64.getEncoder().encodeToString(s.data().getBytes(StandardCharsets.UTF_8));
        steps.add(Y.map("setBody", Y.map("constant", encoded)));
        base64 = true;
      } else {
        steps.add(Y.map("setBody", Y.map("constant", s.data())));
      }
    }
    if (plan.contentType() != null) {
      steps.add(Y.map("setHeader", Y.map("name", "Content-Type", "constant", plan.contentType())));
    }
    steps.add(
        Y.to(
            KnSteps.KN + "ping",
            Y.map(
                "pingSource",
                plan.source().id().qualifiedName(),
                "decode",
                base64 ? "base64" : null)));
    plan.extensions()
        .forEach(
            (name, value) ->
                steps.add(Y.map("setHeader", Y.map("name", "ce-" + name, "constant", value))));
    return steps;
  }

  private static Map<String, Object> consumer(PingPlan plan, BusEndpoints bus, String subject) {
    PingSource p = plan.source();
    String ns = p.namespace();
    String owner = Names.pingParkingOwner(p.name());
    Map<String, Object> from = bus.consumeAs(subject, Names.pingConsumer(ns, p.name()), null);
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters = (Map<String, Object>) from.get("parameters");
    parameters.put("trigger", ns + "/" + owner);
    parameters.put(
        bus.inMemory() ? "parkedTopic" : "parkedSubject", Names.pingParked(ns, p.name()));
    parameters.put("maxDeliveries", DeliveryDefaults.MAX_DELIVERIES);
    return KnSteps.route(
        Names.pingInputRoute(ns, p.name()),
        p.id() + ": ticks from " + subject,
        from,
        Y.list(Y.to("ofn-subscriber:" + ns + "/" + owner + "/0", null)));
  }

  private static Map<String, Object> delivery(PingPlan plan, KnSteps.Ctx ctx) {
    PingSource p = plan.source();
    String ns = p.namespace();
    String url = ((Hop.Http) plan.sink()).url();
    return KnSteps.route(
        Names.pingDeliveryRoute(ns, p.name()),
        p.id() + ": delivery to its sink",
        Y.endpoint(Names.pingDeliveryDirect(ns, p.name()), null),
        Y.list(KnSteps.http(url, DELIVERY, KnSteps.Replies.NONE, ns, ctx.used())));
  }
}
