package io.ofnevents.cli;

import io.ofnevents.model.load.LoadResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `validate PATH...`: every problem as file:line: Kind ns/name: field: message. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check resources; print every problem. Exit 0 when valid, 1 when not.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "YAML files or directories.")
  List<Path> paths;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Namespace of resources without one (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Override
  public Integer call() {
    LoadResult result = Inputs.load(paths, namespace);
    boolean errors = Inputs.report(result.problems(), spec.commandLine().getErr());
    if (errors) return 1;
    spec.commandLine().getOut().println(result.resources().size() + " resource(s) valid");
    return 0;
  }
}
