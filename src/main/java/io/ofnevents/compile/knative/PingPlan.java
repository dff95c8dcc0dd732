package io.ofnevents.compile.knative;

import io.ofnevents.model.cron.CronTranslation;
import io.ofnevents.model.knative.PingSource;
import java.util.Map;

/**
 * What a PingSource runs as: a cron route building Knative's tick event and sending it on.
 *
 * @param schedule the schedule with its time zone, translated for camel-quartz
 * @param data the body of each tick (decoded `dataBase64`, else `data`), empty when none
 * @param contentType `datacontenttype`, null when not set
 * @param extensions `ceOverrides.extensions`
 */
public record PingPlan(
    PingSource source,
    String route,
    CronTranslation schedule,
    String ceSource,
    String ceType,
    byte[] data,
    String contentType,
    Map<String, String> extensions,
    Hop sink) {}
