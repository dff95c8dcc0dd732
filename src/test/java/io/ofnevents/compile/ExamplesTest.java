package io.ofnevents.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.model.Problem;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.validate.Validator;
import io.ofnevents.testing.Golden;
import io.ofnevents.testing.Yamls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example validates and compiles, and `routes/` holds exactly what compiling the examples
 * gives (regenerate with `-Dofn.update=true`).
 */
class ExamplesTest {
  /** Upstream fields we accept but cannot honour; the only warnings allowed in examples. */
  private static final List<String> ALLOWED_WARNINGS = List.of("natsStreamingClusterID");

  /**
   * The Knative examples keep the seeds' YAML as written: legacy versions read as the current one,
   * and objects we do not run (the seed's Knative Service), each with a warning.
   */
  private static final List<String> ALLOWED_KNATIVE_WARNINGS =
      List.of(" is read as ", "is not run by ofn-events");

  static List<Path> sets() {
    return ExampleSets.all();
  }

  @Test
  void thereAreExamples() {
    assertThat(sets()).contains(Path.of("examples/quickstart"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void validatesWithoutErrorsOrUnexpectedWarnings(Path set) {
    LoadResult loaded = Yamls.loadDir(set);
    List<Problem> problems = new ArrayList<>(loaded.problems());
    problems.addAll(Validator.validate(loaded.resources(), ExampleSets.addressing(set)));
    boolean knative = set.startsWith(ExampleSets.EXAMPLES.resolve("knative"));
    assertThat(problems)
        .filteredOn(
            p ->
                p.isError()
                    || (ALLOWED_WARNINGS.stream()
                            .noneMatch(w -> p.path() != null && p.path().endsWith(w))
                        && !(knative
                            && ALLOWED_KNATIVE_WARNINGS.stream()
                                .anyMatch(w -> p.message().contains(w)))))
        .extracting(Problem::format)
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sets")
  void compilesAndRoutesDirectoryIsCurrent(Path set) throws IOException {
    LoadResult loaded = Yamls.loadDir(set);
    Bundle bundle =
        Compiler.compile(
            loaded.resources(), new CompileOptions(ExampleSets.addressing(set), "test"));
    assertThat(bundle.problems()).extracting(Problem::format).isEmpty();
    Path routes = ExampleSets.routesOf(set);
    for (RouteFile f : bundle.routes()) Golden.check(routes.resolve(f.fileName()), f.yaml());
    if (Files.isDirectory(routes) && !Golden.updating()) {
      try (Stream<Path> files = Files.list(routes)) {
        assertThat(
                files
                    .filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList())
            .as("stale files in %s", routes)
            .isEqualTo(bundle.routes().stream().map(RouteFile::fileName).sorted().toList());
      }
    }
  }

  @Test
  void everyRoutesDirectoryBelongsToAnExample() throws IOException {
    List<Path> expected = sets().stream().map(ExampleSets::routesOf).toList();
    try (Stream<Path> dirs = Files.walk(ExampleSets.ROUTES)) {
      List<Path> withFiles =
          dirs.filter(p -> p.toString().endsWith(".camel.yaml"))
              .map(Path::getParent)
              .distinct()
              .sorted()
              .toList();
      assertThat(expected).containsAll(withFiles);
    }
  }
}
