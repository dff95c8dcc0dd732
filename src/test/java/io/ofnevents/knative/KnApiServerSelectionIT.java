package io.ofnevents.knative;

import static io.ofnevents.knative.KnApiServerSourceIT.WAIT;
import static io.ofnevents.knative.KnApiServerSourceIT.awaitWatch;
import static io.ofnevents.knative.KnApiServerSourceIT.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.MockApiServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.Yamls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which changes an ApiServerSource sends, against the fabric8 mock API server: label selectors with
 * matchExpressions (an object leaving the selection is a delete, as the API server's own selected
 * watches say), the controller-owner filter, namespace selection (a namespace created or labelled
 * later is watched from then on, its objects announced), `filters`, the opt-in initial list, and
 * one shared watch for several sources.
 */
class KnApiServerSelectionIT {
  @TempDir Path dir;

  private static String source(String name, String sink, String spec) {
    return """
        apiVersion: sources.knative.dev/v1
        kind: ApiServerSource
        metadata: {name: %s}
        spec:
          sink: {uri: "%s"}
        %s
        """
        .formatted(name, sink, spec.indent(2));
  }

  /** `type name` of each event delivered to `path`, in order. */
  private static List<String> seen(RecordingSink sink, String path) {
    return sink.delivered(path).stream()
        .map(
            r ->
                r.header("ce-type").replace("dev.knative.apiserver.", "")
                    + " "
                    + r.header("ce-namespace")
                    + "/"
                    + r.header("ce-name"))
        .toList();
  }

  private static Pod labelled(String name, String... kv) {
    Map<String, String> labels = new java.util.TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) labels.put(kv[i], kv[i + 1]);
    return pod("default", name, labels);
  }

  @Test
  void labelSelectorsChooseTheObjectsAndLeavingTheSelectionIsADelete() throws Exception {
    String spec =
        """
        resources:
          - apiVersion: v1
            kind: Pod
            selector:
              matchLabels: {app: shop}
              matchExpressions:
                - {key: tier, operator: In, values: [web, api]}
                - {key: canary, operator: DoesNotExist}
        """;
    try (MockApiServer api = MockApiServer.start();
        RecordingSink sink = RecordingSink.start();
        KnRuntime runtime =
            KnRuntime.start(
                Yamls.load(source("shop", sink.url("/shop"), spec)),
                List.of(),
                api.runProperties(dir))) {
      awaitWatch(api, "/api/v1/namespaces/default/pods");
      var pods = api.client().pods().inNamespace("default");
      pods.resource(labelled("web", "app", "shop", "tier", "web")).create();
      pods.resource(labelled("db", "app", "shop", "tier", "db")).create();
      pods.resource(labelled("canary", "app", "shop", "tier", "web", "canary", "1")).create();
      pods.resource(labelled("blog", "app", "blog", "tier", "web")).create();
      relabel(pods.withName("db"), "tier", "api"); // comes into the selection
      relabel(pods.withName("web"), "canary", "yes"); // leaves it
      relabel(pods.withName("blog"), "tier", "api"); // still another app
      pods.withName("db").delete();
      pods.withName("canary").delete();
      await().atMost(WAIT).until(() -> sink.delivered("/shop").size() >= 4);
      // the last change of the test was seen too: nothing else comes
      await()
          .during(Duration.ofSeconds(1))
          .atMost(WAIT)
          .until(() -> sink.delivered("/shop").size() == 4);
      assertThat(seen(sink, "/shop"))
          .containsExactly(
              "ref.add default/web",
              "ref.add default/db",
              "ref.delete default/web",
              "ref.delete default/db");
    }
  }

  private static void relabel(
      io.fabric8.kubernetes.client.dsl.PodResource pod, String key, String value) {
    pod.edit(p -> new PodBuilder(p).editMetadata().addToLabels(key, value).endMetadata().build());
  }

  @Test
  void onlyObjectsWhoseControllerIsTheOwnerKindAreSent() throws Exception {
    String spec =
        """
        owner: {apiVersion: apps/v1, kind: ReplicaSet}
        resources:
          - {apiVersion: v1, kind: Pod}
        """;
    try (MockApiServer api = MockApiServer.start();
        RecordingSink sink = RecordingSink.start();
        KnRuntime runtime =
            KnRuntime.start(
                Yamls.load(source("owned", sink.url("/owned"), spec)),
                List.of(),
                api.runProperties(dir))) {
      awaitWatch(api, "/api/v1/namespaces/default/pods");
      var pods = api.client().pods().inNamespace("default");
      pods.resource(owned("by-job", "batch/v1", "Job", true)).create();
      pods.resource(owned("not-controller", "apps/v1", "ReplicaSet", false)).create();
      pods.resource(labelled("orphan")).create();
      pods.resource(owned("by-rs", "apps/v1", "ReplicaSet", true)).create();
      await().atMost(WAIT).until(() -> sink.delivered("/owned").size() >= 1);
      await()
          .during(Duration.ofSeconds(1))
          .atMost(WAIT)
          .until(() -> sink.delivered("/owned").size() == 1);
      assertThat(seen(sink, "/owned")).containsExactly("ref.add default/by-rs");
    }
  }

  private static Pod owned(String name, String apiVersion, String kind, boolean controller) {
    return new PodBuilder(labelled(name))
        .editMetadata()
        .addNewOwnerReference()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName("owner-" + name)
        .withUid("uid-" + name)
        .withController(controller)
        .endOwnerReference()
        .endMetadata()
        .build();
  }

  @Test
  void namespacesComeAndGoWithTheirLabels() throws Exception {
    var c0 = MockApiServer.start();
    try (MockApiServer api = c0;
        RecordingSink sink = RecordingSink.start()) {
      var ns = api.client().namespaces();
      ns.resource(namespace("shop-a", "shop")).create();
      ns.resource(namespace("blog", "blog")).create();
      api.client()
          .pods()
          .inNamespace("shop-a")
          .resource(pod("shop-a", "before", Map.of()))
          .create();
      api.client().pods().inNamespace("blog").resource(pod("blog", "old", Map.of())).create();
      String spec =
          """
          namespaceSelector:
            matchLabels: {team: shop}
          resources:
            - {apiVersion: v1, kind: Pod}
          """;
      try (KnRuntime runtime =
          KnRuntime.start(
              Yamls.load(source("team", sink.url("/team"), spec)),
              List.of(),
              api.runProperties(dir))) {
        awaitWatch(api, "/api/v1/namespaces/shop-a/pods");
        api.client().pods().inNamespace("shop-a").resource(pod("shop-a", "a1", Map.of())).create();
        api.client().pods().inNamespace("blog").resource(pod("blog", "b1", Map.of())).create();
        // a namespace created later, and a pod in it at once, before the watch can have started
        ns.resource(namespace("shop-b", "shop")).create();
        api.client().pods().inNamespace("shop-b").resource(pod("shop-b", "b2", Map.of())).create();
        // a namespace labelled later: what it holds is announced
        ns.withName("blog")
            .edit(
                n ->
                    new NamespaceBuilder(n)
                        .editMetadata()
                        .addToLabels("team", "shop")
                        .endMetadata()
                        .build());
        await().atMost(WAIT).until(() -> sink.delivered("/team").size() >= 4);
        await()
            .during(Duration.ofSeconds(1))
            .atMost(WAIT)
            .until(() -> sink.delivered("/team").size() == 4);
        assertThat(seen(sink, "/team"))
            .containsExactlyInAnyOrder(
                "ref.add shop-a/a1", "ref.add shop-b/b2", "ref.add blog/old", "ref.add blog/b1");
        // and a namespace leaving the selection is no longer watched
        ns.withName("shop-b")
            .edit(
                n ->
                    new NamespaceBuilder(n)
                        .editMetadata()
                        .addToLabels("team", "none")
                        .endMetadata()
                        .build());
        await()
            .atMost(WAIT)
            .until(
                () ->
                    api.requests().stream()
                            .filter(
                                r ->
                                    r.contains("/namespaces/shop-b/pods")
                                        && r.contains("watch=true"))
                            .count()
                        >= 1);
        awaitNotWatched(api, runtime, "shop-b");
        api.client()
            .pods()
            .inNamespace("shop-b")
            .resource(pod("shop-b", "late", Map.of()))
            .create();
        api.client().pods().inNamespace("shop-a").resource(pod("shop-a", "a2", Map.of())).create();
        await().atMost(WAIT).until(() -> sink.delivered("/team").size() >= 5);
        await()
            .during(Duration.ofSeconds(1))
            .atMost(WAIT)
            .until(() -> sink.delivered("/team").size() == 5);
        assertThat(seen(sink, "/team")).last().isEqualTo("ref.add shop-a/a2");
      }
    }
  }

  private static void awaitNotWatched(MockApiServer api, KnRuntime runtime, String namespace) {
    var component =
        runtime
            .runtime()
            .context()
            .getComponent("ofn-apiserver", io.ofnevents.runtime.apiserver.ApiServerComponent.class);
    await()
        .atMost(WAIT)
        .until(
            () ->
                component.watching().stream()
                    .noneMatch(k -> k.endsWith(" in namespace " + namespace)));
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name, String team) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("team", team)
        .endMetadata()
        .build();
  }

  @Test
  void anEmptyNamespaceSelectorWatchesEveryNamespaceAlsoLaterOnes() throws Exception {
    String spec =
        """
        namespaceSelector: {}
        resources:
          - {apiVersion: v1, kind: Pod}
        """;
    try (MockApiServer api = MockApiServer.start();
        RecordingSink sink = RecordingSink.start();
        KnRuntime runtime =
            KnRuntime.start(
                Yamls.load(source("all", sink.url("/all"), spec)),
                List.of(),
                api.runProperties(dir))) {
      awaitWatch(api, "/api/v1/pods");
      api.client().namespaces().resource(namespace("later", "x")).create();
      api.client().pods().inNamespace("later").resource(pod("later", "p", Map.of())).create();
      api.client().pods().inNamespace("default").resource(pod("default", "q", Map.of())).create();
      await().atMost(WAIT).until(() -> sink.delivered("/all").size() >= 2);
      assertThat(seen(sink, "/all")).containsExactly("ref.add later/p", "ref.add default/q");
    }
  }

  @Test
  void filtersAsATriggersTypeUpdateSuppressesAddAndDelete() throws Exception {
    String spec =
        """
        filters:
          - exact: {type: dev.knative.apiserver.ref.update}
        resources:
          - {apiVersion: v1, kind: Pod}
        """;
    try (MockApiServer api = MockApiServer.start();
        RecordingSink sink = RecordingSink.start();
        KnRuntime runtime =
            KnRuntime.start(
                Yamls.load(source("updates", sink.url("/updates"), spec)),
                List.of(),
                api.runProperties(dir))) {
      awaitWatch(api, "/api/v1/namespaces/default/pods");
      var pods = api.client().pods().inNamespace("default");
      pods.resource(labelled("p")).create();
      relabel(pods.withName("p"), "v", "2");
      pods.withName("p").delete();
      pods.resource(labelled("last")).create();
      relabel(pods.withName("last"), "v", "2");
      await().atMost(WAIT).until(() -> sink.delivered("/updates").size() >= 2);
      assertThat(seen(sink, "/updates"))
          .containsExactly("ref.update default/p", "ref.update default/last");
    }
  }

  @Test
  void existingObjectsAreAnnouncedOnlyWithTheInitialListAnnotation() throws Exception {
    try (MockApiServer api = MockApiServer.start();
        RecordingSink sink = RecordingSink.start()) {
      var pods = api.client().pods().inNamespace("default");
      pods.resource(labelled("one")).create();
      pods.resource(labelled("two")).create();
      String plain =
          source("plain", sink.url("/plain"), "resources:\n  - {apiVersion: v1, kind: Pod}\n");
      String listing =
          source("listing", sink.url("/listing"), "resources:\n  - {apiVersion: v1, kind: Pod}\n")
              .replace(
                  "metadata: {name: listing}",
                  "metadata:\n  name: listing\n  annotations: {ofn-events.io/initial-list: \"true\"}");
      try (KnRuntime runtime =
          KnRuntime.start(
              Yamls.load(plain + "---\n" + listing), List.of(), api.runProperties(dir))) {
        awaitWatch(api, "/api/v1/namespaces/default/pods");
        pods.resource(labelled("three")).create();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    sink.delivered("/listing").size() >= 3 && sink.delivered("/plain").size() >= 1);
        assertThat(seen(sink, "/listing"))
            .containsExactlyInAnyOrder(
                "ref.add default/one", "ref.add default/two", "ref.add default/three");
        assertThat(seen(sink, "/plain")).containsExactly("ref.add default/three");
      }
    }
  }

  @Test
  void sourcesWatchingTheSameKindShareOneWatch() throws Exception {
    try (MockApiServer api = MockApiServer.start();
        RecordingSink sink = RecordingSink.start()) {
      StringBuilder yaml = new StringBuilder();
      for (String app : List.of("a", "b", "c")) {
        yaml.append(
                source(
                    "app-" + app,
                    sink.url("/" + app),
                    "resources:\n  - apiVersion: v1\n    kind: Pod\n    selector: {matchLabels: {app: "
                        + app
                        + "}}\n"))
            .append("---\n");
      }
      try (KnRuntime runtime =
          KnRuntime.start(Yamls.load(yaml.toString()), List.of(), api.runProperties(dir))) {
        awaitWatch(api, "/api/v1/namespaces/default/pods");
        var pods = api.client().pods().inNamespace("default");
        for (String app : List.of("a", "b", "c"))
          pods.resource(labelled("p-" + app, "app", app)).create();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    List.of("a", "b", "c").stream()
                        .allMatch(a -> sink.delivered("/" + a).size() == 1));
        assertThat(seen(sink, "/b")).containsExactly("ref.add default/p-b");
        List<String> podRequests =
            api.requests().stream()
                .filter(r -> r.startsWith("GET /api/v1/namespaces/default/pods"))
                .toList();
        assertThat(podRequests).as("one list and one watch for the three sources").hasSize(2);
      }
    }
  }
}
