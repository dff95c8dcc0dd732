package io.ofnevents.model.knative;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Label selectors as text, in the syntax of `kubectl -l` and the API's `labelSelector` parameter
 * (`app=demo,tier in (web,api),!legacy`), and as a predicate on an object's labels. A generated
 * route carries the text; the runtime parses it back once. The empty text matches everything.
 */
public final class Selectors {
  private Selectors() {}

  /** The text of `s`: `matchLabels` sorted by key, then `matchExpressions` in order. */
  public static String format(LabelSelector s) {
    if (s == null) return "";
    List<String> parts = new ArrayList<>();
    if (s.matchLabels() != null) {
      new TreeMap<>(s.matchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
    }
    if (s.matchExpressions() != null) {
      for (LabelSelectorRequirement r : s.matchExpressions()) {
        String values = r.values() == null ? "" : String.join(",", new TreeSet<>(r.values()));
        parts.add(
            switch (r.operator()) {
              case "In" -> r.key() + " in (" + values + ")";
              case "NotIn" -> r.key() + " notin (" + values + ")";
              case "Exists" -> r.key();
              case "DoesNotExist" -> "!" + r.key();
              default -> throw new IllegalArgumentException("operator " + r.operator());
            });
      }
    }
    return String.join(",", parts);
  }

  /**
   * The predicate of a selector text: every requirement holds (Kubernetes' semantics: `!=` and
   * `notin` also hold when the label is absent).
   *
   * @throws IllegalArgumentException when the text is not a selector
   */
  public static Predicate<Map<String, String>> parse(String text) {
    List<Predicate<Map<String, String>>> all = new ArrayList<>();
    for (String part : split(text == null ? "" : text)) all.add(requirement(part.trim(), text));
    return labels -> {
      Map<String, String> l = labels == null ? Map.of() : labels;
      return all.stream().allMatch(p -> p.test(l));
    };
  }

  /** Splits on the commas outside parentheses. */
  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') depth++;
      if (c == ')') depth--;
      if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    if (!text.isBlank()) parts.add(text.substring(start));
    return parts;
  }

  private static Predicate<Map<String, String>> requirement(String part, String text) {
    String[] words = part.split("\\s+", 2);
    if (words.length == 2 && (words[1].startsWith("in ") || words[1].startsWith("notin "))) {
      String key = words[0];
      String rest = words[1];
      boolean in = rest.startsWith("in ");
      String set = rest.substring(in ? 3 : 6).trim();
      if (!set.startsWith("(") || !set.endsWith(")")) throw bad(text, part);
      Set<String> values = new TreeSet<>();
      for (String v : set.substring(1, set.length() - 1).split(",")) {
        if (!v.isBlank()) values.add(v.trim());
      }
      return in
          ? l -> l.containsKey(key) && values.contains(l.get(key))
          : l -> !l.containsKey(key) || !values.contains(l.get(key));
    }
    if (part.contains("!=")) {
      String[] kv = part.split("!=", 2);
      String key = kv[0].trim();
      String value = kv[1].trim();
      return l -> !value.equals(l.get(key));
    }
    if (part.contains("=")) {
      String[] kv = part.split("==?", 2);
      String key = kv[0].trim();
      String value = kv[1].trim();
      return l -> value.equals(l.get(key));
    }
    if (part.startsWith("!")) {
      String key = part.substring(1).trim();
      if (key.isEmpty()) throw bad(text, part);
      return l -> !l.containsKey(key);
    }
    if (part.isEmpty() || part.contains(" ") || part.contains("(")) throw bad(text, part);
    return l -> l.containsKey(part);
  }

  private static IllegalArgumentException bad(String text, String part) {
    return new IllegalArgumentException(
        "\"" + text + "\" is not a label selector: cannot read \"" + part + "\"");
  }
}
