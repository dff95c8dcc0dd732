package io.ofnevents.model.filter;

import io.ofnevents.cesql.Cesql;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The filter dialects of Knative Triggers, with the semantics of knative/eventing's
 * `pkg/eventfilter` (attributes and subscriptionsapi), written from its behaviour: each returns
 * {@link Match#PASS}, {@link Match#FAIL} or, when it has nothing to decide, {@link Match#NONE}.
 */
public final class Filters {
  private Filters() {}

  /**
   * `spec.filter.attributes`: every key must exist; `""` means "exists and is non-empty", anything
   * else must be equal (case-sensitive). An empty map passes everything.
   */
  public static EventFilter attributes(Map<String, String> attrs) {
    if (attrs == null) return EventFilter.NONE;
    Map<String, String> copy = Map.copyOf(attrs);
    return e -> {
      for (var entry : copy.entrySet()) {
        Optional<String> value = AttributeLookup.lookup(e, entry.getKey());
        if (value.isEmpty()) return Match.FAIL;
        if (entry.getValue().isEmpty()
            ? value.get().isEmpty()
            : !entry.getValue().equals(value.get())) {
          return Match.FAIL;
        }
      }
      return Match.PASS;
    };
  }

  /** `exact`: every key must exist and its value equal the given one. */
  public static EventFilter exact(Map<String, String> values) {
    return compare(values, String::equals);
  }

  /** `prefix`: every key must exist and its value start with the given one. */
  public static EventFilter prefix(Map<String, String> values) {
    return compare(values, String::startsWith);
  }

  /** `suffix`: every key must exist and its value end with the given one. */
  public static EventFilter suffix(Map<String, String> values) {
    return compare(values, String::endsWith);
  }

  private static EventFilter compare(Map<String, String> values, BiPredicate<String, String> ok) {
    Map<String, String> copy = Map.copyOf(values);
    return e -> {
      for (var entry : copy.entrySet()) {
        Optional<String> value = AttributeLookup.lookup(e, entry.getKey());
        if (value.isEmpty() || !ok.test(value.get(), entry.getValue())) return Match.FAIL;
      }
      return Match.PASS;
    };
  }

  /** `all`: the first FAIL fails; otherwise the last result (NONE when there is no filter). */
  public static EventFilter all(List<EventFilter> filters) {
    if (filters.size() == 1) return filters.get(0);
    List<EventFilter> copy = List.copyOf(filters);
    return e -> {
      Match result = Match.NONE;
      for (EventFilter f : copy) {
        result = f.test(e);
        if (result == Match.FAIL) return Match.FAIL;
      }
      return result;
    };
  }

  /** `any`: the first PASS passes; otherwise the last result (NONE when there is no filter). */
  public static EventFilter any(List<EventFilter> filters) {
    if (filters.size() == 1) return filters.get(0);
    List<EventFilter> copy = List.copyOf(filters);
    return e -> {
      Match result = Match.NONE;
      for (EventFilter f : copy) {
        result = f.test(e);
        if (result == Match.PASS) return Match.PASS;
      }
      return result;
    };
  }

  /** `not`: PASS and FAIL swap; NONE stays NONE. */
  public static EventFilter not(EventFilter filter) {
    return e ->
        switch (filter.test(e)) {
          case PASS -> Match.FAIL;
          case FAIL -> Match.PASS;
          case NONE -> Match.NONE;
        };
  }

  /** `cesql`: PASS when the expression is true; an evaluation error is FAIL, as in Knative. */
  public static EventFilter cesql(Cesql.Expression expression) {
    return e -> expression.matches(new AttributesEvent(e)) ? Match.PASS : Match.FAIL;
  }
}
