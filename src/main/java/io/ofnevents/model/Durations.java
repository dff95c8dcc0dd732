package io.ofnevents.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Parses the two duration styles users bring: Go (`200ms`, `1m30s`, as in upstream and NATS) and
 * ISO-8601 (`PT0.2S`, as in Knative `delivery`).
 */
public final class Durations {
  private Durations() {}

  /** The duration, or throws IllegalArgumentException with a user-facing message. */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("empty duration");
    String s = text.trim();
    if (s.startsWith("P") || s.startsWith("-P")) {
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    return parseGo(s, text);
  }

  /** Like {@link #parse} but also requires the duration to be positive. */
  public static Duration parsePositive(String text) {
    Duration d = parse(text);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("\"" + text + "\" must be greater than zero");
    }
    return d;
  }

  /** Go's time.ParseDuration syntax: a sequence of decimal numbers, each with a unit. */
  public static Duration parseGo(String s, String original) {
    try {
      return Duration.ofNanos(GoDuration.parseNanos(s));
    } catch (IllegalArgumentException e) {
      throw invalid(original);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "\"" + text + "\" is not a duration (use e.g. 30s, 1m30s, 200ms or PT0.2S)");
  }
}
