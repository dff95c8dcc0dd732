package io.ofnevents.model.load;

import io.ofnevents.model.json.Json;
import io.ofnevents.model.knative.KnTrigger;
import io.ofnevents.model.knative.PingSource;
import io.ofnevents.model.knative.PingSourceSpec;
import io.ofnevents.model.knative.PingSourceV1beta1;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the legacy versions the seeds use as the current ones, the way Knative's conversions did,
 * each with a warning that names the current version.
 */
final class LegacyVersions {
  /** What a conversion may use: where fields were written, and a way to warn. */
  interface Context {
    /** The apiVersion as written, e.g. `eventing.knative.dev/v1alpha1`. */
    String written();

    /** The apiVersion it is read as, e.g. `eventing.knative.dev/v1`. */
    String current();

    Map<String, Integer> lines();

    void warn(String path, String message);
  }

  /** Turns the record bound for a legacy version into the current version's resource. */
  interface Conversion {
    Object convert(Object bound, Context ctx);
  }

  private LegacyVersions() {}

  /** A version whose schema is the current one. */
  static Object sameSpec(Object bound, Context ctx) {
    ctx.warn("apiVersion", readAs(ctx));
    return bound;
  }

  /** v1alpha1 and v1beta1 Triggers defaulted `spec.broker` to `default`; v1 requires it. */
  static Object defaultBroker(Object bound, Context ctx) {
    KnTrigger t = (KnTrigger) bound;
    boolean defaulted = t.spec() != null && t.brokerName() == null;
    ctx.warn(
        "apiVersion",
        readAs(ctx) + (defaulted ? "; spec.broker defaults to \"default\" as it did there" : ""));
    return defaulted ? t.withSpec(t.spec().withBroker("default")) : t;
  }

  /**
   * v1beta1 PingSource `jsonData` becomes `data` with `contentType: application/json`; text that is
   * not a JSON object is wrapped as `{"body": text}` (Knative's v1beta1 conversion rule).
   */
  static Object pingJsonData(Object bound, Context ctx) {
    PingSourceV1beta1 old = (PingSourceV1beta1) bound;
    PingSourceV1beta1.Spec s = old.spec();
    String data = null;
    String contentType = null;
    if (s != null && s.jsonData() != null && !s.jsonData().isEmpty()) {
      contentType = "application/json";
      String[] why = new String[1];
      var object = Json.object(s.jsonData(), why);
      if (object.isPresent()) {
        // Go re-marshalled the parsed map: compact, top-level keys sorted.
        Map<String, Object> sorted = new TreeMap<>();
        object.get().fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        data = Json.canonical(sorted);
      } else {
        data = Json.canonical(Map.of("body", s.jsonData()));
        ctx.warn(
            "spec.jsonData", why[0] + ", so it is sent as {\"body\": <the text>}, as v1beta1 did");
      }
      Integer line = ctx.lines().get("spec.jsonData");
      if (line != null) {
        ctx.lines().put("spec.data", line);
        ctx.lines().put("spec.contentType", line);
      }
    }
    ctx.warn(
        "apiVersion",
        readAs(ctx)
            + (data == null
                ? ""
                : "; spec.jsonData is sent as spec.data with contentType application/json"));
    PingSourceSpec spec =
        s == null
            ? null
            : new PingSourceSpec(
                s.sink(), s.ceOverrides(), s.schedule(), s.timezone(), contentType, data, null);
    return new PingSource(old.metadata(), spec, old.status());
  }

  private static String readAs(Context ctx) {
    return ctx.written()
        + " is read as "
        + ctx.current()
        + ", the version Knative serves now (update the file to silence this)";
  }
}
