package io.ofnevents.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.Problem;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.testing.Golden;
import io.ofnevents.testing.Yamls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `golden/<case>/input/*.yaml` compiles to exactly `golden/<case>/expected/*.camel.yaml`. */
class CompilerGoldenTest {
  static final Path DIR = Path.of("src/test/resources/golden");

  static Stream<Path> cases() throws IOException {
    return Files.list(DIR).filter(Files::isDirectory).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compilesToTheGoldenRoutes(Path dir) throws IOException {
    LoadResult loaded = Yamls.loadDir(dir.resolve("input"));
    assertThat(Yamls.problems(loaded).stream().filter(Problem::isError).map(Problem::format))
        .isEmpty();
    Bundle bundle = Compiler.compile(loaded.resources(), CompileOptions.standalone("test"));
    assertThat(bundle.problems()).isEmpty();
    Path expected = dir.resolve("expected");
    for (RouteFile f : bundle.routes()) Golden.check(expected.resolve(f.fileName()), f.yaml());
    if (!Golden.updating()) {
      try (Stream<Path> files = Files.list(expected)) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
            .as("expected files without a generated counterpart")
            .isEqualTo(bundle.routes().stream().map(RouteFile::fileName).sorted().toList());
      }
    }
  }

  @Test
  void compilingIsDeterministic() {
    LoadResult loaded = Yamls.loadDir(DIR.resolve("trigger-features/input"));
    String first = yamlOf(Compiler.compile(loaded.resources(), CompileOptions.standalone("x")));
    String second = yamlOf(Compiler.compile(loaded.resources(), CompileOptions.standalone("x")));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void secretsGivenInClearAreNeverWrittenIntoRoutes() {
    LoadResult loaded =
        Yamls.load(
            """
            apiVersion: events.openfunction.io/v1alpha1
            kind: EventSource
            metadata: {name: es}
            spec:
              sink: {uri: "http://x/"}
              kafka:
                e: {brokers: "k:9092", topic: t, authRequired: true, saslUsername: u, saslPassword: s3cr3t-pw}
            """);
    Bundle bundle = Compiler.compile(loaded.resources(), CompileOptions.standalone("x"));
    assertThat(yamlOf(bundle))
        .doesNotContain("s3cr3t-pw")
        .contains("{{ofn.secret.default.es.spec.kafka.e.saslPassword}}");
    assertThat(bundle.secretLiterals())
        .containsEntry("ofn.secret.default.es.spec.kafka.e.saslPassword", "s3cr3t-pw");
    assertThat(bundle.toString()).doesNotContain("s3cr3t-pw");
  }

  @Test
  void anUnresolvedSinkRefIsAProblemNamingTheField() {
    LoadResult loaded =
        Yamls.load(
            """
            apiVersion: events.openfunction.io/v1alpha1
            kind: EventSource
            metadata: {name: es}
            spec:
              sink:
                ref: {kind: Service, apiVersion: serving.knative.dev/v1, name: web}
              cron:
                e: {schedule: "@hourly"}
            """);
    List<Problem> problems =
        Compiler.compile(loaded.resources(), CompileOptions.standalone("x")).problems();
    assertThat(problems)
        .extracting(Problem::format)
        .containsExactly(
            "test.yaml:6: EventSource default/es: spec.sink.ref: cannot resolve"
                + " serving.knative.dev/v1 Service default/web without a cluster: give its URL with"
                + " --address Service/default/web=URL (or --addresses FILE), or deploy with the"
                + " operator");
  }

  private static String yamlOf(Bundle b) {
    return b.routes().stream().map(RouteFile::yaml).collect(Collectors.joining());
  }
}
