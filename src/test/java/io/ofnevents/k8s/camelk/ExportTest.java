package io.ofnevents.k8s.camelk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.compile.RouteFile;
import io.ofnevents.k8s.StructuralSchemas;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.model.validate.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * `export` output: golden files (and k8s/examples, the quickstart exported), flows identical to
 * compile's routes, and every manifest valid against the Camel K CRDs shipped in camel-k-crds.
 * Regenerate the expected files with `-Dofn.update=true`.
 */
class ExportTest {
  static final String VERSION = "0.1.0";

  @ParameterizedTest
  @CsvSource({
    "examples/quickstart, k8s/examples/quickstart",
    "examples/camel-k-nats, k8s/examples/nats",
    "src/test/resources/export-golden/namespaces/input,"
        + " src/test/resources/export-golden/namespaces/expected"
  })
  void exportMatchesGoldenFiles(Path input, Path expected) throws IOException {
    Export.Result result = export(input);
    assertThat(result.hasErrors()).as(result.problems().toString()).isFalse();
    if (io.ofnevents.testing.Golden.updating()) write(result.files(), expected);
    assertThat(read(expected)).isEqualTo(result.files());
  }

  @Test
  void flowsAreExactlyTheCompiledRoutes() throws IOException {
    for (Path input : List.of(Path.of("examples/quickstart"), golden("namespaces"))) {
      LoadResult loaded = load(input);
      Bundle bundle = Compiler.compile(loaded.resources(), CompileOptions.standalone(VERSION));
      Export.Result result = Export.of(loaded.resources(), bundle, VERSION, false);
      assertThat(bundle.routes()).isNotEmpty();
      for (RouteFile route : bundle.routes()) {
        String file =
            route.resource().namespace()
                + "/10-integration-"
                + io.ofnevents.compile.Names.integration(route.resource())
                + ".yaml";
        Map<?, ?> integration = (Map<?, ?>) parse(result.files().get(file));
        assertThat(((Map<?, ?>) integration.get("spec")).get("flows"))
            .as(file)
            .isEqualTo(parse(route.yaml()));
      }
    }
  }

  @Test
  void everyManifestIsValidAgainstTheCamelKCrds() throws IOException {
    StructuralSchemas camelK =
        new StructuralSchemas()
            .addCrds(resource("camel.apache.org_integrations.yaml"))
            .addCrds(resource("camel.apache.org_kamelets.yaml"));
    int checked = 0;
    for (Path input : List.of(Path.of("examples/quickstart"), golden("namespaces"))) {
      for (var e : export(input).files().entrySet()) {
        for (Object doc : StructuralSchemas.documents(e.getValue())) {
          assertThat(camelK.validate(doc)).as(e.getKey()).isEmpty();
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void theCamelKSchemaCatchesABrokenIntegration() throws IOException {
    StructuralSchemas camelK =
        new StructuralSchemas().addCrds(resource("camel.apache.org_integrations.yaml"));
    Map<?, ?> broken =
        (Map<?, ?>)
            parse(
                "apiVersion: camel.apache.org/v1\nkind: Integration\nmetadata: {name: x}\n"
                    + "spec: {flow: [], traits: {camel: {properties: a=b}}}\n");
    assertThat(camelK.validate(broken))
        .anySatisfy(m -> assertThat(m).contains("flow"))
        .anySatisfy(m -> assertThat(m).contains("properties"));
  }

  @Test
  void secretsInClearAreNeverExported() {
    String text =
        """
        apiVersion: events.openfunction.io/v1alpha1
        kind: EventSource
        metadata: {name: leaky}
        spec:
          sink: {uri: "http://sink/"}
          redis:
            orders: {redisHost: "redis:6379", redisPassword: hunter2-secret, stream: orders}
        """;
    LoadResult loaded = YamlLoader.load("leaky.yaml", text, "default");
    Bundle bundle = Compiler.compile(loaded.resources(), CompileOptions.standalone(VERSION));
    Export.Result result = Export.of(loaded.resources(), bundle, VERSION, false);
    assertThat(result.hasErrors()).isTrue();
    assertThat(result.problems().get(0).format())
        .contains("EventSource default/leaky", "secretKeyRef")
        .doesNotContain("hunter2-secret");
    assertThat(result.files()).isEmpty();
  }

  @Test
  void aKameletTheCatalogLacksIsAnErrorNotACrash() {
    var id =
        new io.ofnevents.model.ResourceId(io.ofnevents.model.Kind.EVENT_SOURCE, "default", "x");
    var route =
        new RouteFile(
            id,
            "x.camel.yaml",
            "- route:\n    from: {uri: \"kamelet:ofn-nowhere-source\"}\n",
            new java.util.TreeSet<>(List.of("ofn-nowhere-source")));
    Bundle bundle = new Bundle(List.of(route), "", List.of(), Map.of());
    Export.Result result = Export.of(List.of(), bundle, VERSION, false);
    assertThat(result.hasErrors()).isTrue();
    assertThat(result.problems().get(0).format())
        .isEqualTo(
            "EventSource default/x: uses Kamelet ofn-nowhere-source, which is not in the catalog of"
                + " this ofn-events");
    assertThat(result.files()).isEmpty();
  }

  @Test
  void withCrdsAddsTheCrds() throws IOException {
    LoadResult loaded = load(Path.of("examples/quickstart"));
    Bundle bundle = Compiler.compile(loaded.resources(), CompileOptions.standalone(VERSION));
    assertThat(Export.of(loaded.resources(), bundle, VERSION, true).files())
        .containsKeys(
            "crds/events.openfunction.io_eventsources.yaml",
            "crds/events.openfunction.io_triggers.yaml",
            "crds/events.openfunction.io_eventbus.yaml",
            "crds/events.openfunction.io_clustereventbus.yaml");
  }

  /**
   * Seed 003's source (with its Broker; its Trigger's Service needs a cluster): the source's
   * Integration runs as events-sa, whose RBAC the seed ships.
   */
  @Test
  void anApiServerSourcesIntegrationRunsAsItsServiceAccount(
      @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    for (String f : List.of("broker.yaml", "k8s-events.yaml")) {
      Files.copy(Path.of("examples/knative/apiserversource", f), dir.resolve(f));
    }
    Export.Result result = export(dir);
    Map<String, Object> accounts = new TreeMap<>();
    result
        .files()
        .forEach(
            (file, yaml) -> {
              if (file.contains("10-integration-")) {
                Map<?, ?> spec = (Map<?, ?>) ((Map<?, ?>) parse(yaml)).get("spec");
                accounts.put(file, String.valueOf(spec.get("serviceAccountName")));
              }
            });
    String source =
        "default/10-integration-"
            + io.ofnevents.compile.Names.integration(
                new io.ofnevents.model.ResourceId(
                    io.ofnevents.model.Kind.KN_API_SERVER_SOURCE, "default", "testevents"))
            + ".yaml";
    assertThat(accounts).containsEntry(source, "events-sa").hasSizeGreaterThan(1);
    // the other kinds keep Camel K's default
    accounts.forEach(
        (file, sa) -> {
          if (!file.equals(source)) assertThat(sa).as(file).isEqualTo("null");
        });
  }

  static Export.Result export(Path input) throws IOException {
    LoadResult loaded = load(input);
    assertThat(loaded.hasErrors()).as(loaded.problems().toString()).isFalse();
    Bundle bundle = Compiler.compile(loaded.resources(), CompileOptions.standalone(VERSION));
    assertThat(bundle.problems()).isEmpty();
    return Export.of(loaded.resources(), bundle, VERSION, false);
  }

  static LoadResult load(Path dir) throws IOException {
    List<LoadResult> parts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        parts.add(YamlLoader.load(f.toString(), Files.readString(f), "default"));
      }
    }
    LoadResult merged = LoadResult.merge(parts);
    List<io.ofnevents.model.Problem> problems = new ArrayList<>(merged.problems());
    problems.addAll(Validator.validate(merged.resources()));
    return new LoadResult(merged.resources(), problems);
  }

  private static Path golden(String name) {
    return Path.of("src/test/resources/export-golden", name, "input");
  }

  private static Object parse(String yaml) {
    return new Load(LoadSettings.builder().build()).loadFromString(yaml);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ExportTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name + " on the classpath (camel-k-crds jar)").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static SortedMap<String, String> read(Path dir) throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) return files;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    }
    return files;
  }

  private static void write(Map<String, String> files, Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
      }
    }
    for (var e : files.entrySet()) {
      Path f = dir.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
  }
}
