package io.ofnevents.cli;

import io.ofnevents.model.load.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The resource inputs every command takes: PATH... and --namespace. */
final class ResourceArgs {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "YAML files or directories.")
  List<Path> paths;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Namespace of resources without one (default: ${DEFAULT-VALUE}).")
  String namespace;

  /** Loads and validates; prints every problem to `err`. Null when there were errors. */
  LoadResult loadValid(PrintWriter err) {
    LoadResult loaded = Inputs.load(paths, namespace);
    return Inputs.report(loaded.problems(), err) ? null : loaded;
  }
}
