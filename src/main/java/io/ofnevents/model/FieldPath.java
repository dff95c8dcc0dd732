package io.ofnevents.model;

/** Builds the field paths used in messages: `spec.kafka.sample-one`, `spec.subscribers[0]`. */
public final class FieldPath {
  private FieldPath() {}

  /** `path.key`, or `path["odd key"]` when the key is not a plain name. */
  public static String join(String path, String key) {
    boolean plain = key.matches("[A-Za-z0-9_-]+");
    String segment = plain ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
    if (path.isEmpty()) return segment;
    return plain ? path + "." + segment : path + segment;
  }

  public static String index(String path, int i) {
    return path + "[" + i + "]";
  }
}
