package io.ofnevents.compile;

import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The one place every generated name comes from. Each scheme is documented here once; upstream
 * names are kept where users or other tools see them.
 *
 * <ul>
 *   <li>Bus topic of an event: {@code {ns}-{eventSource}-{event}} (upstream), also the NATS subject
 *       verbatim.
 *   <li>Trigger consumer (JetStream durable / queue group): {@code {ns}-ebft-{trigger}} (upstream),
 *       prefixed with {@code durableSubscriptionName-} for natsStreaming buses.
 *   <li>EventSource publisher id: {@code {ns}-ebfes-{eventSource}} (upstream).
 *   <li>Kafka consumer group, Redis consumer group, MQTT shared-subscription group: {@code
 *       {ns}-{eventSource}-{event}} (upstream omitted the EventSource and sources collided).
 *   <li>MQTT client id (the name of a persistent session): the group plus {@code -} and the replica
 *       id, so that each replica has a session of its own; the subscription is {@code
 *       $share/{group}/{topic}}, so that the replicas split the messages.
 *   <li>Route ids: {@code es-{ns}-{eventSource}-{kind}-{event}} (its source Kamelet's route adds
 *       {@code -source}), {@code t-{ns}-{trigger}} and {@code t-{ns}-{trigger}-in-{n}} for the n-th
 *       input topic, {@code t-{ns}-{trigger}-to-{i}} for the delivery to subscriber i (also its
 *       {@code direct:} endpoint, which parked events are replayed to).
 *   <li>Parking subject of a Trigger (events its subscribers could not deliver and that had no dead
 *       letter): {@code {ns}-ebft-{trigger}-parked}, on the Trigger's bus.
 *   <li>Camel K Integration of a resource: {@code es-{name}} / {@code t-{name}}; the Secret of its
 *       secrets given in clear: {@code es-{name}-secrets} / {@code t-{name}-secrets}; its KEDA
 *       ScaledObject: the Integration's name.
 *   <li>Lease of the operator's leader election: {@code ofn-events-operator}, plus {@code
 *       -{namespace}} when it watches one namespace.
 *   <li>Kubernetes names: DNS-1123 labels of at most 63 characters; a name that had to be cut or
 *       cleaned ends in {@code -} plus 8 hex characters of a SHA-256 of the original.
 *   <li>JetStream stream of a subject (one per subject unless the bus names one): {@code OFN_} plus
 *       the subject with every character outside {@code [A-Za-z0-9_-]} replaced by {@code _}, plus
 *       {@code _} and 8 hex characters of its hash when anything was replaced or cut.
 *   <li>JetStream durable consumer of a Trigger input: the Trigger consumer name; with {@code
 *       subscriptionType: topic} plus {@code -} and the replica id; in a stream holding several
 *       subjects plus {@code _} and the subject. Characters outside {@code [A-Za-z0-9_-]} become
 *       {@code _}, and a name that was cleaned or longer than 128 ends in {@code _} plus 8 hex
 *       characters of the hash of the uncleaned name.
 *   <li>Condition state in JetStream KV: bucket {@value #STATE_BUCKET}, key {@code {ns}.{trigger}}.
 *   <li>Knative kinds: route files {@code kn-{kind}-{ns}-{name}.camel.yaml}, Integrations {@code
 *       kn-{kind}-{name}}, route ids {@code kn-broker-{ns}-{broker}} (ingress), {@code
 *       kn-trigger-{ns}-{trigger}}, {@code kn-ping-{ns}-{pingsource}}, where {kind} is the
 *       lower-case kind name. Every OpenFunction file name starts with its kind name ({@code
 *       eventsource-}, {@code trigger-}...), every OpenFunction Integration and route id with
 *       {@code es-} or {@code t-}, so nothing generated for a Knative kind can be an OpenFunction
 *       name, and an OpenFunction Trigger and a Knative Trigger of the same name stay apart.
 *   <li>Bus subject of a Broker: {@code kn.{ns}.{broker}}. It cannot be an OpenFunction topic
 *       {@code {ns}-{eventSource}-{event}}: a namespace is a DNS label (no dots; validation checks
 *       it), so in a topic every '.' comes after the "-" that ends the namespace, and the topic's
 *       first dot-separated token contains a '-' (or the topic has no '.' at all); a Broker
 *       subject's first token is {@code kn}, without one, followed by at least two more. Broker
 *       names may contain dots; the namespace, a single token, keeps the mapping one-to-one.
 *   <li>Durable consumer of a Knative Trigger: {@code {ns}-kn-trigger-{trigger}}, on its Broker's
 *       subject. Durables, queue groups and in-memory consumers are scoped by the subject (or
 *       stream) they read, and in a stream shared by several subjects the subject is part of the
 *       durable name (above), so it never meets an OpenFunction Trigger's {@code {ns}-ebft-{t}}.
 *   <li>CloudEvent `source` of a PingSource: {@code /apis/v1/namespaces/{ns}/pingsources/{name}},
 *       `type` {@value #PING_TYPE} (Knative's).
 *   <li>Knative routes: a Trigger's delivery {@code kn-trigger-{ns}-{trigger}-deliver} (also its
 *       {@code direct:} endpoint, where parked events are replayed); a PingSource's tick {@code
 *       kn-ping-{ns}-{name}} and, for an HTTP sink, {@code kn-ping-{ns}-{name}-in} (its consumer)
 *       and {@code kn-ping-{ns}-{name}-deliver}.
 *   <li>Subjects of the Knative kinds besides a Broker's, each with a first dot-separated token
 *       without '-' and at least one more token, so that (as above) none can be an OpenFunction
 *       topic, a Broker subject or another of these: a PingSource's ticks to an HTTP sink {@code
 *       knping.{ns}.{name}} (on the namespace's default bus), the parking subjects {@code
 *       knparked.{ns}.{trigger}} (a Knative Trigger, on its Broker's bus) and {@code
 *       knpingparked.{ns}.{name}} (a PingSource).
 *   <li>Durable consumer of a PingSource's ticks: {@code {ns}-kn-ping-{name}}.
 *   <li>Parked-event ids (`ofn-events parked`, `/api/parked`) are {@code {ns}/{owner}/{n}}; the
 *       owner is the OpenFunction Trigger's name, {@code kn-trigger:{trigger}} for a Knative
 *       Trigger and {@code pingsource:{name}} for a PingSource (':' is in no Kubernetes name, so
 *       neither meets an OpenFunction Trigger's).
 *   <li>Ingress path of a Broker: {@code /{ns}/{broker}}.
 *   <li>Service in front of a Broker's ingress (operator, Camel K mode): {@code
 *       kn-broker-{broker}-ingress} in the Broker's namespace; in front of the in-process runtime's
 *       ingress: the operator's Lease name plus {@code -ingress}, in the operator's namespace.
 * </ul>
 */
public final class Names {
  public static final int K8S_MAX = 63;

  /** JetStream KV bucket holding the condition state of Triggers with `store: nats`. */
  public static final String STATE_BUCKET = "ofn-trigger-state";

  private static final int DURABLE_MAX = 128;

  /** CloudEvent `type` of a PingSource's ticks. */
  public static final String PING_TYPE = "dev.knative.sources.ping";

  private Names() {}

  public static String topic(String namespace, String eventSource, String event) {
    return namespace + "-" + eventSource + "-" + event;
  }

  public static String triggerConsumer(String namespace, String trigger) {
    return namespace + "-ebft-" + trigger;
  }

  public static String triggerConsumer(String durablePrefix, String namespace, String trigger) {
    String base = triggerConsumer(namespace, trigger);
    return durablePrefix == null ? base : durablePrefix + "-" + base;
  }

  /** Subject a Trigger's undeliverable events are parked on (`ofn-events parked`). */
  public static String triggerParked(String namespace, String trigger) {
    return triggerConsumer(namespace, trigger) + "-parked";
  }

  public static String eventSourcePublisher(String namespace, String eventSource) {
    return namespace + "-ebfes-" + eventSource;
  }

  /** Kafka and Redis consumer group, MQTT client id and shared-subscription group. */
  public static String sourceConsumer(String namespace, String eventSource, String event) {
    return namespace + "-" + eventSource + "-" + event;
  }

  /**
   * MQTT client id of one replica of a shared subscription: its own persistent session, which only
   * this replica id resumes.
   */
  public static String mqttClientId(String base, String replica) {
    return base + "-" + replica;
  }

  /**
   * MQTT topic filter of a shared subscription (MQTT 5, and mosquitto 2 also for 3.1.1 clients):
   * the broker gives each message to one subscriber of the group. No group: `topic` itself.
   */
  public static String mqttSharedFilter(String group, String topic) {
    return group == null ? topic : "$share/" + group + "/" + topic;
  }

  public static String eventSourceRoute(String ns, String es, String sourceKind, String event) {
    return "es-" + ns + "-" + es + "-" + sourceKind + "-" + event;
  }

  /** Id of the route a source Kamelet creates for the EventSource route `routeId`. */
  public static String sourceKameletRoute(String routeId) {
    return routeId + "-source";
  }

  public static String triggerRoute(String ns, String trigger) {
    return "t-" + ns + "-" + trigger;
  }

  public static String triggerInputRoute(String ns, String trigger, int index) {
    return triggerRoute(ns, trigger) + "-in-" + index;
  }

  /** The route delivering a fired event to subscriber `index` (its sink, dead letter, topic). */
  public static String triggerSubscriberRoute(String ns, String trigger, int index) {
    return triggerRoute(ns, trigger) + "-to-" + index;
  }

  /** The in-process endpoint of {@link #triggerSubscriberRoute}; replays are sent here too. */
  public static String triggerSubscriberDirect(String ns, String trigger, int index) {
    return "direct:" + triggerSubscriberRoute(ns, trigger, index);
  }

  /** The in-process endpoint joining a Trigger's input routes to its subscriber route. */
  public static String triggerDirect(String ns, String trigger) {
    return "direct:" + triggerRoute(ns, trigger);
  }

  /** The condition-state key of a Trigger: one per Trigger, across replicas. */
  public static String triggerStateKey(String ns, String trigger) {
    return ns + "." + trigger;
  }

  /** CloudEvent `source` of an EventSource's events. */
  public static String ceSource(String ns, String eventSource) {
    return "/apis/" + Kind.API_VERSION + "/namespaces/" + ns + "/eventsources/" + eventSource;
  }

  /** CloudEvent `type` of an event of a source kind (kafka, cron, redis, mqtt). */
  public static String ceType(String sourceKind) {
    return "io.openfunction.events." + sourceKind;
  }

  /**
   * File name of a resource's generated routes: `{kind}-{ns}-{name}.camel.yaml`, `kn-` first for a
   * Knative kind.
   */
  public static String routeFile(ResourceId id) {
    String ns = id.namespace() == null ? "" : id.namespace() + "-";
    return kindPrefix(id.kind()) + ns + id.name() + ".camel.yaml";
  }

  /**
   * Camel K Integration of a resource: `es-{name}` / `t-{name}` (`kn-{kind}-{name}` for a Knative
   * kind) in the resource's namespace.
   */
  public static String integration(ResourceId id) {
    return k8s(integrationPrefix(id.kind()) + id.name());
  }

  /**
   * Secret holding the values of secrets a resource gives in clear (created by the operator, owned
   * by the resource): `{integration}-secrets`.
   */
  public static String integrationSecret(ResourceId id) {
    return k8s(integrationPrefix(id.kind()) + id.name() + "-secrets");
  }

  private static String kindPrefix(Kind kind) {
    String name = kind.kindName().toLowerCase(Locale.ROOT) + "-";
    return kind.isKnative() ? "kn-" + name : name;
  }

  private static String integrationPrefix(Kind kind) {
    if (kind.isKnative()) return kindPrefix(kind);
    return kind == Kind.EVENT_SOURCE ? "es-" : "t-";
  }

  /** Bus subject of a Knative Broker (see the class comment for why it meets no topic). */
  public static String brokerSubject(String ns, String broker) {
    return "kn." + ns + "." + broker;
  }

  /** Route id of a Broker's ingress (`POST /{ns}/{broker}`). */
  public static String brokerRoute(String ns, String broker) {
    return "kn-broker-" + ns + "-" + broker;
  }

  /** Durable consumer of a Knative Trigger on its Broker's subject, shared by replicas. */
  public static String knTriggerConsumer(String ns, String trigger) {
    return ns + "-kn-trigger-" + trigger;
  }

  /** Route id of a Knative Trigger's consuming route. */
  public static String knTriggerRoute(String ns, String trigger) {
    return "kn-trigger-" + ns + "-" + trigger;
  }

  /** Route id of a PingSource's route. */
  public static String pingRoute(String ns, String pingSource) {
    return "kn-ping-" + ns + "-" + pingSource;
  }

  /** CloudEvent `source` of a PingSource's ticks (Knative's). */
  public static String pingCeSource(String ns, String pingSource) {
    return "/apis/v1/namespaces/" + ns + "/pingsources/" + pingSource;
  }

  /** KEDA ScaledObject scaling a resource's Integration: named as the Integration. */
  public static String scaledObject(ResourceId id) {
    return integration(id);
  }

  /** Lease the operators watching `namespace` (null: all) elect their leader with. */
  public static String operatorLease(String namespace) {
    return k8s(namespace == null ? "ofn-events-operator" : "ofn-events-operator-" + namespace);
  }

  /** Route id (and `direct:` name) of a Knative Trigger's delivery to its subscriber. */
  public static String knTriggerDeliveryRoute(String ns, String trigger) {
    return knTriggerRoute(ns, trigger) + "-deliver";
  }

  /** The in-process endpoint of {@link #knTriggerDeliveryRoute}; replays are sent here too. */
  public static String knTriggerDeliveryDirect(String ns, String trigger) {
    return "direct:" + knTriggerDeliveryRoute(ns, trigger);
  }

  /** Subject a Knative Trigger's undeliverable events are parked on, on its Broker's bus. */
  public static String knTriggerParked(String ns, String trigger) {
    return "knparked." + ns + "." + trigger;
  }

  /** The owner part of a Knative Trigger's parked-event ids: `kn-trigger:{trigger}`. */
  public static String knTriggerParkingOwner(String trigger) {
    return KN_TRIGGER_OWNER + trigger;
  }

  /** Prefix of {@link #knTriggerParkingOwner}. */
  public static final String KN_TRIGGER_OWNER = "kn-trigger:";

  /** Prefix of {@link #pingParkingOwner}. */
  public static final String PING_OWNER = "pingsource:";

  /** The owner part of a PingSource's parked-event ids: `pingsource:{name}`. */
  public static String pingParkingOwner(String pingSource) {
    return PING_OWNER + pingSource;
  }

  /** Subject a PingSource's ticks for an HTTP sink wait on (the namespace's default bus). */
  public static String pingSubject(String ns, String pingSource) {
    return "knping." + ns + "." + pingSource;
  }

  /** Subject a PingSource's undeliverable ticks are parked on. */
  public static String pingParked(String ns, String pingSource) {
    return "knpingparked." + ns + "." + pingSource;
  }

  /** Durable consumer delivering a PingSource's ticks to its HTTP sink. */
  public static String pingConsumer(String ns, String pingSource) {
    return ns + "-kn-ping-" + pingSource;
  }

  /** Route id of the consumer of {@link #pingSubject}. */
  public static String pingInputRoute(String ns, String pingSource) {
    return pingRoute(ns, pingSource) + "-in";
  }

  /** Route id (and `direct:` name) of a PingSource's delivery to its HTTP sink. */
  public static String pingDeliveryRoute(String ns, String pingSource) {
    return pingRoute(ns, pingSource) + "-deliver";
  }

  /** The in-process endpoint of {@link #pingDeliveryRoute}; replays are sent here too. */
  public static String pingDeliveryDirect(String ns, String pingSource) {
    return "direct:" + pingDeliveryRoute(ns, pingSource);
  }

  /**
   * Service in front of the ingress Integration of a Broker, Sequence or Parallel (the operator's,
   * Camel K mode): `{integration}-ingress`.
   */
  public static String brokerIngressService(ResourceId broker) {
    return k8s(integrationPrefix(broker.kind()) + broker.name() + "-ingress");
  }

  /** Service in front of the in-process runtime's ingress, for the operator of Lease `lease`. */
  public static String operatorIngressService(String lease) {
    return k8s(lease + "-ingress");
  }

  /** Route id of an ApiServerSource's watch of its `index`-th resource. */
  public static String apiServerRoute(String ns, String source, int index) {
    return "kn-apiserver-" + ns + "-" + source + "-" + index;
  }

  /** Subject an ApiServerSource's events for an HTTP sink wait on (the namespace's default bus). */
  public static String apiServerSubject(String ns, String source) {
    return "knapiserver." + ns + "." + source;
  }

  /** Subject an ApiServerSource's undeliverable events are parked on. */
  public static String apiServerParked(String ns, String source) {
    return "knapiserverparked." + ns + "." + source;
  }

  /** Durable consumer delivering an ApiServerSource's events to its HTTP sink. */
  public static String apiServerConsumer(String ns, String source) {
    return ns + "-kn-apiserver-" + source;
  }

  /** Route id of the consumer of {@link #apiServerSubject}. */
  public static String apiServerInputRoute(String ns, String source) {
    return "kn-apiserver-" + ns + "-" + source + "-in";
  }

  /** Route id (and `direct:` name) of an ApiServerSource's delivery to its HTTP sink. */
  public static String apiServerDeliveryRoute(String ns, String source) {
    return "kn-apiserver-" + ns + "-" + source + "-deliver";
  }

  /** The in-process endpoint of {@link #apiServerDeliveryRoute}; replays are sent here too. */
  public static String apiServerDeliveryDirect(String ns, String source) {
    return "direct:" + apiServerDeliveryRoute(ns, source);
  }

  /** Prefix of {@link #apiServerParkingOwner}. */
  public static final String APISERVER_OWNER = "apiserversource:";

  /** The owner part of an ApiServerSource's parked-event ids: `apiserversource:{name}`. */
  public static String apiServerParkingOwner(String source) {
    return APISERVER_OWNER + source;
  }

  /** JetStream KV bucket holding where each ApiServerSource's watches resume. */
  public static final String APISERVER_BUCKET = "ofn-apiserver-state";

  /**
   * KV key prefix of the resume state of ApiServerSource `ns/source` watching `apiVersion` `kind`
   * in `namespace` (null: all namespaces): `{ns}.{source}.{kind}-{hash}.{namespace or _all}`, the
   * hash of the apiVersion and kind keeping two kinds of the same name apart.
   */
  public static String apiServerStateKey(
      String ns, String source, String apiVersion, String kind, String namespace) {
    String k = kind.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return ns
        + "."
        + source
        + "."
        + k
        + "-"
        + hash(apiVersion + "/" + kind)
        + "."
        + (namespace == null ? "_all" : namespace);
  }

  /**
   * CloudEvent id of an ApiServerSource's event: a name-based UUID (Knative's ids are UUIDs) of the
   * source, the object's uid, its resourceVersion and the change, so that the same change sent
   * again has the same id and the bus keeps one copy.
   */
  public static String apiServerEventId(
      String ns, String source, String uid, String resourceVersion, String change) {
    String name = ns + "/" + source + "\n" + uid + "\n" + resourceVersion + "\n" + change;
    return java.util.UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Path of a Broker on the ingress port (Knative's broker-ingress path). */
  public static String brokerPath(String ns, String broker) {
    return "/" + ns + "/" + broker;
  }

  /** JetStream stream holding `subject` when the bus does not name one. */
  public static String stream(String subject) {
    String clean = subject.replaceAll("[^A-Za-z0-9_-]", "_");
    String name = "OFN_" + clean;
    if (clean.equals(subject) && name.length() <= 64) return name;
    return cut(name, 64 - 9) + "_" + hash(subject);
  }

  /**
   * The JetStream durable consumer reading `subject` for the consumer `consumer`.
   *
   * @param replica the replica id when each replica has its own durable (subscriptionType: topic)
   * @param sharedStream whether the stream holds other subjects too, which then need durables of
   *     their own (durable names are per stream)
   */
  public static String jetStreamDurable(
      String consumer, String replica, String subject, boolean sharedStream) {
    String name = consumer;
    if (replica != null) name += "-" + replica;
    if (sharedStream) name += "_" + subject;
    String clean = name.replaceAll("[^A-Za-z0-9_-]", "_");
    if (clean.equals(name) && name.length() <= DURABLE_MAX) return name;
    return cut(clean, DURABLE_MAX - 9) + "_" + hash(name);
  }

  /** A DNS-1123 label of at most 63 characters derived from `name`. */
  public static String k8s(String name) {
    String clean =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
    // Anything replaced or cut gets the hash, so that `a.b` and `a-b` stay distinct.
    if (clean.length() <= K8S_MAX && clean.equals(name)) return clean;
    return cut(clean, K8S_MAX - 9).replaceAll("-+$", "") + "-" + hash(name);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  static String hash(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
