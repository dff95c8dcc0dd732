package io.ofnevents.compile;

import io.ofnevents.model.Problem;
import io.ofnevents.model.address.AddressBook;
import io.ofnevents.model.address.Addressing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

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

  /**
   * How the refs of an example set resolve: its `addresses` file (the YAML map `--addresses` reads,
   * which its README passes), else nothing.
   */
  public static Addressing addressing(Path exampleSet) {
    Path file = exampleSet.resolve("addresses");
    if (!Files.isRegularFile(file)) return Addressing.standalone(AddressBook.EMPTY);
    try {
      Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
      Map<String, String> entries = new TreeMap<>();
      ((Map<?, ?>) doc).forEach((k, v) -> entries.put(String.valueOf(k), String.valueOf(v)));
      List<Problem> problems = new ArrayList<>();
      AddressBook book = AddressBook.of(file.toString(), Map.of(), entries, problems);
      if (!problems.isEmpty()) throw new IllegalStateException(problems.toString());
      return Addressing.standalone(book);
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
