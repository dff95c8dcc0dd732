package io.ofnevents.knative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ofnevents.compile.Names;
import io.ofnevents.model.json.Json;
import io.ofnevents.testing.KnRuntime;
import io.ofnevents.testing.MockApiServer;
import io.ofnevents.testing.RecordingSink;
import io.ofnevents.testing.Yamls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ApiServerSources on the standalone runtime against the fabric8 mock API server (CRUD mode, real
 * watches over its websocket), reached through a kubeconfig file as a user would: the exact
 * CloudEvents of created, updated and deleted Pods and Events, in both modes.
 */
class KnApiServerSourceIT {
  static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir Path dir;

  static Pod pod(String ns, String name, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("busybox")
        .endContainer()
        .endSpec()
        .build();
  }

  /** Waits until the runtime watches `path` (the first watch of a kind starts after its list). */
  static void awaitWatch(MockApiServer api, String path) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                api.requests().stream()
                    .anyMatch(r -> r.startsWith("GET " + path + "?") && r.contains("watch=true")));
  }

  /** The objects a test changes: Pods or Events, created, updated and deleted. */
  enum Objects {
    PODS("Pod", "pods"),
    EVENTS("Event", "events");

    final String kind;
    final String plural;

    Objects(String kind, String plural) {
      this.kind = kind;
      this.plural = plural;
    }

    HasMetadata create(KubernetesClient c, String name) {
      if (this == PODS)
        return c.pods()
            .inNamespace("default")
            .resource(pod("default", name, Map.of("app", "shop")))
            .create();
      return c.v1().events().inNamespace("default").resource(event(name)).create();
    }

    HasMetadata update(KubernetesClient c, String name) {
      if (this == PODS) {
        return c.pods()
            .inNamespace("default")
            .withName(name)
            .edit(
                p -> new PodBuilder(p).editMetadata().addToLabels("v", "2").endMetadata().build());
      }
      return c.v1()
          .events()
          .inNamespace("default")
          .withName(name)
          .edit(e -> new EventBuilder(e).withCount(2).build());
    }

    void delete(KubernetesClient c, String name) {
      if (this == PODS) c.pods().inNamespace("default").withName(name).delete();
      else c.v1().events().inNamespace("default").withName(name).delete();
    }
  }

  static Event event(String name) {
    return new EventBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName(name)
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion("v1")
        .withKind("Pod")
        .withName("busybox")
        .withNamespace("default")
        .endInvolvedObject()
        .withReason("Started")
        .withMessage("Started container")
        .withType("Normal")
        .withCount(1)
        .build();
  }

  static Stream<Arguments> objectsAndModes() {
    return Stream.of(
        Arguments.of(Objects.PODS, "Resource"),
        Arguments.of(Objects.PODS, "Reference"),
        Arguments.of(Objects.EVENTS, "Resource"),
        Arguments.of(Objects.EVENTS, "Reference"));
  }

  @ParameterizedTest(name = "{0} in {1} mode")
  @MethodSource("objectsAndModes")
  void changesAreKnativesEventsWithTheObjectOrItsReferenceAsData(Objects objects, String mode)
      throws Exception {
    String yaml =
        """
        apiVersion: sources.knative.dev/v1
        kind: ApiServerSource
        metadata: {name: watch}
        spec:
          mode: %s
          resources:
            - {apiVersion: v1, kind: %s}
          sink: {uri: "%s"}
        """;
    try (MockApiServer api = MockApiServer.start();
        RecordingSink sink = RecordingSink.start();
        KnRuntime runtime =
            KnRuntime.start(
                Yamls.load(yaml.formatted(mode, objects.kind, sink.url("/watch"))),
                List.of(),
                api.runProperties(dir))) {
      awaitWatch(api, "/api/v1/namespaces/default/" + objects.plural);
      KubernetesClient c = api.client();
      HasMetadata created = objects.create(c, "o1");
      HasMetadata updated = objects.update(c, "o1");
      objects.delete(c, "o1");
      await().atMost(WAIT).until(() -> sink.delivered("/watch").size() >= 3);
      List<RecordingSink.Request> got = sink.delivered("/watch");
      assertThat(got).hasSize(3);
      boolean resource = mode.equals("Resource");
      String m = resource ? "resource" : "ref";
      assertEvent(got.get(0), api, objects, m, "add", created);
      assertEvent(got.get(1), api, objects, m, "update", updated);
      // the mock's delete event carries the object's last state (a real one bumps its version)
      assertEvent(got.get(2), api, objects, m, "delete", updated);
      for (int i = 0; i < 3; i++) {
        HasMetadata state = i == 0 ? created : updated;
        String data =
            resource
                ? Json.canonical(Json.parse(Serialization.asJson(state)))
                : "{\"kind\":\""
                    + objects.kind
                    + "\",\"namespace\":\"default\",\"name\":\"o1\",\"apiVersion\":\"v1\"}";
        assertThat(got.get(i).bodyText()).as("data of event %d", i).isEqualTo(data);
      }
    }
  }

  static void assertEvent(
      RecordingSink.Request r,
      MockApiServer api,
      Objects objects,
      String mode,
      String change,
      HasMetadata object) {
    var meta = object.getMetadata();
    assertThat(r.header("ce-specversion")).isEqualTo("1.0");
    assertThat(r.header("ce-type")).isEqualTo("dev.knative.apiserver." + mode + "." + change);
    assertThat(r.header("ce-source")).isEqualTo(api.url());
    assertThat(r.header("ce-subject"))
        .isEqualTo(
            "/apis/v1/namespaces/"
                + meta.getNamespace()
                + "/"
                + objects.plural
                + "/"
                + meta.getName());
    assertThat(r.header("ce-id"))
        .isEqualTo(
            Names.apiServerEventId(
                "default", "watch", meta.getUid(), meta.getResourceVersion(), change));
    assertThat(r.header("ce-kind")).isEqualTo(objects.kind);
    assertThat(r.header("ce-apiversion")).isEqualTo("v1");
    assertThat(r.header("ce-name")).isEqualTo(meta.getName());
    assertThat(r.header("ce-namespace")).isEqualTo(meta.getNamespace());
    assertThat(Instant.parse(r.header("ce-time"))).isNotNull();
    assertThat(r.header("content-type")).isEqualTo("application/json");
    assertThat(r.header("kn-namespace")).isEqualTo("default");
  }
}
