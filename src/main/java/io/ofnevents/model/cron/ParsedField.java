package io.ofnevents.model.cron;

/**
 * One robfig/cron field as robfig sees it (value bits plus its "star" flag) and as Quartz text.
 *
 * @param star robfig's star bit: set by a bare {@code *} or {@code ?} (or a step of 1 on them); it
 *     decides whether day-of-month and day-of-week combine with AND or OR
 */
record ParsedField(CronField field, String source, long bits, boolean star, String quartz) {

  boolean isFull() {
    return bits == field.allBits();
  }
}
