package io.ofnevents.k8s.keda;

import io.ofnevents.compile.Names;
import io.ofnevents.model.EventSource;
import io.ofnevents.model.EventSourceSpec;
import io.ofnevents.model.KafkaSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ScaledObject of an EventSource whose events are all Kafka events with a `scaleOption`: one
 * KEDA `kafka` trigger per event, on the consumer group and topic its route uses. Pure.
 */
final class KafkaScaling {
  private KafkaScaling() {}

  static ScaledObjects.Scaling of(EventSource es) {
    EventSourceSpec spec = es.spec();
    Map<String, KafkaSpec> kafka = spec.kafka() == null ? Map.of() : new TreeMap<>(spec.kafka());
    List<String> scaled =
        kafka.entrySet().stream()
            .filter(e -> e.getValue() != null && e.getValue().scaleOption() != null)
            .map(Map.Entry::getKey)
            .toList();
    if (scaled.isEmpty()) return ScaledObjects.Scaling.none();
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
                  ScaledObjects.kafkaPath(e)
                      + ": not applied: the EventSource's Integration also runs "
                      + String.join(", ", unscaled)
                      + ", which Kafka lag does not measure; give the scaled Kafka events an"
                      + " EventSource of their own"));
      return new ScaledObjects.Scaling(null, warnings, errors);
    }
    ScaleOption first = null;
    List<Object> triggers = new ArrayList<>();
    for (String event : scaled) {
      KafkaSpec k = kafka.get(event);
      ScaleOption o = ScaleOption.of(ScaledObjects.kafkaPath(event), k.scaleOption());
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
      triggers.add(
          ScaledObjects.trigger(
              "kafka", event, o.triggerMetadata(generated, warnings), o.authenticationRef(errors)));
    }
    return ScaledObjects.result(es.id(), first, triggers, warnings, errors);
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
}
