package io.ofnevents.model.load;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.json.Json;
import io.ofnevents.model.knative.APIVersionKind;
import io.ofnevents.model.knative.ApiServerResource;
import io.ofnevents.model.knative.ApiServerSource;
import io.ofnevents.model.knative.ApiServerSourceSpec;
import io.ofnevents.model.knative.ApiServerSourceV1alpha1;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.KReference;
import io.ofnevents.model.knative.KnTrigger;
import io.ofnevents.model.knative.LabelSelector;
import io.ofnevents.model.knative.PingSource;
import io.ofnevents.model.knative.PingSourceSpec;
import io.ofnevents.model.knative.PingSourceV1beta1;
import java.util.ArrayList;
import java.util.List;
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

    /** What the current version requires and the legacy one did not. */
    void error(String path, String message);
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

  /**
   * The removed ApiServerSource versions (seed 003's sources.eventing.knative.dev/v1alpha1,
   * sources.knative.dev/v1alpha1 and v1alpha2) as v1, by Knative's own conversions: a flat `sink`
   * reference becomes `sink.ref`, mode `Ref` becomes `Reference`, a resource's `labelSelector`
   * becomes its `selector` (v1alpha2's `spec.selector` applies to every resource without one), a
   * resource's `controllerSelector` becomes `spec.owner`; `controller: true` was dropped by Knative
   * in v1alpha2 and is ignored here too, with a warning.
   */
  static Object apiServerV1alpha1(Object bound, Context ctx) {
    ApiServerSourceV1alpha1 old = (ApiServerSourceV1alpha1) bound;
    ApiServerSourceV1alpha1.Spec s = old.spec();
    List<String> notes = new ArrayList<>();
    if (s == null) {
      ctx.warn("apiVersion", readAs(ctx));
      return new ApiServerSource(old.metadata(), null, old.status());
    }
    Destination sink = null;
    if (s.sink() != null && s.sink().flat()) {
      var f = s.sink();
      sink =
          new Destination(
              new KReference(f.kind(), f.namespace(), f.name(), f.apiVersion(), null, null),
              s.sink().uri(),
              null,
              null);
      copyLines(ctx, "spec.sink", "spec.sink.ref");
      notes.add("spec.sink {apiVersion, kind, name} is read as spec.sink.ref");
    } else if (s.sink() != null) {
      sink = new Destination(s.sink().ref(), s.sink().uri(), null, null);
    }
    String mode = s.mode();
    if ("Ref".equals(mode)) {
      mode = ApiServerSource.REFERENCE;
      notes.add("spec.mode Ref is read as Reference");
    }
    List<ApiServerResource> resources = null;
    APIVersionKind owner = s.owner();
    if (s.resources() != null) {
      resources = new ArrayList<>();
      for (int i = 0; i < s.resources().size(); i++) {
        ApiServerSourceV1alpha1.Resource r = s.resources().get(i);
        String path = FieldPath.index("spec.resources", i);
        LabelSelector selector = r.labelSelector() != null ? r.labelSelector() : s.selector();
        if (r.labelSelector() != null) {
          copyLines(ctx, path + ".labelSelector", path + ".selector");
        } else if (s.selector() != null) {
          copyLines(ctx, "spec.selector", path + ".selector");
        }
        resources.add(new ApiServerResource(r.apiVersion(), r.kind(), selector));
        var c = r.controllerSelector();
        if (c != null && (notEmpty(c.apiVersion()) || notEmpty(c.kind()))) {
          APIVersionKind o = new APIVersionKind(c.apiVersion(), c.kind());
          if (owner == null) {
            owner = o;
            copyLines(ctx, path + ".controllerSelector", "spec.owner");
            notes.add(path + ".controllerSelector is read as spec.owner");
          } else if (!owner.equals(o)) {
            ctx.warn(
                path + ".controllerSelector",
                "ignored: v1 has one owner filter for every resource, and an earlier one is"
                    + " used");
          }
        }
        if (Boolean.TRUE.equals(r.controller())) {
          ctx.warn(
              path + ".controller",
              "ignored: sending the controlling object's reference instead was dropped by"
                  + " Knative's conversion to v1alpha2; the object itself is sent");
        }
      }
    }
    ctx.warn("apiVersion", readAs(ctx) + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
    // optional in v1alpha1 (a source without a sink did nothing), required in v1
    if (sink == null) {
      Integer spec = ctx.lines().get("spec");
      if (spec != null) ctx.lines().putIfAbsent("spec.sink", spec); // where the binder would say
      ctx.error("spec.sink", "required field is missing");
    }
    ApiServerSourceSpec spec =
        new ApiServerSourceSpec(
            sink, s.ceOverrides(), resources, owner, mode, s.serviceAccountName(), null, null);
    return new ApiServerSource(old.metadata(), spec, old.status());
  }

  /** The lines of the fields under `from` also under `to` (errors point at what was written). */
  private static void copyLines(Context ctx, String from, String to) {
    Map<String, Integer> lines = ctx.lines();
    Map<String, Integer> added = new TreeMap<>();
    lines.forEach(
        (path, line) -> {
          if (path.equals(from) || path.startsWith(from + ".") || path.startsWith(from + "[")) {
            added.put(to + path.substring(from.length()), line);
          }
        });
    added.forEach(lines::putIfAbsent);
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  private static String readAs(Context ctx) {
    return ctx.written()
        + " is read as "
        + ctx.current()
        + ", the version Knative serves now (update the file to silence this)";
  }
}
