package io.ofnevents.k8s.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.k8s.StructuralSchemas;
import io.ofnevents.model.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRDs are exactly what the model generates, every example validates against them,
 * and bad manifests are rejected. Regenerate with `-Dofn.update=true`.
 */
class CrdsTest {
  static final Path CRDS = Path.of("k8s/crds");

  @Test
  void committedCrdsAreCurrent() throws IOException {
    Map<String, String> files = Crds.files();
    if (io.ofnevents.testing.Golden.updating()) {
      Files.createDirectories(CRDS);
      for (var e : files.entrySet()) Files.writeString(CRDS.resolve(e.getKey()), e.getValue());
    }
    assertThat(files).hasSize(4);
    for (var e : files.entrySet()) {
      assertThat(CRDS.resolve(e.getKey()))
          .as("k8s/crds/%s is stale: run mvn test -Dtest=CrdsTest -Dofn.update=true", e.getKey())
          .hasContent(e.getValue());
    }
  }

  @Test
  void namesAndColumnsFollowUpstream() {
    var es = Crds.crd(Kind.EVENT_SOURCE).getSpec();
    assertThat(es.getNames().getShortNames()).containsExactly("es");
    assertThat(es.getScope()).isEqualTo("Namespaced");
    assertThat(es.getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(c -> c.getName() + "=" + c.getJsonPath())
        .containsExactly(
            "EventBus=.spec.eventBus",
            "Sink=.spec.sink.uri",
            "Status=" + Crds.READY_REASON,
            "Age=.metadata.creationTimestamp");
    assertThat(es.getVersions().get(0).getSubresources().getStatus()).isNotNull();
    var ceb = Crds.crd(Kind.CLUSTER_EVENT_BUS).getSpec();
    assertThat(ceb.getScope()).isEqualTo("Cluster");
    assertThat(ceb.getNames().getShortNames()).containsExactly("ceb");
    assertThat(ceb.getNames().getPlural()).isEqualTo("clustereventbus");
    assertThat(ceb.getVersions().get(0).getSubresources()).isNull();
    assertThat(Crds.crd(Kind.EVENT_BUS).getSpec().getNames().getShortNames()).containsExactly("eb");
    assertThat(Crds.crd(Kind.TRIGGER).getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(c -> c.getName())
        .containsExactly("EventBus", "Status", "Age");
  }

  static Stream<Path> examples() throws IOException {
    return Stream.concat(walk(Path.of("examples")), walk(Path.of("src/test/resources/crd/good")));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleValidatesAgainstItsCrd(Path file) throws IOException {
    StructuralSchemas schemas = schemas();
    List<Object> docs = StructuralSchemas.documents(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(docs).isNotEmpty();
    for (Object doc : docs) {
      if (!servedByOurCrds(doc)) continue;
      assertThat(schemas.validate(doc)).as(file.toString()).isEmpty();
    }
  }

  /**
   * The Knative examples keep the seeds' legacy versions (converted when loaded, never applied as
   * such to a cluster serving only the current ones), a Knative Serving Service and seed 003's
   * ServiceAccount and RBAC, which none of our CRDs defines; every other document must validate.
   */
  private static boolean servedByOurCrds(Object doc) {
    if (!(doc instanceof java.util.Map<?, ?> m)) return true;
    String api = String.valueOf(m.get("apiVersion"));
    boolean foreign =
        api.equals("v1")
            || api.startsWith("rbac.authorization.k8s.io/")
            || api.startsWith("serving.knative.dev/");
    return !foreign
        && !api.equals("eventing.knative.dev/v1alpha1")
        && !api.equals("sources.knative.dev/v1beta1")
        && !api.equals("sources.eventing.knative.dev/v1alpha1");
  }

  @ParameterizedTest
  @MethodSource("badExamples")
  void badExampleIsRejected(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    // The first line says which error the CRD must report: `# expect: <message fragment>`.
    String expected = text.lines().findFirst().orElseThrow().replaceFirst("^# expect: ", "");
    List<String> errors = schemas().validate(StructuralSchemas.documents(text).get(0));
    assertThat(errors).as(file.toString()).anySatisfy(e -> assertThat(e).contains(expected));
  }

  static Stream<Path> badExamples() throws IOException {
    return walk(Path.of("src/test/resources/crd/bad"));
  }

  private static StructuralSchemas schemas() {
    StructuralSchemas s = new StructuralSchemas();
    Crds.files().values().forEach(s::addCrds);
    Crds.knativeFiles().values().forEach(s::addCrds);
    return s;
  }

  private static Stream<Path> walk(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return Stream.empty();
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }
}
