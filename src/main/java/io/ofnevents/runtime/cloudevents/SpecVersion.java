package io.ofnevents.runtime.cloudevents;

import java.util.Set;

/**
 * The CloudEvents versions we read and write, each with its context attributes: 1.0, which every
 * event we create has, and 0.3, which a Knative broker must accept and pass on unchanged. Any other
 * attribute of an event is an extension.
 */
public enum SpecVersion {
  V03(
      "0.3",
      Set.of(
          "id",
          "source",
          "specversion",
          "type",
          "datacontenttype",
          "datacontentencoding",
          "schemaurl",
          "subject",
          "time")),
  V1(
      "1.0",
      Set.of(
          "id",
          "source",
          "specversion",
          "type",
          "datacontenttype",
          "dataschema",
          "subject",
          "time"));

  /** Attributes every event must have, in both versions. */
  public static final Set<String> REQUIRED = Set.of("id", "source", "specversion", "type");

  private final String text;
  private final Set<String> attributes;

  SpecVersion(String text, Set<String> attributes) {
    this.text = text;
    this.attributes = attributes;
  }

  /** The `specversion` value, e.g. `1.0`. */
  public String text() {
    return text;
  }

  /** Whether `name` is a context attribute of this version (not an extension). */
  public boolean isContextAttribute(String name) {
    return attributes.contains(name);
  }

  /** The version a `specversion` value names, or null for one we do not know. */
  public static SpecVersion of(String specversion) {
    for (SpecVersion v : values()) if (v.text.equals(specversion)) return v;
    return null;
  }
}
