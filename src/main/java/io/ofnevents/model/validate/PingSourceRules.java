package io.ofnevents.model.validate;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.cron.CronSyntaxException;
import io.ofnevents.model.cron.CronTranslator;
import io.ofnevents.model.json.Json;
import io.ofnevents.model.knative.CloudEventOverrides;
import io.ofnevents.model.knative.PingSource;
import io.ofnevents.model.knative.PingSourceSpec;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Base64;

/** A PingSource: schedule and time zone, data, sink and CloudEvent overrides, as Knative checks. */
final class PingSourceRules {
  private static final String JSON = "application/json";

  private PingSourceRules() {}

  static void check(PingSource p, ResourceSet all, Addressing a, Reporter r) {
    PingSourceSpec s = p.spec();
    if (s == null) return;
    schedule(s, r);
    data(s, r);
    DestinationRules.knative(s.sink(), "spec.sink", p.namespace(), all, a, r);
    overrides(s.ceOverrides(), "spec.ceOverrides", r);
  }

  private static void schedule(PingSourceSpec s, Reporter r) {
    String zone = null;
    if (s.timezone() != null && !s.timezone().isEmpty()) {
      try {
        zone = ZoneId.of(s.timezone()).getId();
      } catch (DateTimeException e) {
        r.error(
            "spec.timezone",
            "\"" + s.timezone() + "\" is not an IANA time zone (e.g. Europe/Paris)");
      }
    }
    String schedule = s.scheduleOrDefault();
    if (schedule.contains("@every")) {
      r.error(
          "spec.schedule",
          "unsupported descriptor @every (Knative refuses it): use a cron schedule");
      return;
    }
    try {
      CronTranslator.translate(zone == null ? schedule : "CRON_TZ=" + zone + " " + schedule);
    } catch (CronSyntaxException e) {
      r.error("spec.schedule", e.getMessage());
    }
  }

  private static void data(PingSourceSpec s, Reporter r) {
    boolean json = JSON.equals(s.contentType());
    boolean hasData = s.data() != null && !s.data().isEmpty();
    boolean hasBase64 = s.dataBase64() != null && !s.dataBase64().isEmpty();
    if (hasData && hasBase64) {
      r.error("spec.dataBase64", "give only one of data and dataBase64");
    } else if (hasBase64) {
      try {
        byte[] decoded = Base64.getDecoder().decode(s.dataBase64());
        if (json) jsonObject(new String(decoded, StandardCharsets.UTF_8), "spec.dataBase64", r);
      } catch (IllegalArgumentException e) {
        r.error("spec.dataBase64", "not valid base64: " + e.getMessage());
      }
    } else if (hasData && json) {
      jsonObject(s.data(), "spec.data", r);
    }
  }

  private static void jsonObject(String text, String path, Reporter r) {
    String[] why = new String[1];
    if (Json.object(text, why).isEmpty()) {
      r.error(path, "with contentType application/json it must be a JSON object: " + why[0]);
    }
  }

  /** Extension names of `ceOverrides`: not empty, ASCII letters and digits only (Knative). */
  static void overrides(CloudEventOverrides o, String path, Reporter r) {
    if (o == null || o.extensions() == null) return;
    for (String key : o.extensions().keySet()) {
      if (!key.matches("[a-zA-Z0-9]+")) {
        r.error(
            FieldPath.join(FieldPath.join(path, "extensions"), key),
            "extension name \"" + key + "\" must be letters and digits only");
      }
    }
  }
}
