package io.ofnevents.model.validate;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.SinkSpec;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.address.Destinations;
import io.ofnevents.model.address.Target;
import io.ofnevents.model.knative.Destination;
import io.ofnevents.model.knative.KReference;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Destinations of both APIs: Knative's shape rules (ref and/or uri, relative uri only with a ref)
 * and, when the run resolves destinations itself, that each one resolves.
 */
final class DestinationRules {
  private DestinationRules() {}

  /** A Knative `Destination` at `path` of a resource in `namespace`. */
  static void knative(
      Destination d, String path, String namespace, ResourceSet all, Addressing a, Reporter r) {
    if (d == null) return;
    String uriPath = FieldPath.join(path, "uri");
    if (d.ref() == null && d.uri() == null) {
      r.error(path, "expected at least one of ref or uri");
      return;
    }
    URI uri = d.uri() == null ? null : parse(d.uri(), uriPath, r);
    if (d.uri() != null && uri == null) return;
    if (d.ref() != null && uri != null && uri.isAbsolute()) {
      r.error(
          uriPath,
          "an absolute uri is not allowed with a ref: give a path relative to the ref's address"
              + " (e.g. /update), or drop the ref");
      return;
    }
    if (d.ref() == null) {
      if (!uri.isAbsolute() || uri.getHost() == null) {
        r.error(uriPath, "\"" + d.uri() + "\" is relative: a relative uri needs a ref");
      } else if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
        r.warning(uriPath, "only http and https can be delivered to: every delivery will fail");
      }
      return;
    }
    ref(d.ref(), FieldPath.join(path, "ref"), r);
    // a ref without kind or name is reported by the loader (required fields)
    if (d.ref() != null && (d.ref().kind() == null || d.ref().name() == null)) return;
    resolves(Destinations.resolve(d, namespace, all, a), FieldPath.join(path, "ref"), a, r);
  }

  /** A Knative ref: apiVersion (or group) required; legacy Knative Service versions warned. */
  static void ref(KReference ref, String path, Reporter r) {
    if (ref.apiVersion() == null && ref.group() == null) {
      r.error(FieldPath.join(path, "apiVersion"), "required field is missing");
    }
    if (ref.apiVersion() != null
        && ref.apiVersion().startsWith("serving.knative.dev/")
        && !ref.apiVersion().equals("serving.knative.dev/v1")) {
      r.warning(
          FieldPath.join(path, "apiVersion"),
          ref.apiVersion() + " is read as serving.knative.dev/v1, the version Knative serves now");
    }
  }

  /** An OpenFunction sink ref resolves (its shape is checked by CommonRules). */
  static void openFunction(
      SinkSpec s, String path, String namespace, ResourceSet all, Addressing a, Reporter r) {
    if (s == null || s.uri() != null || s.ref() == null) return;
    if (s.ref().kind() == null || s.ref().apiVersion() == null) return;
    if (Destinations.unsupported(s.ref().kind(), null, s.ref().apiVersion()).isEmpty()) {
      resolves(Destinations.resolve(s, namespace, all, a), FieldPath.join(path, "ref"), a, r);
    }
  }

  private static void resolves(Target t, String path, Addressing a, Reporter r) {
    if (t instanceof Target.Unresolved u && (a.strict() || u.message().startsWith("unsupported"))) {
      r.error(path, u.message());
    }
  }

  private static URI parse(String value, String path, Reporter r) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      r.error(path, "\"" + value + "\" is not a valid URL: " + e.getReason());
      return null;
    }
  }
}
