package io.ofnevents.model;

import java.util.Map;

/** Parses Go {@code time.ParseDuration} syntax, which robfig/cron uses for {@code @every}. */
public final class GoDuration {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  // Both micro signs are accepted by Go: U+00B5 (micro sign) and U+03BC (Greek small mu).
  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L,
          "\u03bcs", 1_000L,
          "ms", 1_000_000L,
          "s", NANOS_PER_SECOND,
          "m", 60 * NANOS_PER_SECOND,
          "h", 3600 * NANOS_PER_SECOND);

  private GoDuration() {}

  /**
   * Returns the duration in nanoseconds.
   *
   * @throws IllegalArgumentException with a one-line, Go-like message if the text is not valid
   */
  public static long parseNanos(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    // Go's only unit-less duration.
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    long total = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '.' && !isDigit(c)) {
        throw invalid(text);
      }
      int intStart = i;
      long whole = 0;
      for (; i < s.length() && isDigit(s.charAt(i)); i++) {
        if (whole > (Long.MAX_VALUE - 9) / 10) {
          throw invalid(text); // Go reports overflow of the integer part as invalid too
        }
        whole = whole * 10 + (s.charAt(i) - '0');
      }
      boolean hasInt = i > intStart;
      long fraction = 0;
      double scale = 1;
      boolean hasFraction = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        boolean overflow = false;
        for (; i < s.length() && isDigit(s.charAt(i)); i++) {
          // Like Go, digits beyond what fits are consumed but ignored.
          if (overflow || fraction > (Long.MAX_VALUE - 9) / 10) {
            overflow = true;
            continue;
          }
          fraction = fraction * 10 + (s.charAt(i) - '0');
          scale *= 10;
        }
        hasFraction = i > fracStart;
      }
      if (!hasInt && !hasFraction) {
        throw invalid(text); // "." alone, or ".s"
      }
      int unitStart = i;
      for (; i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i)); i++) {}
      if (i == unitStart) {
        throw new IllegalArgumentException("missing unit in duration \"" + text + "\"");
      }
      String unitText = s.substring(unitStart, i);
      Long unit = UNITS.get(unitText);
      if (unit == null) {
        throw new IllegalArgumentException(
            "unknown unit \"" + unitText + "\" in duration \"" + text + "\"");
      }
      if (whole > Long.MAX_VALUE / unit) {
        throw invalid(text);
      }
      long value = whole * unit;
      if (fraction > 0) {
        // Same float arithmetic as Go, so "1.1s" rounds the way upstream does.
        value += (long) ((double) fraction * ((double) unit / scale));
        if (value < 0) {
          throw invalid(text);
        }
      }
      total += value;
      if (total < 0) {
        throw invalid(text);
      }
    }
    return negative ? -total : total;
  }

  /** robfig {@code Every}: under one second becomes one second, sub-second parts are dropped. */
  public static long robfigEveryMillis(long nanos) {
    long atLeastOneSecond = Math.max(nanos, NANOS_PER_SECOND);
    return (atLeastOneSecond - atLeastOneSecond % NANOS_PER_SECOND) / 1_000_000L;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("invalid duration \"" + text + "\"");
  }
}
