package io.ofnevents.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The example sets: every directory under `examples/` that holds YAML files directly. Each set is
 * self-contained (upstream samples reuse names, so sets are validated and compiled separately).
 */
public final class ExampleSets {
  public static final Path EXAMPLES = Path.of("examples");
  public static final Path ROUTES = Path.of("routes");

  private ExampleSets() {}

  public static List<Path> all() {
    try (Stream<Path> dirs = Files.walk(EXAMPLES)) {
      return dirs.filter(Files::isDirectory).filter(ExampleSets::hasYaml).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the committed routes of an example set live: `routes/<path under examples>/`. */
  public static Path routesOf(Path exampleSet) {
    return ROUTES.resolve(EXAMPLES.relativize(exampleSet).toString());
  }

  private static boolean hasYaml(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(p -> p.toString().endsWith(".yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
