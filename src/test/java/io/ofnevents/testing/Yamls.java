package io.ofnevents.testing;

import io.ofnevents.model.Problem;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.model.validate.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loading resources in tests: from text, or every YAML file under a directory. */
public final class Yamls {
  private Yamls() {}

  public static LoadResult load(String text) {
    return YamlLoader.load("test.yaml", text, "default");
  }

  /** Loads every YAML file under `dir` (sorted), with paths relative to the project. */
  public static LoadResult loadDir(Path dir) {
    List<LoadResult> parts = new ArrayList<>();
    for (Path f : yamlFiles(dir)) {
      try {
        parts.add(YamlLoader.load(f.toString(), Files.readString(f), "default"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return LoadResult.merge(parts);
  }

  /** Load and validation problems together. */
  public static List<Problem> problems(LoadResult r) {
    List<Problem> all = new ArrayList<>(r.problems());
    all.addAll(Validator.validate(r.resources()));
    return all;
  }

  public static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
