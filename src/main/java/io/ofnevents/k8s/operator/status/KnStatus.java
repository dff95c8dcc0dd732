package io.ofnevents.k8s.operator.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The status of one Knative resource being built: its conditions (Knative's "living condition set":
 * `Ready` follows from the others), the fields a kind writes (`address`, `subscriberUri`...) and
 * the values it accepted for its immutable fields. A condition not marked in a reconcile keeps its
 * previous value: what a resource ran before keeps running while a change is refused.
 */
public final class KnStatus {
  /** The top-level condition. */
  public static final String READY = "Ready";

  /** A condition's status, as Kubernetes writes it. */
  public enum State {
    TRUE("True"),
    FALSE("False"),
    UNKNOWN("Unknown");

    public final String text;

    State(String text) {
      this.text = text;
    }

    static State of(Object text) {
      for (State s : values()) if (s.text.equals(text)) return s;
      return UNKNOWN;
    }
  }

  /** One condition; reason and message are null when there is nothing to say. */
  public record Condition(String type, State status, String reason, String message) {}

  private final Map<String, Condition> conditions = new LinkedHashMap<>();
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final Map<String, String> annotations = new TreeMap<>();
  private final List<String> warnings = new ArrayList<>();
  private Condition refused;

  /**
   * `types`: the kind's conditions besides Ready; `previous`: the conditions of the status written
   * last (each as the API returns it), whose values are kept until marked again.
   */
  public KnStatus(List<String> types, List<?> previous, Map<String, Object> previousFields) {
    for (String type : types) conditions.put(type, new Condition(type, State.UNKNOWN, null, null));
    for (Object o : previous) {
      if (o instanceof Map<?, ?> m && conditions.containsKey(String.valueOf(m.get("type")))) {
        String type = String.valueOf(m.get("type"));
        conditions.put(
            type,
            new Condition(
                type, State.of(m.get("status")), text(m.get("reason")), text(m.get("message"))));
      }
    }
    fields.putAll(previousFields);
  }

  public void markTrue(String type) {
    mark(type, State.TRUE, null, null);
  }

  public void markTrue(String type, String reason, String message) {
    mark(type, State.TRUE, reason, message);
  }

  public void markFalse(String type, String reason, String message) {
    mark(type, State.FALSE, reason, message);
  }

  public void markUnknown(String type, String reason, String message) {
    mark(type, State.UNKNOWN, reason, message);
  }

  /** Marks `type` as the condition `c` of another resource says (Knative's propagation). */
  public void propagate(String type, Condition c, String reasonIfNone, String messageIfNone) {
    if (c == null) {
      markUnknown(type, reasonIfNone, messageIfNone);
    } else {
      mark(
          type,
          c.status(),
          c.status() == State.TRUE ? null : c.reason(),
          c.status() == State.TRUE ? null : c.message());
    }
  }

  private void mark(String type, State state, String reason, String message) {
    if (!conditions.containsKey(type)) {
      throw new IllegalArgumentException(type + " is not a condition of this kind");
    }
    conditions.put(type, new Condition(type, state, reason, message));
  }

  /** Sets a status field (`subscriberUri`...); null removes it. */
  public void field(String name, Object value) {
    if (value == null) fields.remove(name);
    else fields.put(name, value);
  }

  /** Sets `status.annotations[key]`: an accepted immutable value, the subject a Broker is. */
  public void annotate(String key, String value) {
    annotations.put(key, value);
  }

  /** A warning for the Ready message (fields that have no effect here, an unshared bus...). */
  public void warn(String warning) {
    warnings.add(warning);
  }

  /**
   * The spec is refused as Knative's admission webhook would refuse it (there is none here): Ready
   * says why, the other conditions keep their values.
   */
  public void refuse(String reason, String message) {
    refused = new Condition(READY, State.FALSE, reason, message);
  }

  /**
   * Ready: False with the reason of the first condition that is False, else Unknown with the first
   * Unknown's, else True (with the warnings as its message), in the order of the kind's set.
   */
  public Condition ready() {
    if (refused != null) return refused;
    for (Condition c : conditions.values()) {
      if (c.status() == State.FALSE)
        return new Condition(READY, State.FALSE, c.reason(), c.message());
    }
    for (Condition c : conditions.values()) {
      if (c.status() == State.UNKNOWN) {
        return new Condition(READY, State.UNKNOWN, c.reason(), c.message());
      }
    }
    return new Condition(
        READY,
        State.TRUE,
        null,
        warnings.isEmpty() ? null : "warnings: " + String.join("; ", warnings));
  }

  /** Every condition, Ready included, sorted by type as Knative keeps them. */
  public List<Condition> conditions() {
    Map<String, Condition> all = new TreeMap<>(conditions);
    all.put(READY, ready());
    return List.copyOf(all.values());
  }

  public Condition condition(String type) {
    return READY.equals(type) ? ready() : conditions.get(type);
  }

  public Map<String, Object> fields() {
    return fields;
  }

  public Map<String, String> annotations() {
    return annotations;
  }

  private static String text(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
