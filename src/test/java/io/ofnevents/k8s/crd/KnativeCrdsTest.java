package io.ofnevents.k8s.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.k8s.StructuralSchemas;
import io.ofnevents.model.Kind;
import io.ofnevents.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CRDs of the Knative kinds in `k8s/crds/knative/` are what the model generates, are listed by
 * their kustomization, and accept Knative YAML of the current versions. Regenerate with
 * `-Dofn.update=true`.
 */
class KnativeCrdsTest {
  static final Path DIR = Path.of("k8s/crds/knative");

  @Test
  void committedCrdsAreCurrentAndListedByTheirKustomization() throws IOException {
    Map<String, String> files = Crds.knativeFiles();
    if (Golden.updating()) {
      for (var e : files.entrySet()) Files.writeString(DIR.resolve(e.getKey()), e.getValue());
    }
    assertThat(files.keySet())
        .containsExactly(
            "eventing.knative.dev_brokers.yaml",
            "eventing.knative.dev_triggers.yaml",
            "flows.knative.dev_parallels.yaml",
            "flows.knative.dev_sequences.yaml",
            "sources.knative.dev_apiserversources.yaml",
            "sources.knative.dev_pingsources.yaml");
    String kustomization = Files.readString(DIR.resolve("kustomization.yaml"));
    for (var e : files.entrySet()) {
      assertThat(DIR.resolve(e.getKey()))
          .as("%s is stale: -Dofn.update=true", e.getKey())
          .hasContent(e.getValue());
      assertThat(kustomization).contains("- " + e.getKey());
    }
    // never installed by default, over a real Knative or not
    assertThat(Files.readString(Path.of("k8s/kustomization.yaml"))).doesNotContain("knative");
  }

  @Test
  void namesVersionsAndLabelsAreKnatives() {
    var trigger = Crds.crd(Kind.KN_TRIGGER);
    assertThat(trigger.getMetadata().getName()).isEqualTo("triggers.eventing.knative.dev");
    assertThat(trigger.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/part-of", "ofn-events");
    assertThat(trigger.getSpec().getVersions()).extracting(v -> v.getName()).containsExactly("v1");
    var ping = Crds.crd(Kind.KN_PING_SOURCE).getSpec();
    assertThat(ping.getVersions())
        .extracting(v -> v.getName() + ":" + v.getStorage())
        .containsExactly("v1:true", "v1beta2:false");
    for (Kind addressable : List.of(Kind.KN_BROKER, Kind.KN_SEQUENCE, Kind.KN_PARALLEL)) {
      assertThat(Crds.crd(addressable).getMetadata().getLabels())
          .containsEntry("duck.knative.dev/addressable", "true");
    }
    var sequence = Crds.crd(Kind.KN_SEQUENCE);
    assertThat(sequence.getMetadata().getName()).isEqualTo("sequences.flows.knative.dev");
    assertThat(sequence.getSpec().getNames().getCategories()).contains("flows");
    assertThat(Crds.crd(Kind.KN_PARALLEL).getMetadata().getName())
        .isEqualTo("parallels.flows.knative.dev");
    var apiServer = Crds.crd(Kind.KN_API_SERVER_SOURCE);
    assertThat(apiServer.getMetadata().getName()).isEqualTo("apiserversources.sources.knative.dev");
    assertThat(apiServer.getMetadata().getLabels())
        .containsEntry("duck.knative.dev/source", "true");
    assertThat(apiServer.getSpec().getNames().getCategories()).contains("sources");
    assertThat(apiServer.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(c -> c.getName())
        .containsExactly("Sink", "Age", "Ready", "Reason");
  }

  @Test
  void currentKnativeYamlValidatesAndABadOneIsRejected() throws IOException {
    StructuralSchemas s = new StructuralSchemas();
    Crds.knativeFiles().values().forEach(s::addCrds);
    String text =
        Files.readString(
            Path.of("src/test/resources/crd/knative/seeds-current.yaml"), StandardCharsets.UTF_8);
    for (Object doc : StructuralSchemas.documents(text)) assertThat(s.validate(doc)).isEmpty();
    List<Object> bad =
        StructuralSchemas.documents(
            "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata: {name: t}\n"
                + "spec: {broker: default, subscriber: {uri: 7}, delivery: {format: xml}}\n");
    assertThat(s.validate(bad.get(0))).isNotEmpty();
  }
}
