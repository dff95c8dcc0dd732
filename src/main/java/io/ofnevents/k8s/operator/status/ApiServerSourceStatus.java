package io.ofnevents.k8s.operator.status;

import io.ofnevents.model.knative.ApiServerSource;
import io.ofnevents.model.knative.LabelSelector;
import io.ofnevents.model.knative.Selectors;
import java.util.List;
import java.util.Map;

/**
 * An ApiServerSource's status, as Knative's controller writes it: `sinkUri`, `namespaces` (the
 * source's own; those matching `namespaceSelector`, sorted; every namespace for `{}`) and the
 * conditions SinkProvided, SufficientPermissions (a SubjectAccessReview of get, list and watch of
 * each resource in each namespace for `spec.serviceAccountName`; one cluster-wide review per verb
 * for `{}`) and Deployed (its routes). It is not applied while the service account lacks a right,
 * as Knative creates no adapter then. In-process the operator's own identity watches, not the
 * service account: Ready's message says so.
 */
public final class ApiServerSourceStatus implements KindStatus {
  public static final String SINK = PingSourceStatus.SINK;
  public static final String PERMISSIONS = "SufficientPermissions";
  public static final String DEPLOYED = PingSourceStatus.DEPLOYED;

  /**
   * Knative leaves the reason of a False SufficientPermissions empty; ours names it. The message is
   * Knative's: `User system:serviceaccount:NS:SA cannot get, list, watch resource "pods" in API
   * group "" in Namespace "default"`.
   */
  public static final String INSUFFICIENT = "InsufficientPermissions";

  /** The permissions could not be reviewed (the API refused or failed): looked at again later. */
  public static final String REVIEW_FAILED = "PermissionsCheckFailed";

  /** A watched kind the API server does not serve (yet: a CRD may come). */
  public static final String KIND_NOT_SERVED = "KindNotServed";

  /** Knative's annotation turned the check off. */
  public static final String SKIPPED = "PermissionsCheckSkipped";

  private static final List<String> VERBS = List.of("get", "list", "watch");

  @Override
  public List<String> conditions() {
    return List.of(DEPLOYED, SINK, PERMISSIONS);
  }

  @Override
  public boolean resolved(Findings f, KnStatus s) {
    ApiServerSource a = (ApiServerSource) f.resource();
    boolean sinkOk = PingSourceStatus.sink(f, a.spec().sink(), a.namespace(), s);
    List<String> namespaces;
    try {
      namespaces = namespaces(a, f.cluster());
    } catch (RuntimeException e) {
      s.markUnknown(PERMISSIONS, REVIEW_FAILED, "cannot list the namespaces: " + e.getMessage());
      return false;
    }
    s.field("namespaces", namespaces);
    if (f.sharedBus()) {
      // in-process the routes run in the operator; on Camel K the Integration's pod runs as the
      // service account (IntegrationFactory)
      s.warn(
          "in-process, the operator's own identity watches the API server, not "
              + user(a)
              + " (the permissions checked); give the operator's service account the same rights");
    }
    // both are checked, so that the status names every problem at once
    boolean permitted = permitted(a, all(a) ? List.of("") : namespaces, f.cluster(), s);
    return sinkOk && permitted;
  }

  @Override
  public void running(Findings f, Run run, KnStatus s) {
    run.mark(s, DEPLOYED, "DeploymentFailure");
  }

  /** Permissions and namespaces are not watched: look again while they are missing. */
  @Override
  public boolean retry(Findings f, KnStatus s) {
    return s.condition(PERMISSIONS).status() != KnStatus.State.TRUE;
  }

  /** `system:serviceaccount:NS:SA`, Knative's default service account being `default`. */
  static String user(ApiServerSource a) {
    String sa = a.spec().serviceAccountName();
    return "system:serviceaccount:"
        + a.namespace()
        + ":"
        + (sa == null || sa.isEmpty() ? "default" : sa);
  }

  private static boolean all(ApiServerSource a) {
    LabelSelector selector = a.spec().namespaceSelector();
    return selector != null && selector.isEmpty();
  }

  private static List<String> namespaces(ApiServerSource a, Cluster cluster) {
    LabelSelector selector = a.spec().namespaceSelector();
    if (selector == null) return List.of(a.namespace());
    return cluster.namespaces(Selectors.format(selector));
  }

  /**
   * Marks SufficientPermissions from one review per resource, namespace and verb; every missing
   * right is named at once, as Knative does.
   */
  private static boolean permitted(
      ApiServerSource a, List<String> namespaces, Cluster cluster, KnStatus s) {
    Map<String, String> annotations = a.metadata().annotations();
    if (annotations != null
        && "true".equals(annotations.get(ApiServerSource.SKIP_PERMISSIONS_ANNOTATION))) {
      s.markTrue(
          PERMISSIONS,
          SKIPPED,
          ApiServerSource.SKIP_PERMISSIONS_ANNOTATION + " is \"true\": not checked");
      return true;
    }
    String user = user(a);
    List<String> missing = new java.util.ArrayList<>();
    for (var r : a.resourcesOrEmpty()) {
      String plural;
      try {
        plural = cluster.plural(r.apiVersion(), r.kind());
      } catch (RuntimeException e) {
        s.markUnknown(PERMISSIONS, REVIEW_FAILED, "discovery of " + r.apiVersion() + ": " + e);
        return false;
      }
      if (plural == null) {
        s.markUnknown(
            PERMISSIONS,
            KIND_NOT_SERVED,
            "the API server serves no kind " + r.kind() + " in " + r.apiVersion());
        return false;
      }
      int slash = r.apiVersion().indexOf('/');
      String group = slash < 0 ? "" : r.apiVersion().substring(0, slash);
      for (String ns : namespaces) {
        List<String> denied = new java.util.ArrayList<>();
        for (String verb : VERBS) {
          try {
            if (!cluster.allowed(user, verb, group, plural, ns)) denied.add(verb);
          } catch (RuntimeException e) {
            s.markUnknown(
                PERMISSIONS,
                REVIEW_FAILED,
                "cannot create a SubjectAccessReview: " + e.getMessage());
            return false;
          }
        }
        if (!denied.isEmpty()) {
          missing.add(
              String.join(", ", denied)
                  + " resource \""
                  + plural
                  + "\" in API group \""
                  + group
                  + "\" in Namespace \""
                  + ns
                  + "\"");
        }
      }
    }
    if (!missing.isEmpty()) {
      s.markFalse(
          PERMISSIONS, INSUFFICIENT, "User " + user + " cannot " + String.join(", ", missing));
      return false;
    }
    s.markTrue(PERMISSIONS);
    return true;
  }
}
