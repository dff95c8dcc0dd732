package io.ofnevents.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tiny builders for the ordered maps and lists generated routes are made of; nulls are left out.
 */
public final class Y {
  private Y() {}

  /** An ordered map from alternating keys and values; entries whose value is null are skipped. */
  public static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  public static List<Object> list(Object... items) {
    return new ArrayList<>(Arrays.stream(items).filter(Objects::nonNull).toList());
  }

  /** `{to: {uri, parameters}}`, parameters omitted when empty. */
  public static Map<String, Object> to(String uri, Map<String, Object> parameters) {
    return map("to", endpoint(uri, parameters));
  }

  public static Map<String, Object> endpoint(String uri, Map<String, Object> parameters) {
    return map(
        "uri", uri, "parameters", parameters == null || parameters.isEmpty() ? null : parameters);
  }
}
