package io.ofnevents.k8s.operator.status;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.FlowBus;
import io.ofnevents.model.knative.KnFlow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Sequence's and a Parallel's status share: `address.url` (the ingress path of the flow),
 * Knative's conditions `ChannelsReady` (the flow's bus: its channels are subjects there),
 * `SubscriptionsReady` (every step or branch destination resolves, then its routes run) and
 * `Addressable`, and the entries of its per-step or per-branch lists. There are no Channel or
 * Subscription objects: a channel entry names the subject and the bus it is on, a subscription
 * entry the durable consumer and where it delivers. Reasons are bounded: {@link #BUS_INVALID},
 * {@link #NOT_RESOLVED}, {@link #NOT_APPLIED}, {@link #EMPTY_ADDRESS}, and the run's ({@link Run}).
 */
abstract class FlowStatus implements KindStatus {
  static final String ADDRESSABLE = "Addressable";
  static final String CHANNELS = "ChannelsReady";
  static final String SUBSCRIPTIONS = "SubscriptionsReady";

  /** ChannelsReady False: the flow's EventBus or ClusterEventBus does not validate. */
  static final String BUS_INVALID = "BusInvalid";

  /** SubscriptionsReady False: a destination of a step or branch does not resolve. */
  static final String NOT_RESOLVED = "SubscriberNotResolved";

  /** A subscription entry while the flow is not applied (another one does not resolve). */
  static final String NOT_APPLIED = "NotApplied";

  /** Addressable False: no ingress serves the flow (Knative's reason and message). */
  static final String EMPTY_ADDRESS = "emptyAddress";

  /** SubscriptionsReady False: the routes failed to start. */
  static final String FAILED = "SubscriptionsNotReady";

  /** `status.annotations`: the bus the flow runs on, as for a Broker. */
  static final String BUS = BrokerStatus.BUS;

  /** One subscription of the flow: a durable consumer delivering to `destinations`. */
  record Subscription(String consumer, List<Destination> destinations, String field) {}

  @Override
  public List<String> conditions() {
    return List.of(ADDRESSABLE, CHANNELS, SUBSCRIPTIONS);
  }

  /** The flow's subscriptions, in the order of its per-step or per-branch lists. */
  abstract List<Subscription> subscriptions(KnFlow flow);

  /** Writes the per-step or per-branch lists from the channel and subscription entries. */
  abstract void lists(
      KnFlow flow, Map<String, Object> channel, List<Map<String, Object>> subs, KnStatus s);

  @Override
  public boolean resolved(Findings f, KnStatus s) {
    KnFlow flow = (KnFlow) f.resource();
    boolean busOk = channels(f, flow, s);
    List<Map<String, Object>> subs = new java.util.ArrayList<>();
    String firstError = null;
    for (Subscription sub : subscriptions(flow)) {
      String error = null;
      for (Destination d : sub.destinations()) {
        String e = resolve(f, d);
        if (e != null && error == null) error = sub.field() + ": " + e;
      }
      subs.add(entry(sub, error));
      if (error != null && firstError == null) firstError = error;
    }
    if (firstError != null) s.markFalse(SUBSCRIPTIONS, NOT_RESOLVED, firstError);
    lists(flow, channel(f, flow, s), subs, s);
    return busOk && firstError == null;
  }

  @Override
  public void running(Findings f, Run run, KnStatus s) {
    KnFlow flow = (KnFlow) f.resource();
    Address.mark(f, s, ADDRESSABLE, EMPTY_ADDRESS, "addressable is nil");
    run.mark(s, SUBSCRIPTIONS, FAILED);
    KnStatus.Condition c = s.condition(SUBSCRIPTIONS);
    List<Map<String, Object>> subs =
        subscriptions(flow).stream().map(sub -> entry(sub, c)).toList();
    lists(flow, channel(f, flow, s), subs, s);
  }

  /** Marks ChannelsReady from the flow's bus; whether the flow can run on it. */
  private static boolean channels(Findings f, KnFlow flow, KnStatus s) {
    FlowBus bus = FlowBus.of(flow, f.inputs());
    if (bus.implicitInMemory()) {
      s.annotate(BUS, "inMemory");
      s.markTrue(CHANNELS);
      return true;
    }
    Resource r = bus.bus().orElseThrow();
    s.annotate(BUS, r.kind().kindName() + "/" + r.name());
    String invalid = f.invalid().get(r.id());
    if (invalid != null) {
      s.markFalse(CHANNELS, BUS_INVALID, r.id() + " is invalid: " + invalid);
      return false;
    }
    s.markTrue(CHANNELS);
    return true;
  }

  /** Where the flow's channels are: its bus (none when implicitly in memory), and their state. */
  private static Map<String, Object> channel(Findings f, KnFlow flow, KnStatus s) {
    Map<String, Object> channel = new LinkedHashMap<>();
    FlowBus bus = FlowBus.of(flow, f.inputs());
    bus.bus()
        .ifPresent(
            r -> {
              Map<String, Object> ref = new LinkedHashMap<>();
              ref.put("apiVersion", r.kind().api().apiVersion());
              ref.put("kind", r.kind().kindName());
              ref.put("name", r.name());
              if (r.namespace() != null) ref.put("namespace", r.namespace());
              channel.put("channel", ref);
            });
    channel.put("ready", ready(s.condition(CHANNELS)));
    return channel;
  }

  /** A channel entry: `subject` on the bus of `channel`. */
  static Map<String, Object> channelEntry(Map<String, Object> channel, String subject) {
    Map<String, Object> e = new LinkedHashMap<>();
    if (channel.get("channel") != null) e.put("channel", channel.get("channel"));
    e.put("subject", subject);
    e.put("ready", channel.get("ready"));
    return e;
  }

  /** An entry for a subscription while resolving: False when `error`, else not applied yet. */
  private static Map<String, Object> entry(Subscription sub, String error) {
    return entry(
        sub,
        error == null
            ? new KnStatus.Condition(
                KnStatus.READY,
                KnStatus.State.UNKNOWN,
                NOT_APPLIED,
                "the flow is not applied: see its SubscriptionsReady")
            : new KnStatus.Condition(KnStatus.READY, KnStatus.State.FALSE, NOT_RESOLVED, error));
  }

  private static Map<String, Object> entry(Subscription sub, KnStatus.Condition c) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("consumer", sub.consumer());
    e.put("ready", ready(c));
    return e;
  }

  private static Map<String, Object> ready(KnStatus.Condition c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", KnStatus.READY);
    m.put("status", c.status().text);
    if (c.status() != KnStatus.State.TRUE && c.reason() != null) m.put("reason", c.reason());
    if (c.status() != KnStatus.State.TRUE && c.message() != null) m.put("message", c.message());
    return m;
  }

  /**
   * Why `d` cannot be delivered to, null when it can: it resolves, and a Broker it names can carry
   * events (else the flow would run onto a fallback bus).
   */
  private static String resolve(Findings f, Destination d) {
    Findings.Resolved r = f.resolve(d);
    if (!r.ok()) return r.error();
    var ref = d.ref();
    if (ref != null
        && "Broker".equals(ref.kind())
        && "eventing.knative.dev".equals(ref.apiGroup())) {
      ResourceId broker =
          new ResourceId(
              Kind.KN_BROKER,
              ref.namespace() == null ? f.resource().namespace() : ref.namespace(),
              ref.name());
      if (!f.brokerUsable(broker)) return broker + " cannot carry events yet (see its status)";
    }
    return null;
  }
}
