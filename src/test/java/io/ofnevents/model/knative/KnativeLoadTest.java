package io.ofnevents.model.knative;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.Kind;
import io.ofnevents.model.Problem;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.testing.Yamls;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Knative kinds load by API group and kind, legacy versions converted with a warning. */
class KnativeLoadTest {

  @Test
  void aKnativeAndAnOpenFunctionTriggerOfTheSameNameAreTwoResources() {
    LoadResult r =
        Yamls.load(
            """
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: {name: t}
            spec:
              broker: default
              subscriber: {uri: "http://sink/"}
            ---
            apiVersion: events.openfunction.io/v1alpha1
            kind: Trigger
            metadata: {name: t}
            spec:
              eventBus: default
              inputs: {a: {eventSource: es, event: e}}
              subscribers: [{condition: a, sink: {uri: "http://sink/"}}]
            """);
    assertThat(r.problems()).isEmpty();
    assertThat(r.resources())
        .extracting(l -> l.resource().id().toString())
        .containsExactly("Trigger.eventing.knative.dev default/t", "Trigger default/t");
    assertThat(r.resources().get(0).resource()).isInstanceOf(KnTrigger.class);
  }

  @Test
  void seed003TriggerIsReadAsV1WithBrokerDefaultAndAWarning() {
    LoadResult r = Yamls.loadDir(Path.of("src/test/resources/knative/seeds/003"));
    assertThat(r.problems())
        .extracting(Problem::format)
        .containsExactly(
            "src/test/resources/knative/seeds/003/k8s-events.yaml:1:"
                + " ApiServerSource.sources.knative.dev default/testevents: apiVersion: warning:"
                + " sources.eventing.knative.dev/v1alpha1 is read as sources.knative.dev/v1, the"
                + " version Knative serves now (update the file to silence this); spec.sink"
                + " {apiVersion, kind, name} is read as spec.sink.ref",
            "src/test/resources/knative/seeds/003/service.yaml:2: kind: warning: ignored:"
                + " serving.knative.dev/v1alpha1 Service is not run by ofn-events (apply it with"
                + " kubectl)",
            "src/test/resources/knative/seeds/003/serviceaccount.yaml:2: kind: warning: ignored: v1"
                + " ServiceAccount is not run by ofn-events (apply it with kubectl)",
            "src/test/resources/knative/seeds/003/serviceaccount.yaml:8: kind: warning: ignored:"
                + " rbac.authorization.k8s.io/v1 ClusterRole is not run by ofn-events (apply it"
                + " with kubectl)",
            "src/test/resources/knative/seeds/003/serviceaccount.yaml:22: kind: warning: ignored:"
                + " rbac.authorization.k8s.io/v1 ClusterRoleBinding is not run by ofn-events"
                + " (apply it with kubectl)",
            "src/test/resources/knative/seeds/003/trigger.yaml:1: Trigger.eventing.knative.dev"
                + " default/testevents-trigger: apiVersion: warning: eventing.knative.dev/v1alpha1"
                + " is read as eventing.knative.dev/v1, the version Knative serves now (update the"
                + " file to silence this); spec.broker defaults to \"default\" as it did there");
    KnTrigger t =
        (KnTrigger)
            r.resources().stream()
                .map(l -> l.resource())
                .filter(x -> x.kind() == Kind.KN_TRIGGER)
                .findFirst()
                .orElseThrow();
    assertThat(t.spec().broker()).isEqualTo("default");
  }

  @Test
  void seed004PingSourceJsonDataBecomesJsonData() {
    LoadResult r =
        Yamls.loadDir(Path.of("src/test/resources/knative/seeds/004/pingsource-sequence.yaml"));
    PingSource p = (PingSource) r.resources().get(0).resource();
    assertThat(p.spec().data()).isEqualTo("{\"message\":\"hello, world!\"}");
    assertThat(p.spec().contentType()).isEqualTo("application/json");
    assertThat(r.problems())
        .extracting(Problem::format)
        .containsExactly(
            "src/test/resources/knative/seeds/004/pingsource-sequence.yaml:1:"
                + " PingSource.sources.knative.dev default/ping-source: apiVersion: warning:"
                + " sources.knative.dev/v1beta1 is read as sources.knative.dev/v1, the version"
                + " Knative serves now (update the file to silence this); spec.jsonData is sent as"
                + " spec.data with contentType application/json");
  }

  @Test
  void jsonDataThatIsNotAnObjectIsWrappedAsTheOldConversionDid() {
    LoadResult r =
        Yamls.load(
            """
            apiVersion: sources.knative.dev/v1beta1
            kind: PingSource
            metadata: {name: p}
            spec:
              jsonData: hello "world"
              sink: {uri: "http://sink/"}
            """);
    PingSource p = (PingSource) r.resources().get(0).resource();
    assertThat(p.spec().data()).isEqualTo("{\"body\":\"hello \\\"world\\\"\"}");
    assertThat(r.problems())
        .extracting(Problem::format)
        .anyMatch(
            m ->
                m.startsWith(
                    "test.yaml:5: PingSource.sources.knative.dev default/p: spec.jsonData: warning: not valid JSON"));
  }

  @Test
  void unknownKindListsTheKindsOfBothApis() {
    LoadResult r =
        Yamls.load(
            "apiVersion: sources.knative.dev/v1\nkind: ContainerSource\nmetadata: {name: s}\n");
    assertThat(r.problems())
        .extracting(Problem::format)
        .containsExactly(
            "test.yaml:2: kind: unknown kind \"ContainerSource\" (expected EventSource, EventBus,"
                + " ClusterEventBus or Trigger of events.openfunction.io/v1alpha1; Broker or"
                + " Trigger of eventing.knative.dev/v1; PingSource or ApiServerSource of"
                + " sources.knative.dev/v1; Sequence or Parallel of flows.knative.dev/v1)");
  }

  @Test
  void aWrongVersionOfAKnownKnativeKindNamesTheVersionsRead() {
    LoadResult r =
        Yamls.load(
            "apiVersion: sources.knative.dev/v2\nkind: PingSource\nmetadata: {name: p}\n"
                + "spec: {sink: {uri: 'http://x/'}}\n");
    assertThat(r.problems())
        .extracting(Problem::format)
        .containsExactly(
            "test.yaml:1: PingSource.sources.knative.dev default/p: apiVersion: expected"
                + " sources.knative.dev/v1 (also v1beta2, v1beta1), got \"sources.knative.dev/v2\"");
  }
}
