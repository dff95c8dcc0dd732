package io.ofnevents.knative;

import static io.ofnevents.knative.KnApiServerSourceIT.WAIT;
import static io.ofnevents.knative.KnApiServerSourceIT.awaitWatch;
import static io.ofnevents.knative.KnApiServerSourceIT.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ofnevents.testing.FreePorts;
import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.LogCapture;
import io.ofnevents.testing.MockApiServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.Yamls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API server that cannot be reached, or that refuses the source's identity, leaves the runtime
 * running: `/health/ready` says which source cannot watch what and why (a 403 names the verb, the
 * resource and the namespace), it tries again with backoff, and events flow once it may.
 */
class KnApiServerHealthIT {
  @TempDir Path dir;

  private static String source(String namespace, String sink) {
    return """
        apiVersion: sources.knative.dev/v1
        kind: ApiServerSource
        metadata: {name: pods, namespace: %s}
        spec:
          serviceAccountName: events-sa
          resources:
            - {apiVersion: v1, kind: Pod}
          sink: {uri: "%s"}
        """
        .formatted(namespace, sink);
  }

  @Test
  void anUnreachableApiServerIsNotReadyUntilItAnswers() throws Exception {
    int port = FreePorts.pick();
    String url = "http://127.0.0.1:" + port;
    Path kubeconfig = MockApiServer.kubeconfig(dir, url);
    try (RecordingSink sink = RecordingSink.start();
        KnRuntime runtime =
            KnRuntime.start(
                Yamls.load(source("default", sink.url("/pods"))),
                List.of(),
                MockApiServer.propertiesFor(kubeconfig))) {
      await().atMost(WAIT).until(() -> runtime.management("/health/ready").statusCode() == 503);
      assertThat(runtime.management("/health/ready").body())
          .contains(
              "apiserversource default/pods v1/Pod: cannot reach the API server "
                  + url
                  + " to discover v1 Pod in namespace default: ")
          .contains("(next attempt in ");
      assertThat(runtime.management("/health/live").statusCode()).isEqualTo(200);
      try (MockApiServer api = MockApiServer.startOn(port)) {
        await().atMost(WAIT).until(() -> runtime.management("/health/ready").statusCode() == 200);
        awaitWatch(api, "/api/v1/namespaces/default/pods");
        api.client().pods().inNamespace("default").resource(pod("default", "p", Map.of())).create();
        await().atMost(WAIT).until(() -> sink.delivered("/pods").size() == 1);
      }
    }
  }

  @Test
  void aForbiddenListNamesTheVerbTheResourceAndTheNamespace() throws Exception {
    String list = "/api/v1/namespaces/secret/pods?limit=500";
    String refusal =
        "pods is forbidden: User \"system:serviceaccount:default:events-sa\" cannot list resource"
            + " \"pods\" in API group \"\" in the namespace \"secret\"";
    try (MockApiServer api = MockApiServer.start();
        RecordingSink sink = RecordingSink.start();
        LogCapture log = LogCapture.open()) {
      api.forbid(list, refusal);
      try (KnRuntime runtime =
          KnRuntime.start(
              Yamls.load(source("secret", sink.url("/pods"))), List.of(), api.runProperties(dir))) {
        await().atMost(WAIT).until(() -> runtime.management("/health/ready").statusCode() == 503);
        await()
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(runtime.management("/health/ready").body())
                        .contains(
                            "apiserversource secret/pods v1/Pod: forbidden: the kubeconfig's user"
                                + " tester (context mock) may not list pods in namespace secret"
                                + " (the API server says: "
                                + refusal.replace("\"", "\\\""))
                        .contains("(next attempt in "));
        // standalone, the source's service account is not who watches: said once, at start
        assertThat(
                log.matching(
                    Level.WARN, Pattern.compile("spec.serviceAccountName events-sa is not used")))
            .singleElement()
            .satisfies(
                l ->
                    assertThat(l.message())
                        .isEqualTo(
                            "ApiServerSource secret/pods: spec.serviceAccountName events-sa is not"
                                + " used standalone: it watches as the kubeconfig's user tester"
                                + " (context mock)"));
        api.allow(list); // the RBAC is fixed
        await().atMost(WAIT).until(() -> runtime.management("/health/ready").statusCode() == 200);
        awaitWatch(api, "/api/v1/namespaces/secret/pods");
        api.client().pods().inNamespace("secret").resource(pod("secret", "p", Map.of())).create();
        await().atMost(WAIT).until(() -> sink.delivered("/pods").size() == 1);
      }
    }
  }
}
