package io.ofnevents.compile.knative;

import io.ofnevents.compile.BusEndpoints;
import io.ofnevents.compile.Compilation;
import io.ofnevents.compile.Kamelets;
import io.ofnevents.compile.Names;
import io.ofnevents.compile.SinkEndpoints;
import io.ofnevents.compile.Y;
import io.ofnevents.model.DeliveryDefaults;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.knative.BrokerBus;
import io.ofnevents.model.knative.KnDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Route steps shared by the Knative kinds and by OpenFunction resources that send to a Broker: the
 * HTTP call with Knative's delivery, the dead letter, and entering a Broker (its TTL and arrival
 * time rules, then the publish onto its subject).
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

  /** The steps sending the exchange to `hop`: an HTTP call, or entering its Broker. */
  static List<Object> send(
      Hop hop, KnDelivery d, Replies replies, String namespace, String dedupScope, Ctx ctx) {
    if (hop instanceof Hop.Http http) {
      return Y.list(http(http.url(), d, replies, namespace, ctx.used()));
    }
    Hop.Subject s = (Hop.Subject) hop;
    return enterBroker(s.target(), dedupScope, ctx);
  }

  /**
   * Enters Broker `broker`: `ofn-kn:enter` applies its TTL and arrival-time rules (a TTL run out is
   * counted, logged and not published), then the publish onto its subject on its bus.
   */
  public static List<Object> enterBroker(ResourceId broker, String dedupScope, Ctx ctx) {
    List<Object> steps = new ArrayList<>();
    steps.add(Y.to(KN + "enter", Y.map("broker", broker.qualifiedName())));
    steps.add(publishIfAllowed(broker, dedupScope, ctx));
    return steps;
  }

  /** A `filter` on {@link #PUBLISH} around the publish onto `broker`'s subject. */
  static Map<String, Object> publishIfAllowed(ResourceId broker, String dedupScope, Ctx ctx) {
    BusEndpoints bus = ctx.brokerBus(broker);
    String subject = Names.brokerSubject(broker.namespace(), broker.name());
    return Y.map(
        "filter",
        Y.map(
            "simple",
            "${exchangeProperty." + PUBLISH + "}",
            "steps",
            Y.list(bus.publish(subject, dedupScope))));
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
    /** The bus endpoints of `broker`'s bus (its spec.config, the namespace default, in-memory). */
    BusEndpoints brokerBus(ResourceId broker) {
      ResourceSet all = c.resources();
      var b =
          all.brokers().stream()
              .filter(x -> x.id().equals(broker))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException(broker + " is not in the input"));
      return new BusEndpoints(BrokerBus.of(b, all).spec(), used, c, owner);
    }
  }
}
