package io.ofnevents.compile.knative;

import io.ofnevents.compile.BusEndpoints;
import io.ofnevents.compile.FlowNames;
import io.ofnevents.compile.SinkEndpoints;
import io.ofnevents.compile.Y;
import io.ofnevents.model.DeliveryDefaults;
import io.ofnevents.model.knative.KnFlow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of a Sequence or Parallel: its ingress (as a Broker's, with its door and first
 * subject) and, per hop, a consuming route (the bus source Kamelet, a durable consumer named by
 * flow and position, `ofn-subscriber` for parking) and a delivery route: `ofn-kn:dispatch` (TTL
 * off), the call with the hop's delivery (a dead letter in a `doTry`/`doCatch`, with
 * `knativeerror*` and the flow and step that failed), `ofn-kn:step`, and the publish of what passes
 * onto the next subject before the event is acknowledged.
 */
final class FlowRoutes {
  private FlowRoutes() {}

  static List<Object> routes(FlowPlan plan, KnSteps.Ctx ctx) {
    KnFlow f = plan.flow();
    BusEndpoints bus = new BusEndpoints(plan.bus().spec(), ctx.used(), ctx.c(), f.id());
    List<Object> routes = new ArrayList<>();
    routes.add(
        BrokerRoutes.ingress(
            plan.ingressRoute(),
            f.id() + ": ingress POST " + plan.path() + " to " + plan.entry(),
            plan.path(),
            KnSteps.door(f.id()),
            bus.publish(plan.entry(), null)));
    for (FlowHopPlan h : plan.hops()) {
      routes.add(consumer(h, f, bus));
      routes.add(delivery(h, plan, bus, ctx));
    }
    return routes;
  }

  private static Map<String, Object> consumer(FlowHopPlan h, KnFlow f, BusEndpoints bus) {
    Map<String, Object> from = bus.consumeAs(h.subject(), h.consumer(), null);
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters = (Map<String, Object>) from.get("parameters");
    // What the consumer does with an event the hop cannot deliver (see BusConsumer).
    parameters.put("trigger", h.owner());
    parameters.put(bus.inMemory() ? "parkedTopic" : "parkedSubject", h.parked());
    Integer max = f.maxDeliveries();
    parameters.put("maxDeliveries", max == null ? DeliveryDefaults.MAX_DELIVERIES : max);
    return KnSteps.route(
        h.route(),
        f.id() + ": events of " + h.field() + " (" + h.subject() + ")",
        from,
        Y.list(Y.to("ofn-subscriber:" + h.owner() + "/" + h.index(), null)));
  }

  private static Map<String, Object> delivery(
      FlowHopPlan h, FlowPlan plan, BusEndpoints bus, KnSteps.Ctx ctx) {
    KnFlow f = plan.flow();
    String route = FlowNames.deliverRoute(h.route());
    List<Object> steps = new ArrayList<>();
    // TTL off the event (Knative sends it neither to steps nor to dead letters), kept for what the
    // hop passes on, which gets it back.
    steps.add(Y.to(KnSteps.KN + "dispatch", null));
    String to;
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("hop", h.owner() + "/" + h.index());
    if (h.call() instanceof Hop.Http http) {
      boolean reply = h.next() instanceof FlowHopPlan.End;
      steps.addAll(
          withDeadLetter(
              KnSteps.http(
                  http.url(),
                  h.delivery(),
                  reply ? KnSteps.Replies.NONE : h.replies(),
                  f.namespace(),
                  ctx.used()),
              h,
              plan,
              route + "-dl",
              ctx));
      step.put("call", reply ? "reply" : "http");
      to = (reply ? "delivers to " : "calls ") + http.url();
    } else if (h.call() instanceof Hop.Subject s) {
      // a step that is a Broker or flow: the event passes into it, and this flow ends there
      step.put("call", "handoff");
      step.put("then", "publish");
      step.put("enter", KnSteps.doorRef(s.target()));
      steps.add(Y.to(KnSteps.KN + "step", step));
      steps.add(KnSteps.publishIfAllowed(s.target(), null, ctx));
      return KnSteps.route(
          route, f.id() + ": " + h.field() + " hands events to " + s.target(), from(h), steps);
    } else {
      step.put("call", "forward");
      to = "passes events on";
    }
    if (h.next() instanceof FlowHopPlan.Publish p) {
      step.put("then", "publish");
      steps.add(Y.to(KnSteps.KN + "step", step));
      steps.add(KnSteps.publishIfAllowed(bus, p.subject(), null));
      to += ", then onto " + p.subject();
    } else if (h.next() instanceof FlowHopPlan.Enter e) {
      step.put("then", "publish");
      step.put("enter", KnSteps.doorRef(e.target().target()));
      steps.add(Y.to(KnSteps.KN + "step", step));
      steps.add(KnSteps.publishIfAllowed(e.target().target(), null, ctx));
      to += ", then into " + e.target().target();
    } else if (h.next() instanceof FlowHopPlan.Drop) {
      step.put("then", "drop");
      steps.add(Y.to(KnSteps.KN + "step", step));
      to += ", its reply dropped (no spec.reply)";
    } else {
      step.put("then", "end");
      steps.add(Y.to(KnSteps.KN + "step", step));
    }
    return KnSteps.route(route, f.id() + ": " + h.field() + " " + to, from(h), steps);
  }

  private static Map<String, Object> from(FlowHopPlan h) {
    return Y.endpoint(FlowNames.deliverDirect(h.route()), null);
  }

  /**
   * `call` wrapped so that a failure goes to the hop's dead letter with Knative's `knativeerror*`
   * and ours naming the flow (`ofnflow`) and the step, filter or subscriber that failed
   * (`ofnflowstep`, its field path).
   */
  private static List<Object> withDeadLetter(
      Map<String, Object> call, FlowHopPlan h, FlowPlan plan, String dedupScope, KnSteps.Ctx ctx) {
    if (h.deadLetter() == null) return Y.list(call);
    KnFlow f = plan.flow();
    List<Object> dl =
        Y.list(
            header(
                FlowNames.FLOW_EXTENSION,
                FlowNames.flowCeValue(plan.plural(), f.namespace(), f.name())),
            header(FlowNames.FLOW_STEP_EXTENSION, h.field()));
    dl.addAll(
        KnSteps.send(h.deadLetter(), h.delivery(), KnSteps.Replies.NONE, null, dedupScope, ctx));
    return SinkEndpoints.withDeadLetter(call, dl, Y.map("attributes", "knative"));
  }

  private static Map<String, Object> header(String extension, String value) {
    return Y.map("setHeader", Y.map("name", "ce-" + extension, "constant", value));
  }
}
