package io.ofnevents.model.cron;

/**
 * Result of translating one robfig/cron schedule for Camel. Exactly one of quartzCron/periodMillis
 * is set.
 *
 * @param quartzCron six-field Quartz expression ({@code sec min hour dom month dow}) for
 *     camel-quartz, or {@code null} for an {@code @every} schedule
 * @param periodMillis camel-timer period for an {@code @every} schedule, or {@code null}; upstream
 *     fires first one period after start, so the timer delay should equal the period
 * @param timeZone zone id for the Quartz trigger, or {@code null} when the schedule names none
 *     (upstream then uses the daprd process zone, which the Dapr docs describe as UTC)
 */
public record CronTranslation(String quartzCron, Long periodMillis, String timeZone) {

  /** Whether this is an {@code @every} schedule that maps to a camel-timer period. */
  public boolean isPeriodic() {
    return periodMillis != null;
  }
}
