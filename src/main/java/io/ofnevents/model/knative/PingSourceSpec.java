package io.ofnevents.model.knative;

import io.ofnevents.model.Doc;
import io.ofnevents.model.Required;

/** Desired state of a PingSource (v1 and v1beta2 share it). */
public record PingSourceSpec(
    @Required @Doc("Where each tick is sent: a Broker, a Service, or a URI.") Destination sink,
    @Doc("Extension attributes set on every tick.") CloudEventOverrides ceOverrides,
    @Doc(
            "robfig/cron schedule: 5 fields, 6 with leading seconds, or @hourly etc. (@every is"
                + " refused, as in Knative); default every minute.")
        String schedule,
    @Doc("IANA time zone of the schedule, e.g. Europe/Paris.") String timezone,
    @Doc("datacontenttype of the ticks.") String contentType,
    @Doc("Body of each tick as written; a JSON object with contentType application/json.")
        String data,
    @Doc("Body of each tick, base64-encoded; instead of data.") String dataBase64) {

  /** The schedule, Knative's default when none is given. */
  public String scheduleOrDefault() {
    return schedule == null || schedule.isEmpty() ? PingSource.DEFAULT_SCHEDULE : schedule;
  }
}
