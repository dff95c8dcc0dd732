package io.ofnevents.k8s.keda;

import io.ofnevents.compile.Names;
import io.ofnevents.k8s.camelk.Labels;
import io.ofnevents.model.EventBusSpec;
import io.ofnevents.model.EventSource;
import io.ofnevents.model.EventSourceSpec;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.Input;
import io.ofnevents.model.KafkaSpec;
import io.ofnevents.model.Kind;
import io.ofnevents.model.NatsStreamingSpec;
import io.ofnevents.model.Resource;
import io.ofnevents.model.ResourceId;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The KEDA ScaledObject (keda.sh/v1alpha1) of an EventSource's or Trigger's Camel K Integration,
 * from upstream's `scaleOption`: Kafka lag of the EventSource's consumer groups (KEDA `kafka`
 * scaler), or the pending count of the Trigger's JetStream consumers on a `natsStreaming` bus (KEDA
 * `nats-jetstream` scaler, where upstream used `stan`). The Integration has a scale subresource, so
 * KEDA scales it as it would a Deployment. Pure.
 */
public final class ScaledObjects {
  public static final String API_VERSION = "keda.sh/v1alpha1";
  public static final String KIND = "ScaledObject";

  /** The JetStream account of a server without accounts, KEDA's `account` by default. */
  static final String DEFAULT_ACCOUNT = "$G";

  private ScaledObjects() {}

  /**
   * What `scaleOption` comes to for one resource: the ScaledObject (null: nothing to scale),
   * warnings and errors, each as `field.path: message`.
   */
  public record Scaling(
      Map<String, Object> scaledObject, List<String> warnings, List<String> errors) {
    static Scaling none() {
      return new Scaling(null, List.of(), List.of());
    }
  }

  /** The scaling of `r`, whose bus is `bus` (null: no bus). */
  public static Scaling of(Resource r, Resource bus) {
    if (r instanceof EventSource es && es.spec() != null) return eventSource(es);
    EventBusSpec spec = bus == null ? null : ResourceSet.specOf(bus);
    if (r instanceof Trigger t
        && t.spec() != null
        && spec != null
        && spec.natsStreaming() != null) {
      return trigger(t, spec.natsStreaming(), busPath(bus));
    }
    return Scaling.none();
  }

  /**
   * The paths of the scale options written in `r` itself (a Kafka event of an EventSource, a
   * natsStreaming bus), for "has no effect here" warnings.
   */
  public static List<String> declared(Resource r) {
    List<String> paths = new ArrayList<>();
    if (r instanceof EventSource es && es.spec() != null && es.spec().kafka() != null) {
      new TreeMap<>(es.spec().kafka())
          .forEach(
              (event, k) -> {
                if (k != null && k.scaleOption() != null) paths.add(kafkaPath(event));
              });
    }
    if (r.kind() == Kind.EVENT_BUS || r.kind() == Kind.CLUSTER_EVENT_BUS) {
      EventBusSpec bus = ResourceSet.specOf(r);
      if (bus != null && bus.natsStreaming() != null && bus.natsStreaming().scaleOption() != null) {
        paths.add("spec.natsStreaming.scaleOption");
      }
    }
    return paths;
  }

  /** The scale options that apply to `r`: its own, and for a Trigger its bus's. */
  public static List<String> applying(Resource r, Resource bus) {
    if (r instanceof Trigger && bus != null) {
      return declared(bus).stream().map(p -> bus.id() + " " + p).toList();
    }
    return declared(r);
  }

  private static Scaling eventSource(EventSource es) {
    EventSourceSpec spec = es.spec();
    Map<String, KafkaSpec> kafka = spec.kafka() == null ? Map.of() : new TreeMap<>(spec.kafka());
    List<String> scaled =
        kafka.entrySet().stream()
            .filter(e -> e.getValue() != null && e.getValue().scaleOption() != null)
            .map(Map.Entry::getKey)
            .toList();
    if (scaled.isEmpty()) return Scaling.none();
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> unscaled = new ArrayList<>();
    kafka.keySet().stream()
        .filter(e -> !scaled.contains(e))
        .forEach(e -> unscaled.add("spec.kafka." + e));
    others(spec, unscaled);
    if (!unscaled.isEmpty()) {
      // One Integration runs every event: KEDA would stop these at zero replicas and run a
      // cron or MQTT source once per replica.
      scaled.forEach(
          e ->
              warnings.add(
                  kafkaPath(e)
                      + ": not applied: the EventSource's Integration also runs "
                      + String.join(", ", unscaled)
                      + ", which Kafka lag does not measure; give the scaled Kafka events an"
                      + " EventSource of their own"));
      return new Scaling(null, warnings, errors);
    }
    ScaleOption first = null;
    List<Object> triggers = new ArrayList<>();
    for (String event : scaled) {
      KafkaSpec k = kafka.get(event);
      ScaleOption o = ScaleOption.of(kafkaPath(event), k.scaleOption());
      o.check(errors);
      if (first == null) {
        first = o;
      } else if (!ScaleOption.sameSpec(first, o)) {
        errors.add(
            o.path()
                + ": pollingInterval, cooldownPeriod, minReplicaCount, maxReplicaCount and advanced"
                + " must be the same as in "
                + first.path()
                + ": one ScaledObject scales the EventSource's one Integration");
      }
      Map<String, String> generated = new LinkedHashMap<>();
      generated.put("bootstrapServers", k.brokers());
      generated.put("topic", k.topic());
      generated.put("consumerGroup", Names.sourceConsumer(es.namespace(), es.name(), event));
      if (Boolean.TRUE.equals(k.authRequired())) {
        generated.put("sasl", sasl(k.saslMechanism()));
        if (o.authRef() == null) {
          warnings.add(
              o.at("authRef")
                  + ": KEDA needs the SASL user name and password to read the lag: name a"
                  + " TriggerAuthentication that gives them (username, password)");
        }
      }
      triggers.add(trigger("kafka", event, o.triggerMetadata(generated, warnings), o, errors));
    }
    return result(es.id(), first, triggers, warnings, errors);
  }

  /** The Trigger's scale option lives on its bus: the path names the bus. */
  private static String busPath(Resource bus) {
    return bus.id() + " spec.natsStreaming.scaleOption";
  }

  private static Scaling trigger(Trigger t, NatsStreamingSpec stan, String path) {
    if (stan.scaleOption() == null) return Scaling.none();
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if ("topic".equals(stan.subscriptionType())) {
      warnings.add(
          path
              + ": not applied: with subscriptionType topic every replica has a JetStream consumer"
              + " of its own and receives every event, so more replicas do not share the work");
      return new Scaling(null, warnings, errors);
    }
    ScaleOption o = ScaleOption.of(path, stan.scaleOption());
    o.check(errors);
    TreeSet<String> subjects = new TreeSet<>();
    for (Input input : t.spec().inputs().values()) {
      String ns = input.namespace() == null ? t.namespace() : input.namespace();
      subjects.add(Names.topic(ns, input.eventSource(), input.event()));
    }
    String consumer =
        Names.triggerConsumer(stan.durableSubscriptionName(), t.namespace(), t.name());
    List<Object> triggers = new ArrayList<>();
    for (String subject : subjects) {
      Map<String, String> generated = new LinkedHashMap<>();
      generated.put(
          "natsServerMonitoringEndpoint", stan.scaleOption().natsServerMonitoringEndpoint());
      // A natsStreaming bus has one stream per subject, which no other subject shares.
      generated.put("stream", Names.stream(subject));
      generated.put("consumer", Names.jetStreamDurable(consumer, null, subject, false));
      Map<String, String> metadata = o.triggerMetadata(generated, warnings);
      if (!metadata.containsKey("account") && !metadata.containsKey("accountID")) {
        metadata.put("account", DEFAULT_ACCOUNT);
      }
      triggers.add(trigger("nats-jetstream", subject, metadata, o, errors));
    }
    boolean sharedState =
        t.spec().conditionState() != null && "nats".equals(t.spec().conditionState().store());
    Integer max = o.maxReplicaCount();
    if (subjects.size() > 1 && !sharedState && (max == null || max > 1)) {
      warnings.add(
          path
              + ": each replica keeps its own condition state (conditionState.store memory): a"
              + " condition over several inputs sees only the events its replica received; use"
              + " conditionState.store nats");
    }
    return result(t.id(), o, triggers, warnings, errors);
  }

  private static Map<String, Object> trigger(
      String type, String name, Map<String, String> metadata, ScaleOption o, List<String> errors) {
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("type", type);
    trigger.put("name", Names.k8s(name));
    trigger.put("metadata", metadata);
    Map<String, Object> auth = o.authenticationRef(errors);
    if (auth != null) trigger.put("authenticationRef", auth);
    return trigger;
  }

  private static Scaling result(
      ResourceId id,
      ScaleOption o,
      List<Object> triggers,
      List<String> warnings,
      List<String> errors) {
    if (!errors.isEmpty()) return new Scaling(null, warnings, errors);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "scaleTargetRef",
        Map.of(
            "apiVersion",
            "camel.apache.org/v1",
            "kind",
            "Integration",
            "name",
            Names.integration(id)));
    spec.putAll(o.spec());
    spec.put("triggers", triggers);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", Names.scaledObject(id));
    metadata.put("namespace", id.namespace());
    metadata.put("labels", Labels.of(id));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("apiVersion", API_VERSION);
    manifest.put("kind", KIND);
    manifest.put("metadata", metadata);
    manifest.put("spec", spec);
    return new Scaling(manifest, warnings, errors);
  }

  /** KEDA's `sasl` value of our SASL mechanism (default PLAIN, as the routes). */
  static String sasl(String mechanism) {
    if (mechanism == null) return "plaintext";
    return switch (mechanism) {
      case "SCRAM-SHA-256" -> "scram_sha256";
      case "SCRAM-SHA-512" -> "scram_sha512";
      default -> "plaintext";
    };
  }

  private static void others(EventSourceSpec spec, List<String> into) {
    if (spec.cron() != null) spec.cron().keySet().forEach(e -> into.add("spec.cron." + e));
    if (spec.redis() != null) spec.redis().keySet().forEach(e -> into.add("spec.redis." + e));
    if (spec.mqtt() != null) spec.mqtt().keySet().forEach(e -> into.add("spec.mqtt." + e));
  }

  private static String kafkaPath(String event) {
    return FieldPath.join(FieldPath.join("spec.kafka", event), "scaleOption");
  }
}
