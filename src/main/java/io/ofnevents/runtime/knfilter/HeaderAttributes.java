package io.ofnevents.runtime.knfilter;

import io.ofnevents.model.filter.EventAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CloudEvent attributes of a Camel message in binary mode: `ce-{name}` headers (any case) and
 * `Content-Type` for `datacontenttype`.
 */
final class HeaderAttributes implements EventAttributes {
  private static final Set<String> CONTEXT =
      Set.of(
          "specversion",
          "id",
          "source",
          "type",
          "subject",
          "time",
          "dataschema",
          "schemaurl",
          "datacontenttype",
          "datacontentencoding");

  private final Map<String, Object> headers;

  HeaderAttributes(Map<String, Object> headers) {
    this.headers = headers;
  }

  @Override
  public Optional<String> get(String name) {
    if (name.equals("datacontenttype")) {
      return header("Content-Type").or(() -> header("ce-datacontenttype"));
    }
    return header("ce-" + name);
  }

  @Override
  public Set<String> extensionNames() {
    Set<String> names = new TreeSet<>();
    for (String h : headers.keySet()) {
      if (h.regionMatches(true, 0, "ce-", 0, 3)) {
        String n = h.substring(3).toLowerCase(Locale.ROOT);
        if (!CONTEXT.contains(n)) names.add(n);
      }
    }
    return names;
  }

  /** Camel's header maps are case-insensitive; a plain map is searched case-insensitively. */
  private Optional<String> header(String name) {
    Object v = headers.get(name);
    if (v == null) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          v = e.getValue();
          break;
        }
      }
    }
    return Optional.ofNullable(v).map(String::valueOf);
  }
}
