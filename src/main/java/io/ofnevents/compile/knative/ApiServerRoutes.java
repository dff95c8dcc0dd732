package io.ofnevents.compile.knative;

import io.ofnevents.compile.BusEndpoints;
import io.ofnevents.compile.Names;
import io.ofnevents.compile.Y;
import io.ofnevents.model.DeliveryDefaults;
import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.knative.APIVersionKind;
import io.ofnevents.model.knative.ApiServerSource;
import io.ofnevents.model.knative.BrokerBus;
import io.ofnevents.model.knative.LabelSelector;
import io.ofnevents.model.knative.Selectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An ApiServerSource's routes. One watch route per resource: our `ofn-apiserver` consumer (a shared
 * watch of the kind, resumed from the last change delivered) gives each change of a matching
 * object, `ofn-kn:apiserver` makes Knative's event of it, `spec.filters` run as a Trigger's
 * (`ofn-kn-filter`), then `ceOverrides`, then the sink exactly as a PingSource's tick: a Broker is
 * entered directly; an HTTP sink gets the event through the source's own subject and a durable
 * consumer with parking. The consumer keeps its resume state on the same bus.
 */
final class ApiServerRoutes {
  static final String CONSUMER = "ofn-apiserver:";

  private ApiServerRoutes() {}

  static List<Object> routes(ApiServerPlan plan, KnSteps.Ctx ctx) {
    ApiServerSource s = plan.source();
    String ns = s.namespace();
    List<Object> routes = new ArrayList<>();
    List<Object> delivering = new ArrayList<>();
    // each route gets steps of its own (shared maps would be written as YAML anchors)
    Supplier<List<Object>> send;
    BusEndpoints state; // where the events go is where the watches keep their resume state
    String to;
    if (plan.sink() instanceof Hop.Subject subject) {
      send = () -> KnSteps.enter(subject.target(), null, ctx);
      state = ctx.busOf(subject.target());
      to = "to " + subject.target();
    } else {
      EventBusSpec bus = BrokerBus.namespaceDefaultSpec(ns, ctx.c().resources());
      BusEndpoints endpoints = new BusEndpoints(bus, ctx.used(), ctx.c(), s.id());
      state = endpoints;
      String subject = Names.apiServerSubject(ns, s.name());
      send = () -> Y.list(endpoints.publish(subject, null));
      to = "to " + subject + ", then " + ((Hop.Http) plan.sink()).url();
      delivering.add(consumer(plan, state, subject));
      delivering.add(delivery(plan, ctx));
    }
    for (ApiServerPlan.Watch w : plan.watches()) {
      routes.add(
          KnSteps.route(
              w.route(),
              s.id()
                  + ": changes of "
                  + w.resource().describe()
                  + " in "
                  + namespaces(s.spec().namespaceSelector(), ns)
                  + " "
                  + to,
              Y.endpoint(
                  CONSUMER + w.resource().apiVersion() + "/" + w.resource().kind(),
                  watchParameters(s, w, state)),
              steps(plan, send.get())));
    }
    routes.addAll(delivering);
    return routes;
  }

  /** The consumer's parameters: whose watch, which objects, where it resumes from. */
  private static Map<String, Object> watchParameters(
      ApiServerSource s, ApiServerPlan.Watch w, BusEndpoints state) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("source", s.id().qualifiedName());
    LabelSelector nsSelector = s.spec().namespaceSelector();
    if (nsSelector == null) p.put("namespace", s.namespace());
    else if (nsSelector.isEmpty()) p.put("allNamespaces", true);
    else p.put("namespaceSelector", Selectors.format(nsSelector));
    if (!w.selector().isEmpty()) p.put("selector", w.selector());
    APIVersionKind owner = s.spec().owner();
    if (owner != null) {
      p.put(
          "owner",
          (owner.apiVersion() == null || owner.apiVersion().isEmpty() ? "" : owner.apiVersion())
              + "/"
              + owner.kind());
    }
    if (s.initialList()) p.put("initialList", true);
    if (s.spec().serviceAccountName() != null) {
      p.put("serviceAccountName", s.spec().serviceAccountName());
    }
    boolean kv = !state.inMemory() && !"core".equals(state.connection().get("mode"));
    p.put("state", kv ? "nats" : "memory");
    if (kv) p.putAll(state.connection());
    return p;
  }

  /** Knative's event of a change, then `spec.filters` around the overrides and the send. */
  private static List<Object> steps(ApiServerPlan plan, List<Object> send) {
    ApiServerSource s = plan.source();
    List<Object> steps = new ArrayList<>();
    steps.add(
        Y.to(
            KnSteps.KN + "apiserver",
            Y.map("apiServerSource", s.id().qualifiedName(), "mode", s.modeOrDefault())));
    List<Object> matched = new ArrayList<>();
    plan.extensions()
        .forEach(
            (name, value) ->
                matched.add(Y.map("setHeader", Y.map("name", "ce-" + name, "constant", value))));
    matched.addAll(send);
    if (plan.filterExpression() == null) {
      steps.addAll(matched);
    } else {
      steps.add(
          Y.map(
              "filter",
              Y.map(
                  "expression",
                  Y.map(
                      "language",
                      Y.map(
                          "language",
                          KnTriggerRoutes.FILTER_LANGUAGE,
                          "expression",
                          plan.filterExpression())),
                  "steps",
                  matched)));
    }
    return steps;
  }

  private static String namespaces(LabelSelector selector, String own) {
    if (selector == null) return "namespace " + own;
    if (selector.isEmpty()) return "all namespaces";
    return "the namespaces matching " + Selectors.format(selector);
  }

  private static Map<String, Object> consumer(
      ApiServerPlan plan, BusEndpoints bus, String subject) {
    ApiServerSource s = plan.source();
    String ns = s.namespace();
    String owner = Names.apiServerParkingOwner(s.name());
    Map<String, Object> from = bus.consumeAs(subject, Names.apiServerConsumer(ns, s.name()), null);
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters = (Map<String, Object>) from.get("parameters");
    parameters.put("trigger", ns + "/" + owner);
    parameters.put(
        bus.inMemory() ? "parkedTopic" : "parkedSubject", Names.apiServerParked(ns, s.name()));
    parameters.put("maxDeliveries", DeliveryDefaults.MAX_DELIVERIES);
    return KnSteps.route(
        Names.apiServerInputRoute(ns, s.name()),
        s.id() + ": events from " + subject,
        from,
        Y.list(Y.to("ofn-subscriber:" + ns + "/" + owner + "/0", null)));
  }

  private static Map<String, Object> delivery(ApiServerPlan plan, KnSteps.Ctx ctx) {
    ApiServerSource s = plan.source();
    String ns = s.namespace();
    String url = ((Hop.Http) plan.sink()).url();
    // Knative's adapter sends as the ping adapter does (5 retries from 50 ms), then drops the
    // event; here the bus redelivers and finally parks it.
    return KnSteps.route(
        Names.apiServerDeliveryRoute(ns, s.name()),
        s.id() + ": delivery to its sink",
        Y.endpoint(Names.apiServerDeliveryDirect(ns, s.name()), null),
        Y.list(KnSteps.http(url, PingRoutes.DELIVERY, KnSteps.Replies.NONE, ns, ctx.used())));
  }
}
