package io.ofnevents.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Median and min–max of one figure over rounds: the report never shows a best run alone. */
record Spread(double median, double min, double max, int n) {
  static final Spread NONE = new Spread(0, 0, 0, 0);

  static <T> Spread of(List<T> rounds, ToDoubleFunction<T> f) {
    double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
    if (v.length == 0) return NONE;
    int m = v.length / 2;
    double median = v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    return new Spread(median, v[0], v[v.length - 1], v.length);
  }

  static Spread of(double... values) {
    double[] v = Arrays.copyOf(values, values.length);
    Arrays.sort(v);
    return of(Arrays.stream(v).boxed().toList(), d -> d);
  }

  /** `median (min–max)` with `decimals` decimals; the spread is left out for a single round. */
  String format(int decimals) {
    if (n == 0) return "–";
    String f = "%." + decimals + "f";
    String m = String.format(Locale.ROOT, f, median);
    if (n == 1) return m;
    return m
        + " ("
        + String.format(Locale.ROOT, f, min)
        + "–"
        + String.format(Locale.ROOT, f, max)
        + ")";
  }
}
