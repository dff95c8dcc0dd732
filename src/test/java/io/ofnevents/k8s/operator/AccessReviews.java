package io.ofnevents.k8s.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.ofnevents.testing.MockApiServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fabric8 mock API server's CRUD mode with what it lacks for an ApiServerSource's operator
 * side: in CRUD mode a SubjectAccessReview is stored as posted, with no answer, so here it is
 * answered by evaluating the RBAC objects the test grants (Roles, ClusterRoles and their bindings,
 * as Kubernetes' RBAC authorizer does for service accounts: union of rules, no deny), and `/api/v1`
 * discovery is served as a real API server lists it. Everything else is plain CRUD.
 */
final class AccessReviews extends KubernetesCrudDispatcher {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final String PATH = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

  private final List<HasMetadata> rbac = new CopyOnWriteArrayList<>();
  private final List<String> asked = new CopyOnWriteArrayList<>();

  AccessReviews(List<CustomResourceDefinitionContext> crds) {
    super(crds);
  }

  /** A mock cluster answering access reviews, with the ApiServerSource CRD: ours or Knative's. */
  record Cluster(MockCluster cluster, AccessReviews reviews) {}

  static Cluster cluster(boolean ourApiServerSourceCrd) {
    AccessReviews[] made = new AccessReviews[1];
    MockCluster cluster =
        new MockCluster(
            true,
            crds -> {
              made[0] = new AccessReviews(crds);
              return made[0];
            });
    cluster.installCrd(io.ofnevents.model.Kind.KN_API_SERVER_SOURCE, ourApiServerSourceCrd);
    return new Cluster(cluster, made[0]);
  }

  /** Grants the RBAC objects of `yaml` (one or more documents; other kinds are ignored). */
  void grant(String yaml) {
    Object parsed = JSON.unmarshal(yaml);
    List<?> docs = parsed instanceof List<?> l ? l : List.of(parsed);
    for (Object o : docs) if (o instanceof HasMetadata h) rbac.add(h);
  }

  /** Every review answered, as `user verb group/resource in namespace: allowed`. */
  List<String> asked() {
    return List.copyOf(asked);
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    if (!request.getPath().startsWith(PATH)) return super.handleCreate(request);
    SubjectAccessReview review = JSON.unmarshal(request.getUtf8Body(), SubjectAccessReview.class);
    var a = review.getSpec().getResourceAttributes();
    String ns = a.getNamespace() == null ? "" : a.getNamespace();
    boolean allowed =
        allowed(review.getSpec().getUser(), a.getVerb(), a.getGroup(), a.getResource(), ns);
    asked.add(
        review.getSpec().getUser()
            + " "
            + a.getVerb()
            + " "
            + a.getGroup()
            + "/"
            + a.getResource()
            + " in "
            + (ns.isEmpty() ? "*" : ns)
            + ": "
            + allowed);
    review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed).build());
    return new MockResponse().setResponseCode(201).setBody(JSON.asJson(review));
  }

  @Override
  public MockResponse handleGet(String path) {
    if (path.equals("/api/v1")) {
      return new MockResponse().setResponseCode(200).setBody(JSON.asJson(MockApiServer.coreV1()));
    }
    return super.handleGet(path);
  }

  private boolean allowed(String user, String verb, String group, String resource, String ns) {
    for (HasMetadata h : rbac) {
      if (h instanceof ClusterRoleBinding b && bound(b.getSubjects(), user)) {
        if (grants(b.getRoleRef(), null, verb, group, resource)) return true;
      }
      if (h instanceof RoleBinding b
          && !ns.isEmpty()
          && ns.equals(b.getMetadata().getNamespace())
          && bound(b.getSubjects(), user)
          && grants(b.getRoleRef(), ns, verb, group, resource)) {
        return true;
      }
    }
    return false;
  }

  private static boolean bound(List<Subject> subjects, String user) {
    for (Subject s : subjects) {
      String name =
          "ServiceAccount".equals(s.getKind())
              ? "system:serviceaccount:" + s.getNamespace() + ":" + s.getName()
              : s.getName();
      if (user.equals(name)) return true;
    }
    return false;
  }

  /** Whether the role `ref` (a Role of namespace `ns`, or a ClusterRole) allows it. */
  private boolean grants(RoleRef ref, String ns, String verb, String group, String resource) {
    for (HasMetadata h : rbac) {
      if (!h.getMetadata().getName().equals(ref.getName())) continue;
      List<PolicyRule> rules = null;
      if (h instanceof ClusterRole c && "ClusterRole".equals(ref.getKind())) rules = c.getRules();
      if (h instanceof Role r
          && "Role".equals(ref.getKind())
          && ns != null
          && ns.equals(r.getMetadata().getNamespace())) {
        rules = r.getRules();
      }
      if (rules == null) continue;
      for (PolicyRule rule : rules) {
        if (has(rule.getApiGroups(), group)
            && has(rule.getResources(), resource)
            && has(rule.getVerbs(), verb)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean has(List<String> values, String value) {
    return values != null && (values.contains("*") || values.contains(value));
  }
}
