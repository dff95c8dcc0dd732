package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ofnevents.k8s.operator.status.KnStatus;
import io.ofnevents.model.Kind;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the status of a resource: for an EventSource or Trigger `observedGeneration`, the bus in
 * use, and one `Ready` condition replaced in place (never appended, unlike upstream); for a Knative
 * kind `observedGeneration`, its fields and one condition per type of its set ({@link KnStatus}). A
 * condition's `lastTransitionTime` moves only when its status does. Nothing is written when nothing
 * changed, so a status update never causes another.
 */
final class StatusWriter {
  static final String READY = "Ready";

  private final KubernetesClient client;
  private final Clock clock;

  StatusWriter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Writes `ready`; returns whether anything changed. */
  boolean write(Kind kind, GenericKubernetesResource cr, Ready ready) {
    return put(kind, cr, desired(cr, status(cr), ready));
  }

  /** Writes the status of a Knative kind; returns whether anything changed. */
  boolean write(Kind kind, GenericKubernetesResource cr, KnStatus s) {
    Map<String, Object> current = status(cr);
    Map<String, Object> desired = new LinkedHashMap<>();
    Long generation = cr.getMetadata().getGeneration();
    if (generation != null) desired.put("observedGeneration", generation);
    desired.putAll(s.fields());
    if (!s.annotations().isEmpty()) desired.put("annotations", s.annotations());
    List<Map<String, Object>> conditions = new ArrayList<>();
    for (KnStatus.Condition c : s.conditions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", c.type());
      m.put("status", c.status().text);
      if (c.reason() != null) m.put("reason", c.reason());
      if (c.message() != null) m.put("message", c.message());
      m.put("lastTransitionTime", since(condition(current, c.type()), c.status().text));
      conditions.add(m);
    }
    desired.put("conditions", conditions);
    return put(kind, cr, normalized(desired));
  }

  /** The fields of a status besides those every kind has, for {@link KnStatus} to keep. */
  static Map<String, Object> fields(Map<String, Object> status) {
    Map<String, Object> fields = new LinkedHashMap<>(status);
    fields.keySet().removeAll(List.of("observedGeneration", "conditions", "annotations"));
    return fields;
  }

  private boolean put(Kind kind, GenericKubernetesResource cr, Map<String, Object> desired) {
    if (desired.equals(status(cr))) return false;
    try {
      client
          .genericKubernetesResources(Resources.context(kind))
          .inNamespace(cr.getMetadata().getNamespace())
          .withName(cr.getMetadata().getName())
          .editStatus(
              latest -> {
                latest.setAdditionalProperty("status", desired);
                return latest;
              });
    } catch (KubernetesClientException e) {
      // Deleted meanwhile: its delete event is queued and stops what it ran.
      if (e.getCode() == 404) return false;
      throw e;
    }
    return true;
  }

  /** The status of a condition, as Kubernetes writes it. */
  enum Status {
    TRUE("True"),
    FALSE("False"),
    /** Not known yet, e.g. routes waiting for the in-process runtime to start them. */
    UNKNOWN("Unknown");

    final String text;

    Status(String text) {
      this.text = text;
    }
  }

  /** The Ready condition: its status, an upstream-style reason and a message. */
  record Ready(Status status, String reason, String message, String eventBus) {}

  Map<String, Object> desired(GenericKubernetesResource cr, Map<String, Object> current, Ready r) {
    Long generation = cr.getMetadata().getGeneration();
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("type", READY);
    String status = r.status().text;
    condition.put("status", status);
    condition.put("reason", r.reason());
    condition.put("message", r.message());
    if (generation != null) condition.put("observedGeneration", generation);
    condition.put("lastTransitionTime", since(readyOf(current), status));
    Map<String, Object> desired = new LinkedHashMap<>();
    if (generation != null) desired.put("observedGeneration", generation);
    if (r.eventBus() != null) desired.put("eventBus", r.eventBus());
    desired.put("conditions", List.of(condition));
    return normalized(desired);
  }

  /** The transition time only moves when the status does, as for built-in conditions. */
  private Object since(Map<?, ?> previous, String status) {
    return previous != null && status.equals(previous.get("status"))
        ? previous.get("lastTransitionTime")
        : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> status(GenericKubernetesResource cr) {
    Object s = cr.getAdditionalProperties().get("status");
    return s instanceof Map<?, ?> m ? normalized((Map<String, Object>) m) : Map.of();
  }

  static Map<?, ?> readyOf(Map<String, Object> status) {
    return condition(status, READY);
  }

  /** The condition `type` of a status, null when it has none. */
  static Map<?, ?> condition(Map<String, Object> status, String type) {
    if (!(status.get("conditions") instanceof List<?> list)) return null;
    return list.stream()
        .filter(c -> c instanceof Map<?, ?> m && type.equals(m.get("type")))
        .map(c -> (Map<?, ?>) c)
        .findFirst()
        .orElse(null);
  }

  /** Numbers as the API returns them (JSON integers may come back as Integer or Long). */
  private static Map<String, Object> normalized(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, normalize(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object normalize(Object v) {
    if (v instanceof Integer i) return i.longValue();
    if (v instanceof Map<?, ?> m) return normalized((Map<String, Object>) m);
    if (v instanceof List<?> l) return l.stream().map(StatusWriter::normalize).toList();
    return v;
  }
}
