package io.ofnevents.model.knative;

import io.ofnevents.model.ObjectMeta;

/** Reading the annotations of the Knative kinds. */
final class KnAnnotations {
  private KnAnnotations() {}

  /** The annotation `key`, or null. */
  static String get(ObjectMeta meta, String key) {
    return meta == null || meta.annotations() == null ? null : meta.annotations().get(key);
  }

  /** The annotation `key` as an integer, or null when absent or not a number. */
  static Integer integer(ObjectMeta meta, String key) {
    String v = get(meta, key);
    if (v == null) return null;
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
