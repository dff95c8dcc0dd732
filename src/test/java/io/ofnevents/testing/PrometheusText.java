package io.ofnevents.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text exposition (`/metrics`), to look values up by name and labels.
 */
public final class PrometheusText {
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample: metric name, labels, value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;
  private final String text;

  private PrometheusText(String text, List<Sample> samples) {
    this.text = text;
    this.samples = samples;
  }

  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      Matcher m = SAMPLE.matcher(line.trim());
      if (!m.matches()) continue;
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) labels.put(l.group(1), l.group(2));
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return new PrometheusText(text, samples);
  }

  public String text() {
    return text;
  }

  public List<Sample> samples() {
    return samples;
  }

  /**
   * The value of the sample `name` whose labels include `labels` (name, value, ...); NaN when there
   * is none, and an error when several match.
   */
  public double value(String name, String... labels) {
    List<Sample> found = find(name, labels);
    if (found.size() > 1) {
      throw new IllegalArgumentException(found.size() + " samples of " + name + " match " + found);
    }
    return found.isEmpty() ? Double.NaN : found.get(0).value();
  }

  public List<Sample> find(String name, String... labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(
            s -> {
              for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) return false;
              }
              return true;
            })
        .toList();
  }
}
