package io.ofnevents.k8s.keda;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.KafkaScaleOption;
import io.ofnevents.model.NatsStreamingScaleOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Upstream's GenericScaleOption, the part the Kafka and NATS Streaming scale options share, read
 * from the field at `path`: the ScaledObject-level fields, the base metadata of the KEDA trigger,
 * its `authenticationRef`, and `lagThreshold`. Pure.
 */
record ScaleOption(
    String path,
    Integer pollingInterval,
    Integer cooldownPeriod,
    Integer minReplicaCount,
    Integer maxReplicaCount,
    Object advanced,
    Map<String, String> metadata,
    Object authRef,
    String lagThreshold) {

  /** The fields of KEDA's `spec.advanced` (AdvancedConfig) as of KEDA 2.20. */
  static final Set<String> ADVANCED =
      Set.of("horizontalPodAutoscalerConfig", "restoreToOriginalReplicaCount", "scalingModifiers");

  /** KEDA's default maxReplicaCount, which minReplicaCount may not exceed either. */
  static final int KEDA_MAX_REPLICAS = 100;

  static ScaleOption of(String path, KafkaScaleOption o) {
    return new ScaleOption(
        path,
        o.pollingInterval(),
        o.cooldownPeriod(),
        o.minReplicaCount(),
        o.maxReplicaCount(),
        o.advanced(),
        o.metadata(),
        o.authRef(),
        o.lagThreshold());
  }

  static ScaleOption of(String path, NatsStreamingScaleOption o) {
    return new ScaleOption(
        path,
        o.pollingInterval(),
        o.cooldownPeriod(),
        o.minReplicaCount(),
        o.maxReplicaCount(),
        o.advanced(),
        o.metadata(),
        o.authRef(),
        o.lagThreshold());
  }

  /** The ScaledObject-level fields, which one workload's scale options must agree on. */
  Map<String, Object> spec() {
    Map<String, Object> spec = new TreeMap<>();
    put(spec, "pollingInterval", pollingInterval);
    put(spec, "cooldownPeriod", cooldownPeriod);
    put(spec, "minReplicaCount", minReplicaCount);
    put(spec, "maxReplicaCount", maxReplicaCount);
    put(spec, "advanced", advanced);
    return spec;
  }

  /**
   * Errors in what KEDA's CRD and webhook would refuse, each as `field.path: message` (`authRef` is
   * checked when it is read, by {@link #authenticationRef}).
   */
  void check(List<String> errors) {
    atLeast(errors, "pollingInterval", pollingInterval, 1);
    atLeast(errors, "cooldownPeriod", cooldownPeriod, 0);
    atLeast(errors, "minReplicaCount", minReplicaCount, 0);
    atLeast(errors, "maxReplicaCount", maxReplicaCount, 1);
    int max = maxReplicaCount == null ? KEDA_MAX_REPLICAS : maxReplicaCount;
    if (minReplicaCount != null && minReplicaCount > max) {
      errors.add(
          at("minReplicaCount") + ": " + minReplicaCount + " is more than maxReplicaCount " + max);
    }
    if (lagThreshold != null && !lagThreshold.matches("[1-9][0-9]{0,17}")) {
      errors.add(
          at("lagThreshold") + ": must be a positive whole number (got \"" + lagThreshold + "\")");
    }
    if (advanced != null) {
      if (!(advanced instanceof Map<?, ?> m)) {
        errors.add(at("advanced") + ": must be an object (KEDA AdvancedConfig)");
      } else {
        for (Object key : m.keySet()) {
          if (!ADVANCED.contains(String.valueOf(key))) {
            errors.add(
                FieldPath.join(at("advanced"), String.valueOf(key))
                    + ": unknown field (KEDA AdvancedConfig has "
                    + String.join(", ", new java.util.TreeSet<>(ADVANCED))
                    + ")");
          }
        }
      }
    }
  }

  /** `authRef` as a KEDA trigger's `authenticationRef`, or null (errors reported). */
  Map<String, Object> authenticationRef(List<String> errors) {
    if (authRef == null) return null;
    String path = at("authRef");
    if (!(authRef instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
      errors.add(path + ": must be {name: TRIGGER_AUTHENTICATION, kind: ...}");
      return null;
    }
    Map<String, Object> ref = new TreeMap<>();
    ref.put("name", name);
    for (Object key : m.keySet()) {
      if (!Set.of("name", "kind").contains(String.valueOf(key))) {
        errors.add(FieldPath.join(path, String.valueOf(key)) + ": unknown field (name, kind)");
      }
    }
    Object kind = m.get("kind");
    if (kind != null) {
      if (!Set.of("TriggerAuthentication", "ClusterTriggerAuthentication").contains(kind)) {
        errors.add(path + ".kind: must be TriggerAuthentication or ClusterTriggerAuthentication");
      } else {
        ref.put("kind", kind);
      }
    }
    return ref;
  }

  /**
   * The KEDA trigger metadata: `metadata` as the base, then `generated` (ours win: the routes use
   * those names), and `lagThreshold` unless `metadata` has one (where upstream users had to put it,
   * since upstream ignored the field). Each override that changes a value is a warning.
   */
  Map<String, String> triggerMetadata(Map<String, String> generated, List<String> warnings) {
    Map<String, String> m = new TreeMap<>();
    if (metadata != null) m.putAll(metadata);
    generated.forEach(
        (k, v) -> {
          String before = m.put(k, v);
          if (before != null && !before.equals(v)) {
            warnings.add(
                FieldPath.join(at("metadata"), k)
                    + ": replaced by \""
                    + v
                    + "\", the value the routes use");
          }
        });
    String given = m.get("lagThreshold");
    if (given == null && lagThreshold != null) {
      m.put("lagThreshold", lagThreshold);
    } else if (given != null && lagThreshold != null && !given.equals(lagThreshold)) {
      warnings.add(
          at("lagThreshold")
              + ": metadata.lagThreshold \""
              + given
              + "\" is used, as upstream did; \""
              + lagThreshold
              + "\" is ignored");
    }
    return m;
  }

  String at(String field) {
    return FieldPath.join(path, field);
  }

  private void atLeast(List<String> errors, String field, Integer value, int min) {
    if (value != null && value < min) {
      errors.add(at(field) + ": must be at least " + min + " (got " + value + ")");
    }
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) m.put(key, value);
  }

  /** Whether the ScaledObject-level fields of `a` and `b` say the same. */
  static boolean sameSpec(ScaleOption a, ScaleOption b) {
    return Objects.equals(a.spec(), b.spec());
  }
}
