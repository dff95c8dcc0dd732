package io.ofnevents.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.ofnevents.compile.CompileOptions;
import io.ofnevents.compile.Compiler;
import io.ofnevents.model.Problem;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.model.validate.Validator;
import io.ofnevents.testing.Yamls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated examples (lines dropped, duplicated, swapped, characters changed), seeded: loading,
 * validating and compiling them only ever yields problems with a file and line, never an exception,
 * and whatever validates also compiles.
 */
class LoaderFuzzTest {
  private static final String[] NOISE = {
    ":", "-", " ", "{", "}", "[", "]", "\"", "'", "#", "&x", "*x", "!!int", "\t", "ü", "null", "42",
    "true", "~"
  };

  @Test
  void mutatedExamplesGiveProblemsNotExceptions() throws IOException {
    List<String> seeds = new ArrayList<>();
    for (Path f : Yamls.yamlFiles(Path.of("examples"))) seeds.add(Files.readString(f));
    Random random = new Random(1234);
    int valid = 0;
    for (int i = 0; i < 1000; i++) {
      String text = mutate(seeds.get(random.nextInt(seeds.size())), random);
      try {
        LoadResult loaded = YamlLoader.load("fuzz.yaml", text, "default");
        List<Problem> problems = new ArrayList<>(loaded.problems());
        problems.addAll(Validator.validate(loaded.resources()));
        for (Problem p : problems) {
          assertThat(p.file()).isEqualTo("fuzz.yaml");
          assertThat(p.format()).doesNotContain("Exception");
        }
        if (problems.stream().noneMatch(Problem::isError)) {
          valid++;
          Compiler.compile(loaded.resources(), CompileOptions.standalone("fuzz"));
        }
      } catch (RuntimeException e) {
        throw new AssertionError("unexpected " + e + " for input:\n" + text, e);
      }
    }
    assertThat(valid).as("some mutations stay valid").isPositive();
  }

  private static String mutate(String text, Random r) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits && !lines.isEmpty(); e++) {
      int i = r.nextInt(lines.size());
      switch (r.nextInt(5)) {
        case 0 -> lines.remove(i);
        case 1 -> lines.add(i, lines.get(i));
        case 2 -> lines.set(i, lines.get(r.nextInt(lines.size())));
        case 3 -> {
          String line = lines.get(i);
          int at = line.isEmpty() ? 0 : r.nextInt(line.length());
          lines.set(i, line.substring(0, at) + NOISE[r.nextInt(NOISE.length)] + line.substring(at));
        }
        default -> {
          String line = lines.get(i);
          if (!line.isEmpty()) lines.set(i, line.substring(0, r.nextInt(line.length())));
        }
      }
    }
    return String.join("\n", lines) + "\n";
  }
}
