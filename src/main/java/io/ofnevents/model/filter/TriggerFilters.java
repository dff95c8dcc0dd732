package io.ofnevents.model.filter;

import io.ofnevents.cesql.Cesql;
import io.ofnevents.cesql.CesqlSyntaxException;
import io.ofnevents.model.FieldPath;
import io.ofnevents.model.json.Json;
import io.ofnevents.model.knative.SubscriptionsApiFilter;
import io.ofnevents.model.knative.TriggerFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Knative Trigger's `filter` and `filters` as one compiled {@link EventFilter}, and as the exact
 * text the generated route carries: the canonical JSON of the filter in force, `{"filters":[...]}`
 * when `filters` is non-empty (it replaces `filter`), else `{"filter":{"attributes":{...}}}`, else
 * `{}` (every event). The `ofn-kn-filter` Camel language compiles that text back with {@link
 * #compile(String)}; validation reports what Knative's webhook refuses with {@link #check}.
 */
public final class TriggerFilters {
  /** Attribute names Knative accepts in filters. */
  public static final Pattern ATTRIBUTE_NAME = Pattern.compile("^[a-z][a-z0-9]*$");

  private static final List<String> DIALECTS =
      List.of("exact", "prefix", "suffix", "all", "any", "not", "cesql");

  private TriggerFilters() {}

  /** One problem of a filter: a path under `spec`, and whether it is only a warning. */
  public record Issue(String path, String message, boolean warning) {}

  /** The canonical JSON of the filter in force (the `ofn-kn-filter` expression). */
  public static String expression(TriggerFilter filter, List<SubscriptionsApiFilter> filters) {
    return Json.canonical(effective(filter, filters));
  }

  /** The filter in force as plain maps and lists (see the class comment). */
  public static Map<String, Object> effective(
      TriggerFilter filter, List<SubscriptionsApiFilter> filters) {
    Map<String, Object> out = new TreeMap<>();
    if (filters != null && !filters.isEmpty()) {
      out.put("filters", filters.stream().map(TriggerFilters::plain).toList());
    } else if (filter != null) {
      Map<String, Object> f = new TreeMap<>();
      if (filter.attributes() != null) f.put("attributes", new TreeMap<>(filter.attributes()));
      out.put("filter", f);
    }
    return out;
  }

  private static Map<String, Object> plain(SubscriptionsApiFilter f) {
    Map<String, Object> m = new TreeMap<>();
    if (f == null) return m;
    if (f.all() != null) m.put("all", f.all().stream().map(TriggerFilters::plain).toList());
    if (f.any() != null) m.put("any", f.any().stream().map(TriggerFilters::plain).toList());
    if (f.not() != null) m.put("not", plain(f.not()));
    if (f.exact() != null) m.put("exact", new TreeMap<>(f.exact()));
    if (f.prefix() != null) m.put("prefix", new TreeMap<>(f.prefix()));
    if (f.suffix() != null) m.put("suffix", new TreeMap<>(f.suffix()));
    if (f.cesql() != null) m.put("cesql", f.cesql());
    return m;
  }

  /** Compiles an expression written by {@link #expression}. */
  public static EventFilter compile(String expression) {
    Object parsed;
    try {
      parsed = Json.parse(expression);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a filter expression (JSON): " + e.getOriginalMessage());
    }
    if (!(parsed instanceof Map<?, ?> m))
      throw new IllegalArgumentException("expected a JSON object");
    return compile(m);
  }

  /** Compiles the filter in force, as the broker's filter handler chooses it. */
  public static EventFilter compile(Map<?, ?> effective) {
    if (effective.get("filters") instanceof List<?> list && !list.isEmpty()) {
      return Filters.all(materialize(list));
    }
    if (effective.get("filter") instanceof Map<?, ?> f) {
      return f.get("attributes") instanceof Map<?, ?> a
          ? Filters.attributes(strings(a))
          : EventFilter.NONE;
    }
    return EventFilter.NONE;
  }

  private static List<EventFilter> materialize(List<?> list) {
    List<EventFilter> out = new ArrayList<>();
    for (Object o : list) {
      EventFilter f = o instanceof Map<?, ?> m ? materialize(m) : null;
      if (f != null) out.add(f); // Knative skips a filter it cannot build
    }
    return out;
  }

  /** One element, the first dialect it sets in Knative's order; null when it cannot be built. */
  private static EventFilter materialize(Map<?, ?> f) {
    for (String dialect : List.of("exact", "prefix", "suffix")) {
      if (f.get(dialect) instanceof Map<?, ?> m && !m.isEmpty()) {
        Map<String, String> values = strings(m);
        if (values.entrySet().stream()
            .anyMatch(e -> e.getKey().isEmpty() || e.getValue().isEmpty())) {
          return null;
        }
        return switch (dialect) {
          case "exact" -> Filters.exact(values);
          case "prefix" -> Filters.prefix(values);
          default -> Filters.suffix(values);
        };
      }
    }
    if (f.get("all") instanceof List<?> l && !l.isEmpty()) return Filters.all(materialize(l));
    if (f.get("any") instanceof List<?> l && !l.isEmpty()) return Filters.any(materialize(l));
    if (f.get("not") instanceof Map<?, ?> n) {
      EventFilter inner = materialize(n);
      return inner == null ? EventFilter.NONE : Filters.not(inner);
    }
    if (f.get("cesql") instanceof String sql && !sql.isEmpty()) {
      try {
        return Filters.cesql(Cesql.parse(sql));
      } catch (CesqlSyntaxException e) {
        return null;
      }
    }
    return null;
  }

  private static Map<String, String> strings(Map<?, ?> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    return out;
  }

  /** What Knative's webhook refuses (errors) and what it would silently skip (warnings). */
  public static List<Issue> check(TriggerFilter filter, List<SubscriptionsApiFilter> filters) {
    List<Issue> issues = new ArrayList<>();
    if (filter != null) names(filter.attributes(), "spec.filter.attributes", issues);
    if (filters != null) {
      for (int i = 0; i < filters.size(); i++) {
        check(filters.get(i), FieldPath.index("spec.filters", i), issues);
      }
    }
    return issues;
  }

  private static void check(SubscriptionsApiFilter f, String path, List<Issue> issues) {
    if (f == null) return;
    List<String> set = dialects(f);
    if (set.size() > 1) {
      issues.add(
          new Issue(
              path,
              "multiple dialects found ("
                  + String.join(", ", set)
                  + "): each element of filters has exactly one of "
                  + String.join(", ", DIALECTS),
              false));
    } else if (set.isEmpty()) {
      issues.add(new Issue(path, "sets no filter, so it is skipped (as in Knative)", true));
    }
    for (String dialect : List.of("exact", "prefix", "suffix")) {
      Map<String, String> m =
          dialect.equals("exact") ? f.exact() : dialect.equals("prefix") ? f.prefix() : f.suffix();
      String at = FieldPath.join(path, dialect);
      names(m, at, issues);
      if (m != null && m.values().stream().anyMatch(v -> v == null || v.isEmpty())) {
        issues.add(
            new Issue(
                at,
                "an empty value makes Knative skip this filter, so it matches every event",
                true));
      }
    }
    list(f.all(), FieldPath.join(path, "all"), issues);
    list(f.any(), FieldPath.join(path, "any"), issues);
    check(f.not(), FieldPath.join(path, "not"), issues);
    if (f.cesql() != null && !f.cesql().isEmpty()) {
      try {
        Cesql.parse(f.cesql());
      } catch (CesqlSyntaxException e) {
        issues.add(
            new Issue(
                FieldPath.join(path, "cesql"),
                "CESQL syntax error at column " + e.column() + ": " + e.getMessage(),
                false));
      }
    }
  }

  private static void list(List<SubscriptionsApiFilter> list, String path, List<Issue> issues) {
    if (list == null) return;
    for (int i = 0; i < list.size(); i++) check(list.get(i), FieldPath.index(path, i), issues);
  }

  private static List<String> dialects(SubscriptionsApiFilter f) {
    List<String> set = new ArrayList<>();
    if (f.exact() != null && !f.exact().isEmpty()) set.add("exact");
    if (f.prefix() != null && !f.prefix().isEmpty()) set.add("prefix");
    if (f.suffix() != null && !f.suffix().isEmpty()) set.add("suffix");
    if (f.all() != null && !f.all().isEmpty()) set.add("all");
    if (f.any() != null && !f.any().isEmpty()) set.add("any");
    if (f.not() != null) set.add("not");
    if (f.cesql() != null && !f.cesql().isEmpty()) set.add("cesql");
    return set;
  }

  /** Attribute names must match {@link #ATTRIBUTE_NAME}, as Knative's webhook requires. */
  public static void names(Map<String, String> attrs, String path, List<Issue> issues) {
    if (attrs == null) return;
    for (String key : attrs.keySet()) {
      if (ATTRIBUTE_NAME.matcher(key).matches()) continue;
      String hint =
          key.toLowerCase(java.util.Locale.ROOT).startsWith("ce-")
              ? " (name the attribute without the ce- header prefix: "
                  + key.substring(3).toLowerCase(java.util.Locale.ROOT)
                  + ")"
              : "";
      issues.add(
          new Issue(
              FieldPath.join(path, key),
              "attribute name \""
                  + key
                  + "\" must start with a lowercase letter and contain only lowercase letters and"
                  + " digits"
                  + hint,
              false));
    }
  }
}
