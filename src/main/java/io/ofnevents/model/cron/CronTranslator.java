package io.ofnevents.model.cron;

import io.ofnevents.model.GoDuration;
import java.time.ZoneId;
import java.util.Map;

/**
 * Translates an OpenFunction (robfig/cron v3) schedule into a camel-quartz cron or camel-timer
 * period.
 */
public final class CronTranslator {

  private static final String EVERY = "@every";

  // robfig's fixed descriptors; robfig matches them case-sensitively, so "@Daily" is an error.
  private static final Map<String, String> DESCRIPTORS =
      Map.of(
          "@yearly", "0 0 0 1 1 ?",
          "@annually", "0 0 0 1 1 ?",
          "@monthly", "0 0 0 1 * ?",
          "@weekly", "0 0 0 ? * 1",
          "@daily", "0 0 0 * * ?",
          "@midnight", "0 0 0 * * ?",
          "@hourly", "0 0 * * * ?");

  private CronTranslator() {}

  /**
   * Translates one schedule, accepting exactly what the Dapr cron binding's parser accepts
   * (SecondOptional | Minute | Hour | Dom | Month | Dow | Descriptor).
   *
   * @throws CronSyntaxException if robfig/cron would reject the schedule, or if it has no exact
   *     Quartz/timer equivalent
   */
  public static CronTranslation translate(String schedule) throws CronSyntaxException {
    if (schedule == null || schedule.isBlank()) {
      throw new CronSyntaxException("schedule is empty");
    }
    // Surrounding blanks are almost always YAML noise; robfig itself would choke on a leading one.
    int position = indexOfNonBlank(schedule, 0);
    String spec = schedule.strip();
    String zone = null;
    String prefix = "";
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      int blank = indexOfBlank(spec);
      if (blank < 0) {
        throw new CronSyntaxException(
            "time zone prefix '" + spec + "' must be followed by a schedule", position);
      }
      int eq = spec.indexOf('=');
      zone = resolveZone(spec.substring(eq + 1, blank), position + eq + 1);
      int rest = indexOfNonBlank(spec, blank);
      prefix = spec.substring(0, blank) + " ";
      position += rest;
      spec = spec.substring(rest);
    }
    if (spec.startsWith("@")) {
      return descriptor(spec, zone, position);
    }
    return new CronTranslation(SpecTranslator.toQuartz(spec, position, prefix), null, zone);
  }

  private static CronTranslation descriptor(String spec, String zone, int position)
      throws CronSyntaxException {
    String quartz = DESCRIPTORS.get(spec);
    if (quartz != null) {
      return new CronTranslation(quartz, null, zone);
    }
    if (spec.equals(EVERY) || spec.startsWith(EVERY + " ")) {
      // A period has no wall-clock anchor, so the zone (validated above, as robfig does) is moot.
      return new CronTranslation(null, everyMillis(spec, position), null);
    }
    throw new CronSyntaxException(
        "unrecognized descriptor '"
            + spec
            + "' (expected @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or"
            + " @every <duration>)",
        position);
  }

  private static long everyMillis(String spec, int position) throws CronSyntaxException {
    if (spec.length() <= EVERY.length() + 1) {
      throw new CronSyntaxException("@every needs a duration, e.g. '@every 5s'", position);
    }
    // robfig takes everything after exactly one space, so "@every  5s" is an invalid duration.
    String text = spec.substring(EVERY.length() + 1);
    int durationPosition = position + EVERY.length() + 1;
    long nanos;
    try {
      nanos = GoDuration.parseNanos(text);
    } catch (IllegalArgumentException e) {
      throw new CronSyntaxException(
          "@every: " + e.getMessage() + " (use Go syntax such as 5s, 1m30s, 1h, 500ms)",
          durationPosition);
    }
    if (nanos <= 0) {
      // robfig would silently round this up to every second; that is never what a user meant.
      throw new CronSyntaxException(
          "@every: duration \"" + text + "\" must be positive", durationPosition);
    }
    return GoDuration.robfigEveryMillis(nanos);
  }

  /** Go {@code time.LoadLocation} semantics: "" and "UTC" are UTC, "Local" is the process zone. */
  private static String resolveZone(String name, int position) throws CronSyntaxException {
    if (name.isEmpty() || name.equals("UTC")) {
      return "UTC";
    }
    if (name.equals("Local")) {
      return null;
    }
    // Only region ids: Go knows no fixed offsets such as "+08:00", which ZoneId.of would accept.
    if (!ZoneId.getAvailableZoneIds().contains(name)) {
      throw new CronSyntaxException(
          "unknown time zone '" + name + "' (expected an IANA name such as Asia/Shanghai or UTC)",
          position);
    }
    return name;
  }

  private static int indexOfBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfNonBlank(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
