package io.ofnevents.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/**
 * Parses times written with a Go reference layout (`2006-01-02T15:04:05Z07:00`), as upstream's
 * `startAtTime` + `startAtTimeFormat` are (Go {@code time.Parse}). Like Go: a time without a zone
 * is UTC, missing date fields default to January 1, and fractional seconds may follow the seconds
 * even when the layout has none. Zone abbreviations (`MST`) are resolved by Java's zone names.
 */
public final class GoTimeLayout {
  /** Go's {@code time.RFC3339}, the layout used when none is given. */
  public static final String RFC3339 = "2006-01-02T15:04:05Z07:00";

  // Longest first, so that e.g. "January" wins over "Jan" and "2006" over "2".
  private static final List<String> CHUNKS =
      List.of(
          ("January Monday -07:00:00 Z07:00:00 -070000 Z070000 -07:00 Z07:00 -0700 Z0700 2006"
                  + " Jan Mon MST 002 __2 -07 Z07 01 02 _2 03 04 05 06 15 PM pm 1 2 3 4 5")
              .split(" "));

  private GoTimeLayout() {}

  /**
   * The instant `text` denotes in `layout`.
   *
   * @throws IllegalArgumentException with a user-facing message when it does not parse
   */
  public static Instant parse(String text, String layout) {
    DateTimeFormatter formatter = formatter(layout);
    try {
      TemporalAccessor t = formatter.parse(text.trim());
      return Instant.from(t);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "\"" + text + "\" does not match the Go layout \"" + layout + "\": " + e.getMessage());
    }
  }

  static DateTimeFormatter formatter(String layout) {
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
    boolean year = false, month = false, day = false, hour = false, zone = false;
    boolean clock12 = false, ampm = false;
    int i = 0;
    while (i < layout.length()) {
      String chunk = chunkAt(layout, i);
      if (chunk == null) {
        char c = layout.charAt(i++);
        int n = fractionAt(layout, i);
        if ((c == '.' || c == ',') && n > 0) {
          if (layout.charAt(i) == '0') {
            b.appendLiteral(c).appendFraction(ChronoField.NANO_OF_SECOND, n, n, false);
          } else { // ".999": the whole fraction, separator included, is optional
            b.optionalStart().appendLiteral(c);
            b.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false).optionalEnd();
          }
          i += n;
        } else {
          b.appendLiteral(c);
        }
        continue;
      }
      i += chunk.length();
      switch (chunk) {
        case "2006" -> b.appendValue(ChronoField.YEAR, 4);
        case "06" -> b.appendValueReduced(ChronoField.YEAR, 2, 2, 1969);
        case "January" -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.FULL);
        case "Jan" -> b.appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT);
        case "01" -> b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
        case "1" -> number(b, ChronoField.MONTH_OF_YEAR);
        case "Monday" -> b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL);
        case "Mon" -> b.appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT);
        case "02" -> b.appendValue(ChronoField.DAY_OF_MONTH, 2);
        case "_2" ->
            b.padNext(2, ' ').appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NORMAL);
        case "2" -> number(b, ChronoField.DAY_OF_MONTH);
        case "002" -> b.appendValue(ChronoField.DAY_OF_YEAR, 3);
        case "__2" ->
            b.padNext(3, ' ').appendValue(ChronoField.DAY_OF_YEAR, 1, 3, SignStyle.NORMAL);
        case "15" -> number(b, ChronoField.HOUR_OF_DAY);
        case "03" -> b.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
        case "3" -> number(b, ChronoField.CLOCK_HOUR_OF_AMPM);
        case "04" -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
        case "4" -> number(b, ChronoField.MINUTE_OF_HOUR);
        case "05", "5" -> seconds(b, chunk, layout, i);
        case "PM", "pm" -> b.appendText(ChronoField.AMPM_OF_DAY, TextStyle.SHORT);
        case "MST" -> b.appendZoneText(TextStyle.SHORT);
        default -> b.appendOffset(offsetPattern(chunk), chunk.startsWith("Z") ? "Z" : "+00:00");
      }
      year |= chunk.equals("2006") || chunk.equals("06");
      month |= chunk.startsWith("Jan") || chunk.equals("01") || chunk.equals("1");
      day |= chunk.endsWith("2"); // day of month, or day of year ("002", "__2")
      hour |= chunk.equals("15");
      clock12 |= chunk.equals("03") || chunk.equals("3");
      ampm |= chunk.equalsIgnoreCase("PM");
      zone |= chunk.equals("MST") || chunk.startsWith("-07") || chunk.startsWith("Z07");
    }
    if (!year) b.parseDefaulting(ChronoField.YEAR, 0);
    if (!month && !layout.contains("002") && !layout.contains("__2"))
      b.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1);
    if (!day) b.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
    if (!hour && !clock12) b.parseDefaulting(ChronoField.HOUR_OF_DAY, 0);
    if (clock12 && !ampm) b.parseDefaulting(ChronoField.AMPM_OF_DAY, 0);
    b.parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
        .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0);
    DateTimeFormatter f = b.toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    f = f.withChronology(java.time.chrono.IsoChronology.INSTANCE);
    return zone ? f : f.withZone(ZoneOffset.UTC);
  }

  private static void number(DateTimeFormatterBuilder b, ChronoField field) {
    b.appendValue(field, 1, 2, SignStyle.NOT_NEGATIVE);
  }

  private static void seconds(DateTimeFormatterBuilder b, String chunk, String layout, int next) {
    if (chunk.equals("05")) b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
    else number(b, ChronoField.SECOND_OF_MINUTE);
    boolean layoutHasFraction =
        next < layout.length()
            && (layout.charAt(next) == '.' || layout.charAt(next) == ',')
            && fractionAt(layout, next + 1) > 0;
    if (!layoutHasFraction) {
      // Go accepts a fractional second right after the seconds even if the layout has none.
      b.optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd();
    }
  }

  private static String chunkAt(String layout, int i) {
    for (String c : CHUNKS) {
      if (layout.startsWith(c, i)) return c;
    }
    return null;
  }

  /** Length of a run of `0` or `9` at `i` (a fractional-second element after '.' or ','). */
  private static int fractionAt(String layout, int i) {
    if (i >= layout.length()) return 0;
    char d = layout.charAt(i);
    if (d != '0' && d != '9') return 0;
    int n = 0;
    while (i + n < layout.length() && layout.charAt(i + n) == d) n++;
    // Go only treats it as a fraction when no digit follows the run.
    if (i + n < layout.length() && Character.isDigit(layout.charAt(i + n))) return 0;
    return n;
  }

  private static String offsetPattern(String chunk) {
    return switch (chunk.substring(1)) {
      case "07:00:00" -> "+HH:MM:ss";
      case "070000" -> "+HHMMss";
      case "07:00" -> "+HH:MM";
      case "0700" -> "+HHMM";
      default -> "+HH";
    };
  }
}
