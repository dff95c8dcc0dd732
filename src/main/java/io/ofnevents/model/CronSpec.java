package io.ofnevents.model;

/** A cron event source. */
public record CronSpec(
    @Required
        @Doc("robfig/cron schedule: 5 or 6 fields (seconds first), @hourly..., @every 5s, CRON_TZ=")
        String schedule) {}
