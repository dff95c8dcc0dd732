package io.ofnevents.cli;

import io.ofnevents.model.Problem;
import io.ofnevents.model.address.AddressBook;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.load.LoadResult;
import io.ofnevents.model.load.YamlLoader;
import io.ofnevents.model.validate.Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the files and directories given on the command line (YAML files, recursively, in name
 * order), loads and validates them. The only place the CLI touches input files.
 */
final class Inputs {
  private Inputs() {}

  /** Loaded resources plus every load and validation problem. */
  static LoadResult load(List<Path> paths, String namespace) {
    return load(paths, namespace, Addressing.standalone(AddressBook.EMPTY));
  }

  /** Loaded resources plus every load and validation problem, refs resolved by `addressing`. */
  static LoadResult load(List<Path> paths, String namespace, Addressing addressing) {
    List<LoadResult> parts = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Path file : expand(paths, problems)) {
      try {
        String text =
            StandardCharsets.UTF_8
                .newDecoder()
                .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
        parts.add(YamlLoader.load(display(file), text, namespace));
      } catch (CharacterCodingException e) {
        problems.add(Problem.error(display(file), 0, null, null, "not UTF-8 text"));
      } catch (IOException e) {
        problems.add(Problem.error(display(file), 0, null, null, "cannot read: " + e.getMessage()));
      }
    }
    LoadResult loaded = LoadResult.merge(parts);
    problems.addAll(loaded.problems());
    problems.addAll(Validator.validate(loaded.resources(), addressing));
    problems.sort(Problem.ORDER);
    return new LoadResult(loaded.resources(), List.copyOf(problems));
  }

  /** Prints problems (errors and warnings) and returns whether there were errors. */
  static boolean report(List<Problem> problems, PrintWriter err) {
    problems.forEach(p -> err.println(p.format()));
    err.flush();
    return problems.stream().anyMatch(Problem::isError);
  }

  static List<Path> expand(List<Path> paths, List<Problem> problems) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile).filter(Inputs::isYaml).sorted().forEach(files::add);
        } catch (IOException e) {
          problems.add(
              Problem.error(display(p), 0, null, null, "cannot read directory: " + e.getMessage()));
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        problems.add(Problem.error(display(p), 0, null, null, "no such file or directory"));
      }
    }
    if (files.isEmpty() && problems.isEmpty()) {
      problems.add(Problem.error(null, 0, null, null, "no YAML files found in " + paths));
    }
    return files;
  }

  private static boolean isYaml(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static String display(Path p) {
    return p.normalize().toString();
  }
}
