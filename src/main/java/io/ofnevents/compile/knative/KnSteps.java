package io.ofnevents.compile.knative;

import io.ofnevents.compile.BusEndpoints;
import io.ofnevents.compile.Compilation;
import io.ofnevents.compile.FlowNames;
import io.ofnevents.compile.Kamelets;
import io.ofnevents.compile.Names;
import io.ofnevents.compile.SinkEndpoints;
import io.ofnevents.compile.Y;
import io.ofnevents.model.DeliveryDefaults;
import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.knative.Broker;
import io.ofnevents.model.knative.BrokerBus;
import io.ofnevents.model.knative.FlowBus;
import io.ofnevents.model.knative.KnDelivery;
import io.ofnevents.model.knative.KnFlow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Route steps shared by the Knative kinds and by OpenFunction resources that send to a Broker or
 * flow: the HTTP call with Knative's delivery, the dead letter, and entering a Broker, Sequence or
 * Parallel (its door's TTL rules, then the publish onto its first subject).
 */
public final class KnSteps {
  /** Our Camel component of the Knative steps (runtime/knative). */
  static final String KN = "ofn-kn:";

  static final String HTTP_SINK = "ofn-http-sink";

  /** Exchange property the `ofn-kn:` steps set when the message is to be published. */
  static final String PUBLISH = "ofnKnPublish";

  /** How a call treats the subscriber's answer (the `replies` parameter of `ofn-http-sink`). */
  enum Replies {
    /** The body is not read (dead letters, sources). */
    NONE(null),
    /** Knative's: a CloudEvent is a reply, another non-empty body a failure (502). */
    EVENT("event"),
    /** A CloudEvent is a reply, another body is ignored (`ofn-events.io/reply: ignore`). */
    EVENT_OR_IGNORE("event-or-ignore");

    final String parameter;

    Replies(String parameter) {
      this.parameter = parameter;
    }
  }

  private KnSteps() {}

  /**
   * POSTs to `url` with Knative's delivery `d`: its retries and backoff (Knative's linear backoff
   * starts without a wait), Knative's retry table, an attempt bounded by `d.timeout` (else {@link
   * DeliveryDefaults#timeout()}), `Kn-Namespace` when `namespace` is set, and the `format`.
   */
  static Map<String, Object> http(
      String url, KnDelivery d, Replies replies, String namespace, Kamelets used) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("url", url);
    p.put("retry", d.retry());
    p.put("backoffPolicy", d.backoffPolicy() == null ? "exponential" : d.backoffPolicy());
    p.put("backoffDelay", (d.backoffDelay() == null ? Duration.ZERO : d.backoffDelay()).toString());
    p.put(
        "requestTimeout",
        (d.timeout() == null ? DeliveryDefaults.timeout() : d.timeout()).toString());
    p.put("retryOn", "knative");
    if (replies.parameter != null) p.put("replies", replies.parameter);
    if (namespace != null) p.put("knNamespace", namespace);
    if (d.format() != null) p.put("format", d.format());
    return Y.to(used.use(HTTP_SINK), p);
  }

  /**
   * `deliver` wrapped so that a failed HTTP delivery goes to `deadLetter` (an HTTP URL or a
   * Broker), with Knative's `knativeerror*` extensions; as is without one.
   */
  static List<Object> withDeadLetter(
      Map<String, Object> deliver, Hop deadLetter, KnDelivery d, String dedupScope, Ctx ctx) {
    if (deadLetter == null) return Y.list(deliver);
    return SinkEndpoints.withDeadLetter(
        deliver,
        send(deadLetter, d, Replies.NONE, null, dedupScope, ctx),
        Y.map("attributes", "knative"));
  }

  /** The steps sending the exchange to `hop`: an HTTP call, or entering its Broker or flow. */
  static List<Object> send(
      Hop hop, KnDelivery d, Replies replies, String namespace, String dedupScope, Ctx ctx) {
    if (hop instanceof Hop.Http http) {
      return Y.list(http(http.url(), d, replies, namespace, ctx.used()));
    }
    Hop.Subject s = (Hop.Subject) hop;
    return enter(s.target(), dedupScope, ctx);
  }

  /**
   * Enters `target`, a Broker, Sequence or Parallel of the input: `ofn-kn:enter` applies its door's
   * rules (a Broker's TTL and arrival time, a flow's TTL; a TTL run out is counted, logged and not
   * published), then the publish onto its (first) subject on its bus.
   */
  public static List<Object> enter(ResourceId target, String dedupScope, Ctx ctx) {
    List<Object> steps = new ArrayList<>();
    steps.add(Y.to(KN + "enter", door(target)));
    steps.add(publishIfAllowed(target, dedupScope, ctx));
    return steps;
  }

  /** The `ofn-kn:` parameter naming `target`'s door: `broker`, `sequence` or `parallel`. */
  static Map<String, Object> door(ResourceId target) {
    return Y.map(doorKind(target), target.qualifiedName());
  }

  /** `broker:ns/name`, `sequence:ns/name` or `parallel:ns/name`. */
  static String doorRef(ResourceId target) {
    return doorKind(target) + ":" + target.qualifiedName();
  }

  private static String doorKind(ResourceId target) {
    return switch (target.kind()) {
      case KN_BROKER -> "broker";
      case KN_SEQUENCE -> "sequence";
      case KN_PARALLEL -> "parallel";
      default -> throw new IllegalArgumentException(target + " has no door");
    };
  }

  /** A `filter` on {@link #PUBLISH} around the publish onto `target`'s (first) subject. */
  static Map<String, Object> publishIfAllowed(ResourceId target, String dedupScope, Ctx ctx) {
    return publishIfAllowed(ctx.busOf(target), subjectOf(target), dedupScope);
  }

  /** A `filter` on {@link #PUBLISH} around the publish onto `subject` of `bus`. */
  static Map<String, Object> publishIfAllowed(BusEndpoints bus, String subject, String dedupScope) {
    return Y.map(
        "filter",
        Y.map(
            "simple",
            "${exchangeProperty." + PUBLISH + "}",
            "steps",
            Y.list(bus.publish(subject, dedupScope))));
  }

  /** The subject events enter `target` (a Broker or flow) by. */
  static String subjectOf(ResourceId target) {
    return switch (target.kind()) {
      case KN_BROKER -> Names.brokerSubject(target.namespace(), target.name());
      case KN_SEQUENCE -> FlowNames.sequenceSubject(target.namespace(), target.name(), 0);
      case KN_PARALLEL -> FlowNames.parallelSubject(target.namespace(), target.name());
      default -> throw new IllegalArgumentException(target + " has no subject");
    };
  }

  /** `{route: {id, description, from: {uri, parameters, steps}}}`. */
  static Map<String, Object> route(
      String id, String description, Map<String, Object> from, List<Object> steps) {
    return Y.map(
        "route",
        Y.map(
            "id",
            id,
            "description",
            description,
            "from",
            Y.map("uri", from.get("uri"), "parameters", from.get("parameters"), "steps", steps)));
  }

  /** What every step builder of one route file needs: the run and the Kamelets it uses. */
  public record Ctx(Compilation c, Kamelets used, ResourceId owner) {
    /**
     * The bus endpoints of `target`'s bus: a Broker's (its spec.config, the namespace default,
     * in-memory), a flow's ({@link FlowBus}).
     */
    BusEndpoints busOf(ResourceId target) {
      ResourceSet all = c.resources();
      Resource r =
          all.get(target)
              .orElseThrow(() -> new IllegalStateException(target + " is not in the input"));
      EventBusSpec spec =
          r instanceof Broker b ? BrokerBus.of(b, all).spec() : FlowBus.of((KnFlow) r, all).spec();
      return new BusEndpoints(spec, used, c, owner);
    }
  }
}
