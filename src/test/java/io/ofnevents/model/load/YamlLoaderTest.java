package io.ofnevents.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.EventSource;
import io.ofnevents.model.Kind;
import io.ofnevents.model.Problem;
import io.ofnevents.model.Trigger;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlLoaderTest {
  private static final String HEADER = "apiVersion: events.openfunction.io/v1alpha1\n";

  private static List<String> messages(String yaml) {
    return YamlLoader.load("f.yaml", yaml, "default").problems().stream()
        .map(Problem::format)
        .toList();
  }

  @Test
  void loadsSeveralDocumentsAndDefaultsTheNamespace() {
    LoadResult r =
        YamlLoader.load(
            "f.yaml",
            HEADER
                + "kind: EventBus\nmetadata: {name: b}\nspec: {inMemory: {}}\n---\n---\n"
                + HEADER
                + "kind: EventBus\nmetadata: {name: c, namespace: other}\nspec: {inMemory: {}}\n",
            "ns1");
    assertThat(r.problems()).isEmpty();
    assertThat(r.resources())
        .extracting(l -> l.resource().id().toString())
        .containsExactly("EventBus ns1/b", "EventBus other/c");
    assertThat(r.resources().get(1).where().documentLine()).isEqualTo(7);
  }

  @Test
  void acceptsKubectlListOutput() {
    LoadResult r =
        YamlLoader.load(
            "f.yaml",
            "apiVersion: v1\nkind: List\nitems:\n- "
                + HEADER.trim()
                + "\n  kind: ClusterEventBus\n"
                + "  metadata: {name: x}\n  spec: {inMemory: {}}\n",
            "default");
    assertThat(r.problems()).isEmpty();
    assertThat(r.resources().get(0).resource().kind()).isEqualTo(Kind.CLUSTER_EVENT_BUS);
  }

  @Test
  void unknownFieldIsReportedWithLinePathAndSuggestion() {
    assertThat(messages(HEADER + "kind: Trigger\nmetadata:\n  name: t\nspec:\n  evenBus: x\n"))
        .contains(
            "f.yaml:6: Trigger default/t: spec.evenBus: unknown field \"evenBus\" (did you mean \"eventBus\"?)");
  }

  @Test
  void wrongTypesAreReportedEachWithTheirField() {
    List<String> m =
        messages(
            HEADER
                + "kind: EventSource\nmetadata: {name: es}\nspec:\n  eventBus: b\n  kafka:\n    e1:\n"
                + "      brokers: h:1\n      authRequired: \"no\"\n      topic: t\n      maxMessageBytes: big\n");
    assertThat(m)
        .contains(
            "f.yaml:9: EventSource default/es: spec.kafka.e1.authRequired: expected true or false, got string \"no\"",
            "f.yaml:11: EventSource default/es: spec.kafka.e1.maxMessageBytes: expected an integer, got string \"big\"");
  }

  @Test
  void numberWhereAStringIsExpectedSuggestsQuoting() {
    assertThat(
            messages(
                HEADER
                    + "kind: EventSource\nmetadata: {name: es}\nspec:\n  logLevel: 2\n  sink: {uri: http://x}\n"))
        .contains(
            "f.yaml:5: EventSource default/es: spec.logLevel: expected a string, got integer 2 (quote it: \"2\")");
  }

  @Test
  void missingRequiredFieldsAreReported() {
    assertThat(messages(HEADER + "kind: Trigger\nmetadata: {name: t}\nspec:\n  eventBus: b\n"))
        .contains(
            "f.yaml:4: Trigger default/t: spec.inputs: required field is missing",
            "f.yaml:4: Trigger default/t: spec.subscribers: required field is missing");
  }

  @Test
  void unknownKindAndApiVersionAreReported() {
    assertThat(messages(HEADER + "kind: Sensor\nmetadata: {name: s}\n"))
        .containsExactly(
            "f.yaml:2: kind: unknown kind \"Sensor\" (expected EventSource, EventBus,"
                + " ClusterEventBus or Trigger of events.openfunction.io/v1alpha1; Broker or"
                + " Trigger of eventing.knative.dev/v1; PingSource or ApiServerSource of"
                + " sources.knative.dev/v1; Sequence or Parallel of flows.knative.dev/v1)");
    assertThat(
            messages(
                "apiVersion: events.openfunction.io/v1\nkind: EventBus\nmetadata: {name: b}\nspec: {inMemory: {}}\n"))
        .containsExactly(
            "f.yaml:1: EventBus default/b: apiVersion: expected events.openfunction.io/v1alpha1, got \"events.openfunction.io/v1\"");
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() {
    List<String> m = messages(HEADER + "kind: EventBus\nmetadata:\n  name: [b\nspec: {}\n");
    assertThat(m).hasSize(1);
    assertThat(m.get(0)).startsWith("f.yaml:5: invalid YAML: ");
  }

  @Test
  void duplicateKeysAreErrors() {
    assertThat(
            messages(
                HEADER
                    + "kind: EventBus\nmetadata: {name: b}\nspec:\n  inMemory: {}\n  inMemory: {}\n"))
        .contains("f.yaml:6: EventBus default/b: spec.inMemory: duplicate field \"inMemory\"");
  }

  @Test
  void secretsAcceptReferencesAndLiterals() {
    LoadResult r =
        YamlLoader.load(
            "f.yaml",
            HEADER
                + "kind: EventSource\nmetadata: {name: es}\nspec:\n  sink: {uri: http://x}\n  kafka:\n"
                + "    a: {brokers: 'h:1', authRequired: true, topic: t, saslUsername: u,\n"
                + "        saslPassword: {secretKeyRef: {name: kafka, key: pw}}}\n"
                + "    b: {brokers: 'h:1', authRequired: true, topic: t, saslUsername: u, saslPassword: '${env:PW}'}\n",
            "default");
    assertThat(r.problems()).isEmpty();
    EventSource es = (EventSource) r.resources().get(0).resource();
    assertThat(es.spec().kafka().get("a").saslPassword().secretKeyRef().name()).isEqualTo("kafka");
    assertThat(es.spec().kafka().get("b").saslPassword().env()).isEqualTo("PW");
    assertThat(es.spec().kafka().get("b").saslUsername().toString())
        .isEqualTo("<literal, redacted>");
  }

  @Test
  void mapsAreSortedSoOutputIsStable() {
    Trigger t =
        (Trigger)
            YamlLoader.load(
                    "f.yaml",
                    HEADER
                        + "kind: Trigger\nmetadata: {name: t}\nspec:\n  eventBus: b\n  inputs:\n"
                        + "    zeta: {eventSource: s, event: e}\n    alpha: {eventSource: s, event: f}\n"
                        + "  subscribers: [{condition: alpha, topic: x}]\n",
                    "default")
                .resources()
                .get(0)
                .resource();
    assertThat(t.spec().inputs().keySet()).containsExactly("alpha", "zeta");
  }
}
