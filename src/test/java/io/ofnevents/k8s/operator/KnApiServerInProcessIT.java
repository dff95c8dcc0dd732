package io.ofnevents.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.ofnevents.model.Kind;
import io.ofnevents.runtime.RuntimeOptions;
import io.ofnevents.testing.MockApiServer;
import io.ofnevents.testing.RecordingSink;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `operator --runtime in-process` with an ApiServerSource against the mock API server (CRUD mode,
 * SubjectAccessReviews answered from the RBAC granted, see {@link AccessReviews}): the routes run
 * in the operator and watch as the operator's own identity (here the kubeconfig the runtime is
 * given, in a pod the operator's service account), which Ready's message says, while
 * SufficientPermissions is about `spec.serviceAccountName` as on Camel K; a Pod created reaches the
 * sink as Knative's event.
 */
class KnApiServerInProcessIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  RecordingSink sink;
  AccessReviews reviews;
  MockCluster cluster;
  Operator operator;

  @BeforeEach
  void start() {
    sink = RecordingSink.start();
    AccessReviews.Cluster served = AccessReviews.cluster(true);
    cluster = served.cluster();
    reviews = served.reviews();
    Path kubeconfig = MockApiServer.kubeconfig(dir, cluster.server.url("/"));
    operator =
        Operator.inProcess(
            cluster.client,
            null,
            new RuntimeOptions(
                0, RuntimeOptions.CLASSPATH_KAMELETS, MockApiServer.propertiesFor(kubeconfig)),
            "0.1.0");
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.close();
    cluster.close();
    sink.close();
  }

  @Test
  void theSourceRunsInTheOperatorAndSaysWhoWatches() {
    reviews.grant(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: pod-reader, namespace: default}
        rules:
        - {apiGroups: [""], resources: [pods], verbs: [get, list, watch]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: pod-watcher, namespace: default}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
        subjects:
        - {kind: ServiceAccount, name: pod-watcher, namespace: default}
        """);
    cluster.apply(
        KnApiServerOperatorTest.PODS
            .replace("SELECTOR", "null")
            .replace("http://display.default.svc/", sink.url("/pods")));
    cluster.awaitStatus(WAIT, "True", Kind.KN_API_SERVER_SOURCE, "pods");
    assertThat(cluster.ready(Kind.KN_API_SERVER_SOURCE, "default", "pods").get("message"))
        .asString()
        .contains(
            "in-process, the operator's own identity watches the API server, not"
                + " system:serviceaccount:default:pod-watcher");
    assertThat(cluster.status(Kind.KN_API_SERVER_SOURCE, "default", "pods"))
        .containsEntry("namespaces", java.util.List.of("default"))
        .containsEntry("sinkUri", sink.url("/pods"));

    cluster
        .client
        .pods()
        .inNamespace("default")
        .resource(new PodBuilder().withNewMetadata().withName("web-1").endMetadata().build())
        .create();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(sink.delivered("/pods"))
                    .anySatisfy(
                        r -> {
                          assertThat(r.header("ce-type"))
                              .isEqualTo("dev.knative.apiserver.ref.add");
                          assertThat(r.header("ce-name")).isEqualTo("web-1");
                          assertThat(r.header("ce-subject"))
                              .isEqualTo("/apis/v1/namespaces/default/pods/web-1");
                        }));
    // Knative's source: the URL of the API server watched
    assertThat(sink.delivered("/pods").get(0).header("ce-source"))
        .isEqualTo(cluster.server.url("/").replaceAll("/$", ""));
  }
}
