package io.ofnevents.runtime.console.topology;

import java.util.Map;

/**
 * Where a number of the topology comes from: the sum of every meter named `meter` (a constant of
 * {@code Meters}) whose tags include `tags` (a counter's count, a gauge's value).
 */
public record MeterQuery(String meter, Map<String, String> tags) {
  public MeterQuery {
    tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
  }

  /** `tags` as name, value, name, value... */
  public static MeterQuery of(String meter, String... tags) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < tags.length; i += 2) m.put(tags[i], tags[i + 1]);
    return new MeterQuery(meter, m);
  }
}
