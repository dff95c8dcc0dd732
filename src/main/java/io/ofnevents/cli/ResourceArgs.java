package io.ofnevents.cli;

import io.ofnevents.model.Problem;
import io.ofnevents.model.address.AddressBook;
import io.ofnevents.model.address.Addressing;
import io.ofnevents.model.load.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The resource inputs every command takes: PATH..., --namespace, --address and --addresses. */
final class ResourceArgs {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "YAML files or directories.")
  List<Path> paths;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Namespace of resources without one (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Mixin AddressArgs addressArgs = new AddressArgs();

  /** How refs resolve in this command (standalone unless it says otherwise); set by loadValid. */
  Addressing addressing;

  /** Loads and validates standalone; prints every problem to `err`. Null when there were errors. */
  LoadResult loadValid(PrintWriter err) {
    return loadValid(err, Addressing::standalone);
  }

  /**
   * Loads and validates with the addressing `mode` makes of the `--address` entries; prints every
   * problem to `err`. Null when there were errors.
   */
  LoadResult loadValid(PrintWriter err, Function<AddressBook, Addressing> mode) {
    List<Problem> problems = new ArrayList<>();
    AddressBook book;
    try {
      book = addressArgs.book(problems);
    } catch (IllegalArgumentException e) {
      problems.add(Problem.error(null, 0, null, null, e.getMessage()));
      book = AddressBook.EMPTY;
    }
    if (Inputs.report(problems, err)) return null;
    addressing = mode.apply(book);
    LoadResult loaded = Inputs.load(paths, namespace, addressing);
    return Inputs.report(loaded.problems(), err) ? null : loaded;
  }
}
