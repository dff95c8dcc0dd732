package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.ofnevents.compile.Names;
import io.ofnevents.model.Kind;
import io.ofnevents.model.ResourceId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.v1.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator side of ApiServerSource (issue 13 item 4) in Camel K mode against the fabric8 mock
 * API server (CRUD mode, SubjectAccessReviews answered from the RBAC each test grants, see {@link
 * AccessReviews}): the Integration runs as `spec.serviceAccountName`; SufficientPermissions says
 * what that service account may not do, with Knative's message; `status.sinkUri` and
 * `status.namespaces`; next to Knative's own CRD the source is Knative's.
 */
class KnApiServerOperatorTest {
  /** Seed 003's source as `sources.knative.dev/v1` writes it (its sink a `ref`). */
  static final String SEED_003 =
      """
      apiVersion: sources.knative.dev/v1
      kind: ApiServerSource
      metadata: {name: testevents, namespace: default}
      spec:
        serviceAccountName: events-sa
        mode: Resource
        resources:
        - {apiVersion: v1, kind: Event}
        sink:
          ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: default}
      """;

  static final String PODS =
      """
      apiVersion: sources.knative.dev/v1
      kind: ApiServerSource
      metadata: {name: pods, namespace: default}
      spec:
        serviceAccountName: pod-watcher
        resources:
        - {apiVersion: v1, kind: Pod}
        namespaceSelector: SELECTOR
        sink: {uri: "http://display.default.svc/"}
      """;

  static final String BROKER_ADDRESS =
      "http://kn-broker-default-ingress.default.svc.cluster.local/default/default";

  AccessReviews reviews;
  MockCluster cluster;
  Operator operator;

  void start(boolean ours) {
    AccessReviews.Cluster served = AccessReviews.cluster(ours);
    cluster = served.cluster();
    reviews = served.reviews();
    operator = Operator.camelK(cluster.client, null, OperatorTest.VERSION);
    operator.start();
    await().atMost(OperatorTest.WAIT).until(operator::ready);
  }

  @AfterEach
  void stop() {
    if (operator != null) operator.close();
    if (cluster != null) cluster.close();
  }

  @Test
  void seed003RunsAsEventsSaWithTheRbacItShips() throws Exception {
    start(true);
    reviews.grant(Files.readString(Path.of("k8s/examples/apiserversource/events-sa.yaml")));
    cluster.apply(KnOperatorTest.BUS);
    cluster.apply("apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata: {name: default}");
    cluster.apply(SEED_003);
    awaitReady("testevents", "True");

    for (String c : List.of("SinkProvided", "SufficientPermissions", "Deployed")) {
      assertThat(cluster.condition(Kind.KN_API_SERVER_SOURCE, "default", "testevents", c))
          .as(c)
          .containsEntry("status", "True");
    }
    assertThat(cluster.status(Kind.KN_API_SERVER_SOURCE, "default", "testevents"))
        .containsEntry("sinkUri", BROKER_ADDRESS)
        .containsEntry("namespaces", List.of("default"));
    // once per reconcile (the Broker's readiness reconciles it again)
    assertThat(reviews.asked())
        .containsOnly(
            "system:serviceaccount:default:events-sa get /events in default: true",
            "system:serviceaccount:default:events-sa list /events in default: true",
            "system:serviceaccount:default:events-sa watch /events in default: true");
    Integration it = integration("testevents");
    assertThat(it).isNotNull();
    assertThat(it.getSpec().getServiceAccountName()).isEqualTo("events-sa");
  }

  @Test
  void withoutTheRbacItSaysWhatIsMissingRunsNothingAndRecoversOnceGranted() throws Exception {
    start(true);
    cluster.apply(KnOperatorTest.BUS);
    cluster.apply("apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata: {name: default}");
    cluster.apply(SEED_003);
    await()
        .atMost(OperatorTest.WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        cluster.condition(
                            Kind.KN_API_SERVER_SOURCE,
                            "default",
                            "testevents",
                            "SufficientPermissions"))
                    .containsEntry("status", "False"));
    awaitReady("testevents", "False");
    Map<String, Object> permissions =
        cluster.condition(
            Kind.KN_API_SERVER_SOURCE, "default", "testevents", "SufficientPermissions");
    assertThat(permissions)
        .containsEntry("status", "False")
        .containsEntry("reason", "InsufficientPermissions")
        .containsEntry(
            "message",
            "User system:serviceaccount:default:events-sa cannot get, list, watch resource"
                + " \"events\" in API group \"\" in Namespace \"default\"");
    // once the Broker is ready, the permissions are what keeps it from being Ready
    await()
        .atMost(OperatorTest.WAIT)
        .untilAsserted(
            () ->
                assertThat(cluster.ready(Kind.KN_API_SERVER_SOURCE, "default", "testevents"))
                    .containsEntry("reason", "InsufficientPermissions"));
    assertThat(integration("testevents")).isNull();

    // RBAC is not watched: the operator looks again (backoff) and finds the binding
    reviews.grant(Files.readString(Path.of("k8s/examples/apiserversource/events-sa.yaml")));
    awaitReady("testevents", "True");
    assertThat(integration("testevents").getSpec().getServiceAccountName()).isEqualTo("events-sa");
  }

  @Test
  void aNamespaceSelectorIsCheckedInEachMatchingNamespaceAndListedSorted() {
    start(true);
    namespace("team-b", "x");
    namespace("team-a", "x");
    namespace("other", "y");
    // pod-watcher may read pods in team-a only
    reviews.grant(role("team-a", "pod-reader", "Role") + "\n---\n" + binding("team-a", "Role"));
    cluster.apply(PODS.replace("SELECTOR", "{matchLabels: {team: x}}"));
    awaitReady("pods", "False");
    assertThat(cluster.status(Kind.KN_API_SERVER_SOURCE, "default", "pods"))
        .containsEntry("namespaces", List.of("team-a", "team-b"))
        .containsEntry("sinkUri", "http://display.default.svc/");
    assertThat(
            cluster.condition(
                Kind.KN_API_SERVER_SOURCE, "default", "pods", "SufficientPermissions"))
        .containsEntry(
            "message",
            "User system:serviceaccount:default:pod-watcher cannot get, list, watch resource"
                + " \"pods\" in API group \"\" in Namespace \"team-b\"");
    assertThat(integration("pods")).isNull();
  }

  @Test
  void everyNamespaceIsOneClusterWideReviewPerVerb() {
    start(true);
    namespace("team-a", "x");
    reviews.grant(
        role(null, "pod-reader", "ClusterRole") + "\n---\n" + binding(null, "ClusterRole"));
    cluster.apply(PODS.replace("SELECTOR", "{}"));
    awaitReady("pods", "True");
    // once per reconcile (the Broker's readiness reconciles it again)
    assertThat(reviews.asked())
        .containsOnly(
            "system:serviceaccount:default:pod-watcher get /pods in *: true",
            "system:serviceaccount:default:pod-watcher list /pods in *: true",
            "system:serviceaccount:default:pod-watcher watch /pods in *: true");
    assertThat(cluster.status(Kind.KN_API_SERVER_SOURCE, "default", "pods").get("namespaces"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .contains("team-a")
        .isSorted();
    assertThat(integration("pods").getSpec().getServiceAccountName()).isEqualTo("pod-watcher");
  }

  @Test
  void knativesSkipAnnotationSkipsTheCheck() {
    start(true);
    cluster.apply(
        PODS.replace("SELECTOR", "null")
            .replace(
                "namespace: default}",
                "namespace: default, annotations:"
                    + " {features.knative.dev/apiserversource-skip-permissions-check: \"true\"}}"));
    awaitReady("pods", "True");
    assertThat(
            cluster.condition(
                Kind.KN_API_SERVER_SOURCE, "default", "pods", "SufficientPermissions"))
        .containsEntry("status", "True")
        .containsEntry("reason", "PermissionsCheckSkipped");
    assertThat(reviews.asked()).isEmpty();
    assertThat(integration("pods")).isNotNull();
  }

  @Test
  void nextToKnativesOwnCrdTheSourceIsKnatives() {
    start(false);
    cluster.apply(PODS.replace("SELECTOR", "null"));
    // a PingSource of our CRD, applied after it, gets its status: the operator has passed by
    cluster.apply(KnOperatorTest.PING.replace("name: ping", "name: marker"));
    await()
        .atMost(OperatorTest.WAIT)
        .until(() -> !cluster.status(Kind.KN_PING_SOURCE, "default", "marker").isEmpty());
    await()
        .during(java.time.Duration.ofSeconds(1))
        .atMost(OperatorTest.WAIT)
        .untilAsserted(
            () -> {
              assertThat(cluster.status(Kind.KN_API_SERVER_SOURCE, "default", "pods")).isEmpty();
              assertThat(integration("pods")).isNull();
            });
    assertThat(reviews.asked()).isEmpty();
  }

  private void awaitReady(String name, String status) {
    await()
        .atMost(OperatorTest.WAIT)
        .untilAsserted(
            () ->
                assertThat(cluster.ready(Kind.KN_API_SERVER_SOURCE, "default", name))
                    .as(
                        name
                            + ": "
                            + cluster.conditions(Kind.KN_API_SERVER_SOURCE, "default", name))
                    .containsEntry("status", status));
  }

  private Integration integration(String name) {
    return cluster.integration(
        "default", Names.integration(new ResourceId(Kind.KN_API_SERVER_SOURCE, "default", name)));
  }

  private void namespace(String name, String team) {
    cluster
        .client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("team", team)
                .endMetadata()
                .build())
        .create();
  }

  /** A Role in `ns` (or a ClusterRole when null) reading pods. */
  private static String role(String ns, String name, String kind) {
    return """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: %s
        metadata: {name: %s%s}
        rules:
        - {apiGroups: [""], resources: [pods], verbs: [get, list, watch]}
        """
        .formatted(kind, name, ns == null ? "" : ", namespace: " + ns);
  }

  /** Binds pod-reader to default/pod-watcher, in `ns` (or cluster-wide when null). */
  private static String binding(String ns, String roleKind) {
    return """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: %s
        metadata: {name: pod-watcher%s}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: %s, name: pod-reader}
        subjects:
        - {kind: ServiceAccount, name: pod-watcher, namespace: default}
        """
        .formatted(
            ns == null ? "ClusterRoleBinding" : "RoleBinding",
            ns == null ? "" : ", namespace: " + ns,
            roleKind);
  }
}
