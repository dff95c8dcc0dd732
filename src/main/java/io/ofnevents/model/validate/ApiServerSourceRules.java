package io.ofnevents.model.validate;

import io.ofnevents.model.FieldPath;
import io.ofnevents.model.ResourceSet;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.filter.TriggerFilters;
import io.ofnevents.model.knative.APIVersionKind;
import io.ofnevents.model.knative.ApiServerResource;
import io.ofnevents.model.knative.ApiServerSource;
import io.ofnevents.model.knative.ApiServerSourceSpec;
import io.ofnevents.model.knative.LabelSelector;
import io.ofnevents.model.knative.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An ApiServerSource: its resources (apiVersion, kind, selector), owner, namespace selector,
 * filters (a Knative Trigger's rules), sink and overrides, as Knative's webhook checks them. Label
 * names and values are checked too: Knative leaves that to the API server, which would refuse the
 * watch at run time.
 */
final class ApiServerSourceRules {
  /** A group/version or a bare version (`v1`, `apps/v1`, `serving.knative.dev/v1`). */
  private static final Pattern API_VERSION =
      Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[a-z0-9]+");

  /** A label name: an optional DNS subdomain prefix and a name of at most 63 characters. */
  private static final Pattern LABEL_NAME =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

  private ApiServerSourceRules() {}

  static void check(ApiServerSource s, ResourceSet all, Addressing a, Reporter r) {
    ApiServerSourceSpec spec = s.spec();
    String initial =
        s.metadata().annotations() == null
            ? null
            : s.metadata().annotations().get(ApiServerSource.INITIAL_LIST_ANNOTATION);
    if (initial != null && !initial.equals("true") && !initial.equals("false")) {
      r.error(
          "metadata.annotations[\"" + ApiServerSource.INITIAL_LIST_ANNOTATION + "\"]",
          "must be true (send an add for every object that exists at the first start) or false"
              + " (got \""
              + initial
              + "\")");
    }
    if (spec == null) return;
    if (spec.resources() != null && spec.resources().isEmpty()) {
      r.error("spec.resources", "give at least one resource to watch");
    }
    List<ApiServerResource> resources = s.resourcesOrEmpty();
    for (int i = 0; i < resources.size(); i++) {
      ApiServerResource res = resources.get(i);
      String path = FieldPath.index("spec.resources", i);
      apiVersion(res.apiVersion(), FieldPath.join(path, "apiVersion"), r);
      if (res.kind() != null && res.kind().isBlank()) {
        r.error(FieldPath.join(path, "kind"), "must not be empty");
      }
      selector(res.selector(), FieldPath.join(path, "selector"), r);
    }
    APIVersionKind owner = spec.owner();
    if (owner != null && owner.apiVersion() != null && !owner.apiVersion().isEmpty()) {
      apiVersion(owner.apiVersion(), "spec.owner.apiVersion", r);
    }
    selector(spec.namespaceSelector(), "spec.namespaceSelector", r);
    for (TriggerFilters.Issue i : TriggerFilters.check(null, spec.filters())) {
      if (i.warning()) r.warning(i.path(), i.message());
      else r.error(i.path(), i.message());
    }
    DestinationRules.knative(spec.sink(), "spec.sink", s.namespace(), all, a, r);
    PingSourceRules.overrides(spec.ceOverrides(), "spec.ceOverrides", r);
  }

  private static void apiVersion(String v, String path, Reporter r) {
    if (v != null && !API_VERSION.matcher(v).matches()) {
      r.error(path, "\"" + v + "\" is not an apiVersion (VERSION or GROUP/VERSION, e.g. apps/v1)");
    }
  }

  /** A label selector: label names and values, and each operator's values (Kubernetes' rules). */
  static void selector(LabelSelector s, String path, Reporter r) {
    if (s == null) return;
    if (s.matchLabels() != null) {
      for (Map.Entry<String, String> e : s.matchLabels().entrySet()) {
        String p = FieldPath.join(FieldPath.join(path, "matchLabels"), e.getKey());
        labelName(e.getKey(), p, r);
        labelValue(e.getValue(), p, r);
      }
    }
    if (s.matchExpressions() == null) return;
    for (int i = 0; i < s.matchExpressions().size(); i++) {
      LabelSelectorRequirement req = s.matchExpressions().get(i);
      String p = FieldPath.index(FieldPath.join(path, "matchExpressions"), i);
      if (req.key() != null) labelName(req.key(), FieldPath.join(p, "key"), r);
      List<String> values = req.values() == null ? List.of() : req.values();
      String op = req.operator();
      if (("In".equals(op) || "NotIn".equals(op)) && values.isEmpty()) {
        r.error(FieldPath.join(p, "values"), "operator " + op + " needs at least one value");
      } else if (("Exists".equals(op) || "DoesNotExist".equals(op)) && !values.isEmpty()) {
        r.error(FieldPath.join(p, "values"), "operator " + op + " takes no values");
      }
      for (int j = 0; j < values.size(); j++) {
        labelValue(values.get(j), FieldPath.index(FieldPath.join(p, "values"), j), r);
      }
    }
  }

  private static void labelName(String name, String path, Reporter r) {
    if (!LABEL_NAME.matcher(name).matches()) {
      r.error(
          path,
          "\""
              + name
              + "\" is not a label name (letters, digits, '-', '_' and '.', at most 63, with an"
              + " optional DNS prefix and '/')");
    }
  }

  private static void labelValue(String value, String path, Reporter r) {
    if (value != null && !LABEL_VALUE.matcher(value).matches()) {
      r.error(
          path,
          "\""
              + value
              + "\" is not a label value (letters, digits, '-', '_' and '.', at most 63,"
              + " beginning and ending with a letter or digit)");
    }
  }
}
