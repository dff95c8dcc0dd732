package io.ofnevents.k8s.operator.status;

import java.util.List;
import java.util.Map;

/**
 * Another resource as the cluster holds it, for a kind that reads it (a Trigger's Broker, its
 * dependency): its generation and its status.
 */
public record Observed(Long generation, Map<String, Object> status) {
  /** `status.observedGeneration`, null when not written yet. */
  public Long observedGeneration() {
    return status.get("observedGeneration") instanceof Number n ? n.longValue() : null;
  }

  /** Its Ready condition, null when it has none yet. */
  public KnStatus.Condition ready() {
    if (!(status.get("conditions") instanceof List<?> list)) return null;
    for (Object o : list) {
      if (o instanceof Map<?, ?> m && KnStatus.READY.equals(m.get("type"))) {
        return new KnStatus.Condition(
            KnStatus.READY,
            KnStatus.State.of(m.get("status")),
            m.get("reason") == null ? null : String.valueOf(m.get("reason")),
            m.get("message") == null ? null : String.valueOf(m.get("message")));
      }
    }
    return null;
  }

  /** `status.address.url`, null when it has none. */
  public String addressUrl() {
    return status.get("address") instanceof Map<?, ?> a && a.get("url") instanceof String u
        ? u
        : null;
  }

  /** A string field of its status (`deadLetterSinkUri`...), null when absent. */
  public String field(String name) {
    return status.get(name) instanceof String s ? s : null;
  }
}
