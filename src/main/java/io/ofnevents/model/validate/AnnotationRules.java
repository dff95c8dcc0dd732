package io.ofnevents.model.validate;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.OneOf;
import io.ofnevents.model.Unused;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Checks every field declared with {@link OneOf} or {@link Unused}, anywhere in a resource. */
final class AnnotationRules {
  private AnnotationRules() {}

  static void check(Object value, String path, Reporter r) {
    if (value == null) return;
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> check(v, FieldPath.join(path, String.valueOf(k)), r));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) check(list.get(i), FieldPath.index(path, i), r);
    } else if (value.getClass().isRecord()
        && value.getClass().getPackageName().startsWith("io.ofnevents.model")) {
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        Object child = read(c, value);
        String childPath = FieldPath.join(path, c.getName());
        OneOf oneOf = c.getAnnotation(OneOf.class);
        if (oneOf != null
            && child instanceof String s
            && !Arrays.asList(oneOf.value()).contains(s)) {
          r.error(
              childPath,
              "must be one of " + String.join(", ", oneOf.value()) + " (got \"" + s + "\")");
        }
        Unused unused = c.getAnnotation(Unused.class);
        if (unused != null && child != null) {
          r.warning(childPath, "accepted but has no effect: " + unused.value());
        }
        check(child, childPath, r);
      }
    }
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
