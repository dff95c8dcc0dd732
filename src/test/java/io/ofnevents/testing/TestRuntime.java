package io.ofnevents.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.compile.Bundle;
import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.model.Problem;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.model.validate.Validator;
import io.ofnevents.runtime.OfnRuntime;
import io.ofnevents.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs resources in this JVM the way `ofn-events run` does: load strictly, validate, compile, start
 * camel-main (no management port). Fails the test on any validation or compile error.
 */
public final class TestRuntime implements AutoCloseable {
  private final OfnRuntime runtime;
  private final Bundle bundle;

  private TestRuntime(Bundle bundle) throws Exception {
    this.bundle = bundle;
    runtime =
        new OfnRuntime(bundle, new RuntimeOptions(0, RuntimeOptions.CLASSPATH_KAMELETS, Map.of()));
    runtime.start();
  }

  /** Starts the resources of these YAML texts (each a file, possibly several documents). */
  public static TestRuntime start(String... yamlDocuments) throws Exception {
    List<LoadResult> parts = new ArrayList<>();
    for (int i = 0; i < yamlDocuments.length; i++) {
      parts.add(YamlLoader.load("test-" + i + ".yaml", yamlDocuments[i], "default"));
    }
    return start(LoadResult.merge(parts));
  }

  /** Starts every YAML file under `dir`, each text passed through `edit` first. */
  public static TestRuntime startDir(Path dir, java.util.function.UnaryOperator<String> edit)
      throws Exception {
    List<LoadResult> parts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        parts.add(YamlLoader.load(f.toString(), edit.apply(Files.readString(f)), "default"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(LoadResult.merge(parts));
  }

  private static TestRuntime start(LoadResult loaded) throws Exception {
    List<Problem> problems = new ArrayList<>(loaded.problems());
    problems.addAll(Validator.validate(loaded.resources()));
    assertThat(problems.stream().filter(Problem::isError).map(Problem::format).toList())
        .as("validation errors")
        .isEmpty();
    Bundle bundle = Compiler.compile(loaded.resources(), CompileOptions.standalone("test"));
    assertThat(bundle.problems().stream().filter(Problem::isError).map(Problem::format).toList())
        .as("compile errors")
        .isEmpty();
    return new TestRuntime(bundle);
  }

  public Bundle bundle() {
    return bundle;
  }

  public OfnRuntime runtime() {
    return runtime;
  }

  @Override
  public void close() throws Exception {
    runtime.close();
  }
}
