package io.ofnevents.model.cron;

import java.util.List;
import java.util.Locale;

/** The six robfig/cron fields with robfig's bounds and names and their Quartz numbering. */
enum CronField {
  SECOND("second", 0, 59, List.of(), 0),
  MINUTE("minute", 0, 59, List.of(), 0),
  HOUR("hour", 0, 23, List.of(), 0),
  DAY_OF_MONTH("day-of-month", 1, 31, List.of(), 0),
  MONTH(
      "month",
      1,
      12,
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
      0),
  // Unix/robfig count Sunday as 0, Quartz as 1, so every day-of-week number shifts by one.
  DAY_OF_WEEK("day-of-week", 0, 6, List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat"), 1);

  final String label;
  final int min;
  final int max;
  private final List<String> names;
  private final int quartzOffset;

  CronField(String label, int min, int max, List<String> names, int quartzOffset) {
    this.label = label;
    this.min = min;
    this.max = max;
    this.names = names;
    this.quartzOffset = quartzOffset;
  }

  /** The robfig value of a three-letter name (case-insensitive), or -1 if it is not one. */
  int valueOfName(String text) {
    int index = names.indexOf(text.toLowerCase(Locale.ROOT));
    return index < 0 ? -1 : min + index;
  }

  String quartz(int robfigValue) {
    return Integer.toString(robfigValue + quartzOffset);
  }

  long allBits() {
    return bits(min, max, 1);
  }

  static long bits(int from, int to, int step) {
    long bits = 0;
    for (int i = from; i <= to; i += step) {
      bits |= 1L << i;
    }
    return bits;
  }
}
